// Fused optimizer updates: one call per parameter, in place, outside autograd. The arithmetic
// follows torch.optim.SGD and torch.optim.Adam (PyTorch 1.13, single-tensor path) step for step,
// so a C# run matches a PyTorch run with the same hyper-parameters.
#include "at_common.h"

#include <functional>

namespace {

// How an update reaches the parameter (ParameterUpdate in C#).
//  0 in place: the usual way; autograd sees it, so a graph that saved the parameter and has not run
//    backward yet fails its version check.
//  1 in place, untracked: written through variable_data(), whose version counter is its own, so graphs
//    still in flight silently read the new values (stale weights: PipeDream without stashing).
//  2 fresh storage: the new values go into a new tensor that becomes the parameter's data (set_data),
//    so storage that a graph saved is never written again (the basis of weight stashing).
void write(at::Tensor& param, int update, const std::function<void(at::Tensor&)>& in_place,
           const std::function<at::Tensor(const at::Tensor&)>& fresh) {
  switch (update) {
    case 0: in_place(param); break;
    case 1: { auto data = param.variable_data(); in_place(data); break; }
    case 2: param.set_data(fresh(param.detach())); break;
    default: throw std::invalid_argument("unknown parameter update kind " + std::to_string(update));
  }
}

// SGD with a momentum buffer in one pass over contiguous float32 CPU tensors, where the op-by-op path makes three to
// five (weight decay, two for the buffer, one for the parameter). The async mode updates after every micro-batch,
// so this memory traffic is a visible share of a stage's time. Returns false when the tensors do not qualify.
// Rounding may differ from the op-by-op path in the last bit (no fused multiply-add here).
bool sgd_momentum_fused(at::Tensor& param, const at::Tensor& grad, at::Tensor& buffer, double lr, double momentum,
                        double dampening, double weight_decay, bool nesterov, int update) {
  const auto qualifies = [](const at::Tensor& t) {
    return t.device().is_cpu() && t.scalar_type() == at::kFloat && t.is_contiguous() && t.layout() == at::kStrided;
  };
  if (!qualifies(param) || !qualifies(grad) || !qualifies(buffer) || grad.numel() != param.numel() ||
      buffer.numel() != param.numel() || update < 0 || update > 2)
    return false;
  at::Tensor out = update == 2 ? at::empty_like(param, at::MemoryFormat::Contiguous) : param;
  const float* p = param.data_ptr<float>();
  const float* g = grad.data_ptr<float>();
  float* b = buffer.data_ptr<float>();
  float* o = out.data_ptr<float>();
  const float m = static_cast<float>(momentum), keep = static_cast<float>(1 - dampening);
  const float wd = static_cast<float>(weight_decay), step = static_cast<float>(-lr);
  at::parallel_for(0, param.numel(), 1 << 15, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; i++) {
      const float d = wd != 0 ? g[i] + wd * p[i] : g[i];
      const float buf = b[i] * m + keep * d;
      b[i] = buf;
      o[i] = p[i] + step * (nesterov ? d + m * buf : buf);
    }
  });
  // Raw writes bypass autograd's version counter: bump it by hand when the update is meant to be tracked.
  if (update == 0) torch::autograd::impl::bump_version(param);
  if (update == 2) param.set_data(out);
  return true;
}

}  // namespace

// SGD with momentum, dampening, weight decay and Nesterov. `*buffer` is the momentum buffer: when
// null (first step) it is created from the gradient and handed back. A parameter without a gradient
// is left alone and *applied is 0.
AT_API at_sgd_step(TensorH param, TensorH* buffer, double lr, double momentum, double dampening,
                   double weight_decay, int nesterov, int update, int* applied) {
  AT_GUARD(
    at::NoGradGuard no_grad;
    *applied = 0;
    const auto& grad = param->grad();
    if (!grad.defined()) return 0;
    if (momentum != 0 && *buffer != nullptr &&
        sgd_momentum_fused(*param, grad, **buffer, lr, momentum, dampening, weight_decay, nesterov != 0, update)) {
      *applied = 1;
      return 0;
    }
    at::Tensor d_p = weight_decay != 0 ? grad.add(*param, weight_decay) : grad;
    if (momentum != 0) {
      if (*buffer == nullptr) {
        *buffer = atshim::new_tensor(d_p.clone().detach());
      } else {
        (*buffer)->mul_(momentum).add_(d_p, 1 - dampening);
      }
      d_p = nesterov ? d_p.add(**buffer, momentum) : **buffer;
    }
    write(*param, update, [&](at::Tensor& p) { p.add_(d_p, -lr); },
          [&](const at::Tensor& p) { return p.add(d_p, -lr); });
    *applied = 1);
}

// Adam with bias correction. `step` is this parameter's step count including the current step.
// `*exp_avg` and `*exp_avg_sq` are created as zeros when null and handed back.
AT_API at_adam_step(TensorH param, TensorH* exp_avg, TensorH* exp_avg_sq, int64_t step, double lr, double beta1,
                    double beta2, double eps, double weight_decay, int update, int* applied) {
  AT_GUARD(
    at::NoGradGuard no_grad;
    *applied = 0;
    const auto& grad_ref = param->grad();
    if (!grad_ref.defined()) return 0;
    at::Tensor grad = weight_decay != 0 ? grad_ref.add(*param, weight_decay) : grad_ref;
    if (*exp_avg == nullptr) *exp_avg = atshim::new_tensor(at::zeros_like(*param, at::MemoryFormat::Preserve));
    if (*exp_avg_sq == nullptr) *exp_avg_sq = atshim::new_tensor(at::zeros_like(*param, at::MemoryFormat::Preserve));
    auto& m = **exp_avg;
    auto& v = **exp_avg_sq;
    m.mul_(beta1).add_(grad, 1 - beta1);
    v.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
    const double bias_correction1 = 1 - std::pow(beta1, static_cast<double>(step));
    const double bias_correction2 = 1 - std::pow(beta2, static_cast<double>(step));
    const double step_size = lr / bias_correction1;
    auto denom = (v.sqrt() / std::sqrt(bias_correction2)).add_(eps);
    write(*param, update, [&](at::Tensor& p) { p.addcdiv_(m, denom, -step_size); },
          [&](const at::Tensor& p) { return p.addcdiv(m, denom, -step_size); });
    *applied = 1);
}
