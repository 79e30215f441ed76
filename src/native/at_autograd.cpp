// Autograd: requires_grad, backward with an upstream gradient, gradient access, grad mode.
#include "at_common.h"

AT_API at_requires_grad(TensorH t, int* out) { AT_GUARD(*out = t->requires_grad() ? 1 : 0); }

AT_API at_set_requires_grad(TensorH t, int value) { AT_GUARD(t->set_requires_grad(value != 0)); }

AT_API at_is_leaf(TensorH t, int* out) { AT_GUARD(*out = t->is_leaf() ? 1 : 0); }

// Backpropagates from t. `grad` may be null for a one-element t (an implicit gradient of 1).
AT_API at_backward(TensorH t, TensorH grad, int retain_graph) {
  AT_GUARD(
    at::Tensor g = grad ? *grad : at::Tensor();
    t->backward(g, retain_graph != 0 ? c10::optional<bool>(true) : c10::nullopt, false));
}

// Writes a new handle to t's gradient, or null when it has none.
AT_API at_grad(TensorH t, TensorH* out) {
  AT_GUARD(
    const auto& g = t->grad();
    *out = g.defined() ? atshim::new_tensor(g) : nullptr);
}

// Replaces t's gradient; a null grad clears it.
AT_API at_set_grad(TensorH t, TensorH grad) {
  AT_GUARD(t->mutable_grad() = grad ? *grad : at::Tensor());
}

// Zeroes t's gradient in place, or drops it when set_to_none (the next backward allocates afresh).
AT_API at_zero_grad(TensorH t, int set_to_none) {
  AT_GUARD(
    auto& g = t->mutable_grad();
    if (!g.defined()) return 0;
    if (set_to_none) {
      g.reset();
    } else {
      if (g.grad_fn()) g = g.detach();
      g.requires_grad_(false);
      g.zero_();
    });
}

// Grad mode is thread-local in libtorch: these read and set it for the calling thread only.
AT_API at_is_grad_enabled(int* out) { AT_GUARD(*out = at::GradMode::is_enabled() ? 1 : 0); }

AT_API at_set_grad_enabled(int enabled) { AT_GUARD(at::GradMode::set_enabled(enabled != 0)); }
