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
