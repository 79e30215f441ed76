// Tensor creation, metadata, conversion and bulk copies between managed memory and tensors.
#include "at_common.h"

#include <cstring>

namespace {
// Bulk copies go through a contiguous CPU tensor of exactly the caller's dtype and byte count, so a
// mismatch is an error rather than a silent reinterpretation of memory.
void check_copy(const at::Tensor& t, int dtype, int64_t nbytes) {
  if (t.scalar_type() != static_cast<at::ScalarType>(dtype))
    throw std::runtime_error(std::string("dtype mismatch: tensor is ") + c10::toString(t.scalar_type()) +
                             " but the buffer holds " + c10::toString(static_cast<at::ScalarType>(dtype)));
  const int64_t expected = t.numel() * static_cast<int64_t>(t.element_size());
  if (expected != nbytes)
    throw std::runtime_error("size mismatch: tensor of shape " + c10::str(t.sizes()) + " holds " +
                             std::to_string(expected) + " bytes but the buffer has " + std::to_string(nbytes));
}
}  // namespace

// Copies `nbytes` from `data` into a new CPU tensor of the given shape and dtype.
AT_API at_tensor_from_data(const void* data, int64_t nbytes, const int64_t* shape, int ndim, int dtype, TensorH* out) {
  AT_GUARD(
    auto t = torch::empty(atshim::dims(shape, ndim), at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)));
    check_copy(t, dtype, nbytes);
    if (nbytes > 0) std::memcpy(t.data_ptr(), data, static_cast<size_t>(nbytes));
    *out = atshim::new_tensor(std::move(t)));
}

AT_API at_tensor_empty(const int64_t* shape, int ndim, int dtype, int dev, int dev_index, TensorH* out) {
  AT_GUARD(*out = atshim::new_tensor(torch::empty(atshim::dims(shape, ndim), atshim::options(dtype, dev, dev_index))));
}

AT_API at_tensor_full(const int64_t* shape, int ndim, double value, int dtype, int dev, int dev_index, TensorH* out) {
  AT_GUARD(*out = atshim::new_tensor(torch::full(atshim::dims(shape, ndim), value, atshim::options(dtype, dev, dev_index))));
}

AT_API at_tensor_scalar(double value, int dtype, int dev, int dev_index, TensorH* out) {
  AT_GUARD(*out = atshim::new_tensor(torch::scalar_tensor(value, atshim::options(dtype, dev, dev_index))));
}

AT_API at_tensor_arange(double start, double end, double step, int dtype, int dev, int dev_index, TensorH* out) {
  AT_GUARD(*out = atshim::new_tensor(torch::arange(start, end, step, atshim::options(dtype, dev, dev_index))));
}

// Copies the tensor's elements (any device, any layout) into a caller buffer of exactly its size.
AT_API at_tensor_copy_to(TensorH t, int dtype, void* dst, int64_t nbytes) {
  AT_GUARD(
    check_copy(*t, dtype, nbytes);
    auto src = t->device().is_cpu() ? t->contiguous() : t->to(at::kCPU).contiguous();
    if (nbytes > 0) std::memcpy(dst, src.data_ptr(), static_cast<size_t>(nbytes)));
}

// Overwrites the tensor's elements from a caller buffer of exactly its size (keeps the storage).
AT_API at_tensor_copy_from(TensorH t, int dtype, const void* src, int64_t nbytes) {
  AT_GUARD(
    check_copy(*t, dtype, nbytes);
    if (nbytes == 0) return 0;
    at::NoGradGuard no_grad;
    if (t->device().is_cpu() && t->is_contiguous()) {
      std::memcpy(t->data_ptr(), src, static_cast<size_t>(nbytes));
    } else {
      auto staged = torch::empty(t->sizes(), at::TensorOptions().dtype(t->scalar_type()));
      std::memcpy(staged.data_ptr(), src, static_cast<size_t>(nbytes));
      t->copy_(staged);
    });
}

AT_API at_tensor_dim(TensorH t, int64_t* out) { AT_GUARD(*out = t->dim()); }

