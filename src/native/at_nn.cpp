// Neural-network functions: linear, dropout, batch norm, convolution, pooling and losses.
// Optional tensors (bias, affine weights, running statistics) arrive as null handles.
#include "at_common.h"

using atshim::new_tensor;
using atshim::optional;

AT_API at_linear(TensorH x, TensorH w, TensorH b, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::linear(*x, *w, optional(b))));
}

AT_API at_dropout(TensorH x, double p, int training, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::dropout(*x, p, training != 0)));
}

// In training mode, normalises with batch statistics and (when given) updates the running
// statistics in place with `momentum`; in eval mode, normalises with the running statistics.
AT_API at_batch_norm(TensorH x, TensorH weight, TensorH bias, TensorH running_mean, TensorH running_var,
                     int training, double momentum, double eps, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::batch_norm(*x, optional(weight), optional(bias), optional(running_mean),
                                            optional(running_var), training != 0, momentum, eps,
                                            at::globalContext().userEnabledCuDNN())));
}

AT_API at_conv2d(TensorH x, TensorH w, TensorH b, int64_t stride_h, int64_t stride_w, int64_t pad_h,
                 int64_t pad_w, int64_t dilation_h, int64_t dilation_w, int64_t groups, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::conv2d(*x, *w, optional(b), {stride_h, stride_w}, {pad_h, pad_w},
                                        {dilation_h, dilation_w}, groups)));
}

AT_API at_max_pool2d(TensorH x, int64_t kernel_h, int64_t kernel_w, int64_t stride_h, int64_t stride_w,
                     int64_t pad_h, int64_t pad_w, int ceil_mode, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::max_pool2d(*x, {kernel_h, kernel_w}, {stride_h, stride_w}, {pad_h, pad_w},
                                            {1, 1}, ceil_mode != 0)));
}

// Losses. `reduction` is at::Reduction: 0 none, 1 mean, 2 sum.
AT_API at_cross_entropy(TensorH logits, TensorH target, int64_t reduction, double label_smoothing, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::cross_entropy_loss(*logits, *target, c10::nullopt, reduction, -100, label_smoothing)));
}

AT_API at_nll_loss(TensorH log_probs, TensorH target, int64_t reduction, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::nll_loss(*log_probs, *target, c10::nullopt, reduction, -100)));
}

AT_API at_mse_loss(TensorH input, TensorH target, int64_t reduction, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::mse_loss(*input, *target, reduction)));
}
