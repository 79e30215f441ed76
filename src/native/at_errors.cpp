// The per-thread error channel between the shim and C#.
#include "at_common.h"

#include <cstdlib>
#include <cstring>

namespace {
thread_local std::string last_error;
}

void atshim::set_error(const char* message) { last_error = message ? message : "(no message)"; }

// Hands the last error on this thread to the caller (malloc'd; free with at_free_string) and clears it.
AT_API at_take_error(char** out) {
  AT_GUARD(
    *out = static_cast<char*>(std::malloc(last_error.size() + 1));
    std::memcpy(*out, last_error.c_str(), last_error.size() + 1);
    last_error.clear());
}

extern "C" __attribute__((visibility("default"))) void at_free_string(char* s) { std::free(s); }

// Frees a tensor handle. Never fails: a handle is freed exactly once, by its SafeHandle.
extern "C" __attribute__((visibility("default"))) void at_tensor_free(TensorH t) { delete t; }
