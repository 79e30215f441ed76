// Tensor operations: arithmetic, activations, reductions, comparisons, shape and indexing, random.
#include "at_common.h"

#include <cmath>
#include <vector>

using atshim::new_tensor;

namespace {
// C# passes every scalar as a double. A whole number becomes an integer scalar so that integer
// tensors (counters, labels) stay integer, as `t + 1` does in PyTorch.
at::Scalar scalar(double s) {
  return s == std::floor(s) && std::abs(s) < 9.0e15 ? at::Scalar(static_cast<int64_t>(s)) : at::Scalar(s);
}
}  // namespace

#define AT_UNARY(name, expr) \
  AT_API at_##name(TensorH a, TensorH* out) { AT_GUARD(*out = new_tensor(expr)); }
#define AT_BINARY(name, expr) \
  AT_API at_##name(TensorH a, TensorH b, TensorH* out) { AT_GUARD(*out = new_tensor(expr)); }
#define AT_BINARY_INPLACE(name, expr) \
  AT_API at_##name(TensorH a, TensorH b) { AT_GUARD(expr); }
#define AT_SCALAR(name, expr) \
  AT_API at_##name(TensorH a, double s, TensorH* out) { AT_GUARD(*out = new_tensor(expr)); }
#define AT_SCALAR_INPLACE(name, expr) \
  AT_API at_##name(TensorH a, double s) { AT_GUARD(expr); }

// ---- arithmetic: out = a op alpha*b, and the in-place forms ----
AT_API at_add(TensorH a, TensorH b, double alpha, TensorH* out) { AT_GUARD(*out = new_tensor(at::add(*a, *b, alpha))); }
AT_API at_sub(TensorH a, TensorH b, double alpha, TensorH* out) { AT_GUARD(*out = new_tensor(at::sub(*a, *b, alpha))); }
AT_API at_add_(TensorH a, TensorH b, double alpha) { AT_GUARD(a->add_(*b, alpha)); }
AT_API at_sub_(TensorH a, TensorH b, double alpha) { AT_GUARD(a->sub_(*b, alpha)); }
AT_BINARY(mul, at::mul(*a, *b))
AT_BINARY(div, at::div(*a, *b))
AT_BINARY(matmul, at::matmul(*a, *b))
AT_BINARY(eq, at::eq(*a, *b))
AT_BINARY(maximum, at::maximum(*a, *b))
AT_BINARY(pow, at::pow(*a, *b))
AT_BINARY_INPLACE(mul_, a->mul_(*b))
AT_BINARY_INPLACE(div_, a->div_(*b))
AT_BINARY_INPLACE(copy_, a->copy_(*b))

AT_SCALAR(add_scalar, at::add(*a, scalar(s)))
AT_SCALAR(mul_scalar, at::mul(*a, scalar(s)))
AT_SCALAR(div_scalar, at::div(*a, scalar(s)))
AT_SCALAR(rsub_scalar, at::rsub(*a, scalar(s)))
AT_SCALAR(pow_scalar, at::pow(*a, scalar(s)))
AT_SCALAR(eq_scalar, at::eq(*a, scalar(s)))
AT_SCALAR(gt_scalar, at::gt(*a, scalar(s)))
AT_SCALAR(lt_scalar, at::lt(*a, scalar(s)))
AT_SCALAR_INPLACE(add_scalar_, a->add_(scalar(s)))
AT_SCALAR_INPLACE(mul_scalar_, a->mul_(scalar(s)))
AT_SCALAR_INPLACE(div_scalar_, a->div_(scalar(s)))
AT_SCALAR_INPLACE(fill_, a->fill_(scalar(s)))
AT_API at_zero_(TensorH a) { AT_GUARD(a->zero_()); }
AT_API at_clamp(TensorH a, double lo, double hi, TensorH* out) { AT_GUARD(*out = new_tensor(at::clamp(*a, lo, hi))); }

// ---- element-wise functions and activations ----
AT_UNARY(neg, at::neg(*a))
AT_UNARY(abs, at::abs(*a))
AT_UNARY(exp, at::exp(*a))
AT_UNARY(log, at::log(*a))
AT_UNARY(sqrt, at::sqrt(*a))
AT_UNARY(relu, at::relu(*a))
AT_UNARY(gelu, at::gelu(*a))
AT_UNARY(tanh, at::tanh(*a))
AT_UNARY(sigmoid, at::sigmoid(*a))
AT_API at_relu_(TensorH a) { AT_GUARD(at::relu_(*a)); }
AT_API at_softmax(TensorH a, int64_t dim, TensorH* out) { AT_GUARD(*out = new_tensor(at::softmax(*a, dim))); }
AT_API at_log_softmax(TensorH a, int64_t dim, TensorH* out) { AT_GUARD(*out = new_tensor(at::log_softmax(*a, dim))); }

