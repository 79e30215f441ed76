// Keeps glibc from handing libtorch's large tensor buffers back to the OS after every step. By default each
// buffer over the (dynamic) mmap threshold is mmap'd and unmapped per use, which costs hundreds of thousands
// of page faults per epoch of mlp6; with these thresholds freed buffers are reused from the heap.
#include <malloc.h>

namespace {
__attribute__((constructor)) void keep_large_buffers() {
  mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
}
}  // namespace
