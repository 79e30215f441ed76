// Shared by every shim file: the C ABI conventions and the one exception boundary.
//
// Every export is `AT_API name(args..., out params)`: it returns 0 on success and 1 on failure,
// writes results only through out parameters, and never lets a C++ exception cross into C#.
// The failure message is kept per thread; the C# side takes it with at_take_error right after
// the failing call, on the same thread.
#pragma once

#include <torch/torch.h>
#include <string>

#define AT_API extern "C" __attribute__((visibility("default"))) int

namespace atshim {
void set_error(const char* message);
// Heap-allocated handle: C# owns it through a SafeHandle and frees it with at_tensor_free.
inline at::Tensor* new_tensor(at::Tensor t) { return new at::Tensor(std::move(t)); }
}  // namespace atshim

typedef at::Tensor* TensorH;

// Wraps a whole function body. Catches c10::Error (without its C++ backtrace, which is noise in
// a C# exception), std::exception and anything else.
#define AT_GUARD(...)                                                       \
  try {                                                                     \
    __VA_ARGS__;                                                            \
    return 0;                                                               \
  } catch (const c10::Error& e) {                                           \
    atshim::set_error(e.what_without_backtrace());                          \
  } catch (const std::exception& e) {                                       \
    atshim::set_error(e.what());                                            \
  } catch (...) {                                                           \
    atshim::set_error("unknown native exception");                          \
  }                                                                         \
  return 1;

// Helpers shared by the tensor, ops, nn and optim files.
typedef at::Generator* GeneratorH;

namespace atshim {
inline at::IntArrayRef dims(const int64_t* shape, int ndim) {
  return at::IntArrayRef(shape, static_cast<size_t>(ndim));
}

// Device codes are c10::DeviceType values (0 = CPU, 1 = CUDA). Asking for CUDA on a build or
// machine without it fails here, with a message that says so, instead of deep inside an op.
inline at::Device device(int type, int index) {
  if (type == static_cast<int>(c10::DeviceType::CPU)) return at::Device(c10::DeviceType::CPU);
  if (type == static_cast<int>(c10::DeviceType::CUDA)) {
    if (!torch::cuda::is_available())
      throw std::runtime_error("CUDA device cuda:" + std::to_string(index) +
                               " requested but this libtorch has no CUDA support (torch.cuda.is_available() is false)");
    if (index < 0 || static_cast<size_t>(index) >= torch::cuda::device_count())
      throw std::runtime_error("CUDA device cuda:" + std::to_string(index) + " requested but only " +
                               std::to_string(torch::cuda::device_count()) + " CUDA device(s) are present");
    return at::Device(c10::DeviceType::CUDA, static_cast<c10::DeviceIndex>(index));
  }
  throw std::runtime_error("unsupported device type code " + std::to_string(type));
}

// dtype codes are c10::ScalarType values (stable across libtorch versions).
inline at::TensorOptions options(int dtype, int device_type, int device_index) {
  return at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)).device(device(device_type, device_index));
}

inline c10::optional<at::Generator> generator(GeneratorH g) {
  return g ? c10::optional<at::Generator>(*g) : c10::nullopt;
}
}  // namespace atshim

namespace atshim {
// An optional tensor argument: a null handle means "absent".
inline c10::optional<at::Tensor> optional(TensorH t) {
  return t ? c10::optional<at::Tensor>(*t) : c10::nullopt;
}
}  // namespace atshim
