// Process and thread settings: seeds, generators, intra-op threads, version, CUDA availability.
#include "at_common.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <cstring>
#include <dlfcn.h>

// Seeds the default generators (CPU, and every CUDA device when present), as torch.manual_seed.
AT_API at_manual_seed(int64_t seed) { AT_GUARD(torch::manual_seed(static_cast<uint64_t>(seed))); }

namespace {
// OpenBLAS keeps its own thread pool, which at::set_num_threads does not size. Found at run time so the shim
// still loads against an MKL or CUDA libtorch without OpenBLAS.
// .NET loads the shim RTLD_LOCAL, so its dependencies are not in the global scope: ask the loaded libraries too.
void set_blas_threads(int n) {
  using SetThreads = void (*)(int);
  void* symbol = dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
  for (const char* lib : {"libopenblas.so.0", "libblas.so.3"}) {
    if (symbol) break;
    if (void* handle = dlopen(lib, RTLD_LAZY | RTLD_NOLOAD)) {
      symbol = dlsym(handle, "openblas_set_num_threads");
      dlclose(handle);
    }
  }
  if (symbol) reinterpret_cast<SetThreads>(symbol)(n);
}
}  // namespace

// Sets the intra-op thread count for the calling thread's kernels and the BLAS pool. With OpenMP the count is
// per thread, so a stage actor calls this on its own thread.
AT_API at_set_num_threads(int n) { AT_GUARD(at::set_num_threads(n); set_blas_threads(n)); }

AT_API at_get_num_threads(int* out) { AT_GUARD(*out = at::get_num_threads()); }

// Writes "major.minor.patch" of the libtorch this shim was compiled against (malloc'd).
AT_API at_version(char** out) {
  AT_GUARD(
    std::string v = std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
                    std::to_string(TORCH_VERSION_PATCH);
    *out = static_cast<char*>(std::malloc(v.size() + 1));
    std::memcpy(*out, v.c_str(), v.size() + 1));
}

AT_API at_cuda_is_available(int* out) { AT_GUARD(*out = torch::cuda::is_available() ? 1 : 0); }

AT_API at_cuda_device_count(int* out) { AT_GUARD(*out = static_cast<int>(torch::cuda::device_count())); }

// A private CPU random generator, so an actor's random draws do not depend on other threads.
AT_API at_generator_new(int64_t seed, GeneratorH* out) {
  AT_GUARD(*out = new at::Generator(at::detail::createCPUGenerator(static_cast<uint64_t>(seed))));
}

AT_API at_generator_seed(GeneratorH g, int64_t seed) {
  AT_GUARD(
    std::lock_guard<std::mutex> lock(g->mutex());
    g->set_current_seed(static_cast<uint64_t>(seed)));
}

extern "C" __attribute__((visibility("default"))) void at_generator_free(GeneratorH g) { delete g; }