// Writes min(dim, capacity) sizes; the caller asks for the dimension first.
AT_API at_tensor_shape(TensorH t, int64_t* dst, int capacity) {
  AT_GUARD(
    auto sizes = t->sizes();
    for (size_t i = 0; i < sizes.size() && static_cast<int>(i) < capacity; ++i) dst[i] = sizes[i]);
}

AT_API at_tensor_numel(TensorH t, int64_t* out) { AT_GUARD(*out = t->numel()); }

AT_API at_tensor_nbytes(TensorH t, int64_t* out) {
  AT_GUARD(*out = t->numel() * static_cast<int64_t>(t->element_size()));
}

AT_API at_tensor_dtype(TensorH t, int* out) { AT_GUARD(*out = static_cast<int>(t->scalar_type())); }

AT_API at_tensor_device(TensorH t, int* type, int* index) {
  AT_GUARD(
    *type = static_cast<int>(t->device().type());
    *index = t->device().has_index() ? t->device().index() : 0);
}

AT_API at_tensor_is_contiguous(TensorH t, int* out) { AT_GUARD(*out = t->is_contiguous() ? 1 : 0); }

// Converts device and/or dtype; dtype < 0 keeps the tensor's dtype.
AT_API at_tensor_to(TensorH t, int dtype, int dev, int dev_index, TensorH* out) {
  AT_GUARD(
    auto target = atshim::device(dev, dev_index);
    auto type = dtype < 0 ? t->scalar_type() : static_cast<at::ScalarType>(dtype);
    *out = atshim::new_tensor(t->to(target, type)));
}

AT_API at_tensor_to_dtype(TensorH t, int dtype, TensorH* out) {
  AT_GUARD(*out = atshim::new_tensor(t->to(static_cast<at::ScalarType>(dtype))));
}

AT_API at_tensor_detach(TensorH t, TensorH* out) { AT_GUARD(*out = atshim::new_tensor(t->detach())); }

AT_API at_tensor_clone(TensorH t, TensorH* out) { AT_GUARD(*out = atshim::new_tensor(t->clone())); }

AT_API at_tensor_contiguous(TensorH t, TensorH* out) { AT_GUARD(*out = atshim::new_tensor(t->contiguous())); }

// A second handle to the same tensor (same storage, same autograd identity).
AT_API at_tensor_alias(TensorH t, TensorH* out) { AT_GUARD(*out = atshim::new_tensor(*t)); }

// Raw element pointer for zero-copy bulk access; only contiguous CPU tensors qualify.
AT_API at_tensor_data_ptr(TensorH t, void** out) {
  AT_GUARD(
    TORCH_CHECK(t->device().is_cpu(), "data pointer requested for a tensor on ", t->device());
    TORCH_CHECK(t->is_contiguous(), "data pointer requested for a non-contiguous tensor of shape ", t->sizes());
    *out = t->data_ptr());
}

AT_API at_tensor_item_double(TensorH t, double* out) { AT_GUARD(*out = t->item<double>()); }

AT_API at_tensor_item_long(TensorH t, int64_t* out) { AT_GUARD(*out = t->item<int64_t>()); }

// Human-readable rendering for debugging (malloc'd; free with at_free_string).
AT_API at_tensor_to_string(TensorH t, char** out) {
  AT_GUARD(
    std::ostringstream s;
    s << *t;
    auto text = s.str();
    *out = static_cast<char*>(std::malloc(text.size() + 1));
    std::memcpy(*out, text.c_str(), text.size() + 1));
}

// Swaps t's data for `data`'s (same autograd identity, new storage, possibly another device or
// dtype), as PyTorch's `param.data = ...`: modules move parameters this way without replacing them.
AT_API at_tensor_set_data(TensorH t, TensorH data) { AT_GUARD(t->set_data(*data)); }

// Autograd's version counter of t: bumped by every tracked in-place write to its storage.
AT_API at_tensor_version(TensorH t, int64_t* out) { AT_GUARD(*out = static_cast<int64_t>(t->_version())); }
