// Memory for CPU tensors. Two measures, both against page faults, which were a large share of a step's time:
//
// 1. glibc keeps freed large buffers in its heap instead of unmapping them (by default each buffer over the
//    dynamic mmap threshold is mmap'd and unmapped per use: hundreds of thousands of faults per epoch of mlp6).
// 2. Buffers of 1 MiB and more come from a small cache of freed blocks of the same size. Tensor sizes repeat
//    exactly from step to step, so nearly every large allocation is a reuse. glibc alone was not enough: a
//    per-thread arena's 64 MiB heap is unmapped the moment it is empty, whatever the trim threshold, and with
//    tensors made on one stage's thread and freed on another's that happened at random (measured: the pipeline
//    without flush had 400-575k page faults in one run and 90k in the next, 12.8 s against 7.4 s).
#include <malloc.h>

#include <c10/core/CPUAllocator.h>
#include <c10/core/impl/alloc_cpu.h>
#include <torch/version.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace {

// Blocks are handed out with the data pointer as their context, as libtorch's raw_allocate/raw_deallocate path
// requires, so the cache remembers each large block's size by address.
class BlockCache final : public c10::Allocator {
 public:
  c10::DataPtr allocate(size_t bytes) const override {
    void* data = bytes >= kMinBlock ? take(bytes) : nullptr;
    if (data == nullptr) data = c10::alloc_cpu(bytes);
    if (bytes < kMinBlock) return {data, data, &c10::free_cpu, c10::Device(c10::DeviceType::CPU)};
    {
      std::lock_guard<std::mutex> lock(mutex_);
      sizes_[data] = bytes;
    }
    return {data, data, &BlockCache::release, c10::Device(c10::DeviceType::CPU)};
  }

  c10::DeleterFnPtr raw_deleter() const override { return &BlockCache::release; }

#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 3)
  // libtorch 2.3 made copying part of the allocator interface.
  void copy_data(void* dest, const void* src, std::size_t count) const override { default_copy_data(dest, src, count); }
#endif

  static BlockCache& instance() {
    static BlockCache* cache = new BlockCache();  // never destroyed: tensors may be freed during exit
    return *cache;
  }

 private:
  static constexpr size_t kMinBlock = 1 << 20;
  static constexpr size_t kMaxCached = size_t{1} << 30;

  void* take(size_t bytes) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = free_.find(bytes);
    if (it == free_.end() || it->second.empty()) return nullptr;
    void* data = it->second.back();
    it->second.pop_back();
    cached_ -= bytes;
    return data;
  }

  // Frees any block this allocator made: a large one goes back to the cache while it has room.
  static void release(void* data) {
    auto& self = instance();
    {
      std::lock_guard<std::mutex> lock(self.mutex_);
      auto it = self.sizes_.find(data);
      if (it != self.sizes_.end()) {
        const size_t bytes = it->second;
        self.sizes_.erase(it);
        if (self.cached_ + bytes <= kMaxCached) {
          self.free_[bytes].push_back(data);
          self.cached_ += bytes;
          return;
        }
      }
    }
    c10::free_cpu(data);
  }

  mutable std::mutex mutex_;
  mutable std::unordered_map<void*, size_t> sizes_;                // large blocks in use, by address
  mutable std::unordered_map<size_t, std::vector<void*>> free_;     // cached blocks, by size
  mutable size_t cached_ = 0;
};

__attribute__((constructor)) void tune_cpu_memory() {
  mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
  // ACTORTRAIN_BLOCK_CACHE=0 keeps libtorch's own allocator (to compare, or to see true peak memory).
  const char* cache = std::getenv("ACTORTRAIN_BLOCK_CACHE");
  if (cache == nullptr || std::strcmp(cache, "0") != 0) c10::SetCPUAllocator(&BlockCache::instance(), /*priority=*/1);
}

}  // namespace