// ---- reductions ----
AT_UNARY(sum, at::sum(*a))
AT_UNARY(mean, at::mean(*a))
AT_UNARY(max, at::max(*a))
AT_UNARY(min, at::min(*a))
AT_API at_sum_dim(TensorH a, int64_t dim, int keepdim, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::sum(*a, at::IntArrayRef(&dim, 1), keepdim != 0)));
}
AT_API at_mean_dim(TensorH a, int64_t dim, int keepdim, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::mean(*a, at::IntArrayRef(&dim, 1), keepdim != 0)));
}
AT_API at_var_dim(TensorH a, int64_t dim, int unbiased, int keepdim, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::var(*a, at::IntArrayRef(&dim, 1), unbiased != 0, keepdim != 0)));
}
AT_API at_argmax(TensorH a, int64_t dim, int keepdim, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::argmax(*a, dim, keepdim != 0)));
}
AT_API at_norm(TensorH a, double p, TensorH* out) { AT_GUARD(*out = new_tensor(at::norm(*a, p))); }
AT_API at_allclose(TensorH a, TensorH b, double rtol, double atol, int* out) {
  AT_GUARD(*out = at::allclose(*a, *b, rtol, atol) ? 1 : 0);
}
AT_API at_equal(TensorH a, TensorH b, int* out) { AT_GUARD(*out = at::equal(*a, *b) ? 1 : 0); }

// ---- shape and indexing ----
AT_API at_view(TensorH a, const int64_t* shape, int ndim, TensorH* out) {
  AT_GUARD(*out = new_tensor(a->view(atshim::dims(shape, ndim))));
}
AT_API at_reshape(TensorH a, const int64_t* shape, int ndim, TensorH* out) {
  AT_GUARD(*out = new_tensor(a->reshape(atshim::dims(shape, ndim))));
}
AT_API at_flatten(TensorH a, int64_t start, int64_t end, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::flatten(*a, start, end)));
}
AT_API at_narrow(TensorH a, int64_t dim, int64_t start, int64_t length, TensorH* out) {
  AT_GUARD(*out = new_tensor(a->narrow(dim, start, length)));
}
AT_API at_transpose(TensorH a, int64_t d0, int64_t d1, TensorH* out) {
  AT_GUARD(*out = new_tensor(a->transpose(d0, d1)));
}
AT_API at_unsqueeze(TensorH a, int64_t dim, TensorH* out) { AT_GUARD(*out = new_tensor(a->unsqueeze(dim))); }
AT_API at_squeeze(TensorH a, int64_t dim, TensorH* out) { AT_GUARD(*out = new_tensor(a->squeeze(dim))); }
AT_API at_cat(const TensorH* tensors, int count, int64_t dim, TensorH* out) {
  AT_GUARD(
    std::vector<at::Tensor> parts;
    parts.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) parts.push_back(*tensors[i]);
    *out = new_tensor(at::cat(parts, dim)));
}
AT_API at_stack(const TensorH* tensors, int count, int64_t dim, TensorH* out) {
  AT_GUARD(
    std::vector<at::Tensor> parts;
    parts.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) parts.push_back(*tensors[i]);
    *out = new_tensor(at::stack(parts, dim)));
}
AT_API at_index_select(TensorH a, int64_t dim, TensorH index, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::index_select(*a, dim, *index)));
}
// Writes src's slices into a at `index` along dim, in place. Runs without recording autograd so
// it can write back into parameters (IST's parameter server).
AT_API at_index_copy_(TensorH a, int64_t dim, TensorH index, TensorH src) {
  AT_GUARD(
    at::NoGradGuard no_grad;
    a->index_copy_(dim, *index, *src));
}

// ---- random: in-place initialisers and factories, optionally on a private generator ----
AT_API at_uniform_(TensorH a, double from, double to, GeneratorH g) {
  AT_GUARD(
    at::NoGradGuard no_grad;
    a->uniform_(from, to, atshim::generator(g)));
}
AT_API at_normal_(TensorH a, double mean, double std, GeneratorH g) {
  AT_GUARD(
    at::NoGradGuard no_grad;
    a->normal_(mean, std, atshim::generator(g)));
}
AT_API at_bernoulli_(TensorH a, double p, GeneratorH g) {
  AT_GUARD(
    at::NoGradGuard no_grad;
    a->bernoulli_(p, atshim::generator(g)));
}
AT_API at_rand(const int64_t* shape, int ndim, int dtype, GeneratorH g, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::rand(atshim::dims(shape, ndim), atshim::generator(g),
                                      at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)))));
}
AT_API at_randn(const int64_t* shape, int ndim, int dtype, GeneratorH g, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::randn(atshim::dims(shape, ndim), atshim::generator(g),
                                       at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)))));
}
AT_API at_randint(int64_t low, int64_t high, const int64_t* shape, int ndim, GeneratorH g, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::randint(low, high, atshim::dims(shape, ndim), atshim::generator(g),
                                         at::TensorOptions().dtype(at::kLong))));
}
AT_API at_randperm(int64_t n, GeneratorH g, TensorH* out) {
  AT_GUARD(*out = new_tensor(at::randperm(n, atshim::generator(g), at::TensorOptions().dtype(at::kLong))));
}
