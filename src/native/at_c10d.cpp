// c10d: TCPStore (rendezvous, membership, small values) and ProcessGroupGloo (tensors, collectives).
//
// Stores and groups are c10::intrusive_ptrs; C# holds each in a heap box through a SafeHandle, so a
// prefix store or a group keeps its underlying store alive after C# has released that store's own
// handle. Every blocking call takes a timeout in milliseconds and waits no longer: a dead peer or a
// timeout comes back as status 1 with Gloo's or the store's message, never as a hang.
#include "at_common.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

struct at_store {
  c10::intrusive_ptr<::c10d::Store> store;
};

struct at_group {
  c10::intrusive_ptr<::c10d::ProcessGroupGloo> group;
  int size;
  // A point-to-point message is two Gloo messages (descriptor, payload); one lock per direction,
  // peer and tag keeps a concurrent send or receive on the same lane from taking the other's half.
  std::mutex lanes_mutex;
  std::map<std::tuple<bool, int, int>, std::unique_ptr<std::mutex>> lanes;
};

typedef at_store* StoreH;
typedef at_group* GroupH;

namespace {

using std::chrono::milliseconds;

std::vector<std::string> key_list(const char* const* keys, int count) {
  return std::vector<std::string>(keys, keys + count);
}

using Clock = std::chrono::steady_clock;

Clock::time_point deadline_after(int64_t timeout_ms) { return Clock::now() + milliseconds(timeout_ms); }

// c10d reads 0 as "no timeout": a deadline already passed still gets a (tiny) positive wait.
milliseconds time_left(Clock::time_point deadline) {
  return std::max(std::chrono::duration_cast<milliseconds>(deadline - Clock::now()), milliseconds(1));
}

// A Work that reports "not completed" without throwing was aborted; say so instead of succeeding.
void finish(const c10::intrusive_ptr<::c10d::Work>& work, Clock::time_point deadline) {
  TORCH_CHECK(work->wait(time_left(deadline)), "operation was aborted before it completed");
}

// Gloo trusts both sides to move the same number of bytes: a receive buffer that is too small
// aborts the whole process on Gloo's I/O thread (beyond any catch), a larger one silently keeps
// stale bytes, and a dtype of the same width is reinterpreted. So every tensor exchange first
// moves this fixed-size descriptor ({magic, dtype, ndim, sizes..., zeros}), which cannot mismatch.
constexpr int64_t kMaxDims = 13;
constexpr int64_t kDescriptorLength = 3 + kMaxDims;
constexpr int64_t kDescriptorMagic = 0x4154433130440001;  // "ATC10D" + version 1

at::Tensor descriptor_of(const at::Tensor& t) {
  TORCH_CHECK(t.dim() <= kMaxDims, "tensors of more than ", kMaxDims, " dimensions cannot be sent, got ", t.dim());
  auto d = at::zeros({kDescriptorLength}, at::kLong);
  auto* p = d.data_ptr<int64_t>();
  p[0] = kDescriptorMagic;
  p[1] = static_cast<int64_t>(t.scalar_type());
  p[2] = t.dim();
  for (int64_t i = 0; i < t.dim(); i++) p[3 + i] = t.size(i);
  return d;
}

std::string describe(const at::Tensor& descriptor) {
  auto* p = descriptor.data_ptr<int64_t>();
  if (p[0] != kDescriptorMagic || p[1] < 0 || p[1] >= static_cast<int64_t>(at::ScalarType::NumOptions) || p[2] < 0 ||
      p[2] > kMaxDims)
    return "an unknown message";
  std::string text = c10::toString(static_cast<at::ScalarType>(p[1]));
  text += " [";
  for (int64_t i = 0; i < p[2]; i++) text += (i ? ", " : "") + std::to_string(p[3 + i]);
  return text + "]";
}

// The sender's payload as bytes, so a receive that refuses it can still take it off the wire and
// leave the lane in step for the next message.
at::Tensor payload_buffer(const at::Tensor& descriptor) {
  auto* p = descriptor.data_ptr<int64_t>();
  int64_t bytes = c10::elementSize(static_cast<at::ScalarType>(p[1]));
  for (int64_t i = 0; i < p[2]; i++) bytes *= p[3 + i];
  return at::empty({bytes}, at::kByte);
}

// Gloo reads and writes the memory behind data_ptr() directly. Checked before the descriptor goes
// out, so a refused tensor never leaves half a message on the lane.
void check_point_to_point(const at::Tensor& t) {
  TORCH_CHECK(t.device().is_cpu(), "point-to-point transfers need a CPU tensor, got one on ", t.device());
  TORCH_CHECK(t.layout() == at::kStrided && t.is_contiguous(), "point-to-point transfers need a contiguous dense tensor");
}

std::mutex& lane(at_group* g, bool sending, int peer, int tag) {
  std::lock_guard<std::mutex> lock(g->lanes_mutex);
  auto& m = g->lanes[{sending, peer, tag}];
  if (!m) m = std::make_unique<std::mutex>();
  return *m;
}

void send(at_group* g, at::Tensor t, int dst, int tag, Clock::time_point deadline) {
  std::vector<at::Tensor> tensors{std::move(t)};
  finish(g->group->send(tensors, dst, tag), deadline);
}

void recv(at_group* g, at::Tensor t, int src, int tag, Clock::time_point deadline) {
  std::vector<at::Tensor> tensors{std::move(t)};
  finish(g->group->recv(tensors, src, tag), deadline);
}

// Every rank learns whether all ranks hold the same dtype and shape, from one fixed-size MAX
// all-reduce of {descriptor, -descriptor}; all ranks then fail together instead of one
// aborting inside the payload collective.
void agree_on_tensor(at_group* g, const at::Tensor& t, const char* what, Clock::time_point deadline) {
  auto mine = descriptor_of(t);
  std::vector<at::Tensor> both{at::cat({mine, -mine})};
  ::c10d::AllreduceOptions opts;
  opts.reduceOp = ::c10d::ReduceOp::MAX;
  opts.timeout = time_left(deadline);
  finish(g->group->allreduce(both, opts), deadline);
  auto highest = both[0].narrow(0, 0, kDescriptorLength);
  auto lowest = -both[0].narrow(0, kDescriptorLength, kDescriptorLength);
  TORCH_CHECK(highest.equal(lowest), "ranks passed different tensors to ", what, ": this rank has ", describe(mine),
              "; every rank must pass the same dtype and shape");
}

::c10d::ReduceOp reduce_op(int op) {
  switch (op) {
    case 0: return ::c10d::ReduceOp::SUM;
    case 1: return ::c10d::ReduceOp::SUM;  // average = sum, then divide (Gloo has no AVG)
    case 2: return ::c10d::ReduceOp::MAX;
    case 3: return ::c10d::ReduceOp::MIN;
  }
  throw std::invalid_argument("unknown reduce op " + std::to_string(op));
}

}  // namespace

// ---- stores -------------------------------------------------------------------------------------

// A server also starts the store's daemon in this process. It does not wait for workers to join
// (numWorkers unset): the process group's rendezvous does that, under its own timeout, and a
// server that blocked here could not be created before its peers are launched. A client retries
// the connection until timeout_ms (at least 1 s). port 0 (server) picks a free port, reported in out_port.
AT_API at_store_tcp_create(const char* host, int port, int is_server, int64_t timeout_ms, StoreH* out,
                           int* out_port) {
  AT_GUARD(
    TORCH_CHECK(port >= 0 && port <= 65535, "port ", port, " is outside 0..65535");
    ::c10d::TCPStoreOptions opts;
    opts.port = static_cast<std::uint16_t>(port);
    opts.isServer = is_server != 0;
    opts.waitWorkers = false;
    // c10d's connect loop counts whole seconds (a 300 ms timeout fails before trying), so connect
    // under at least 1 s, then give get/wait the caller's timeout.
    opts.timeout = std::max(milliseconds(timeout_ms), milliseconds(std::chrono::seconds(1)));
    auto store = c10::make_intrusive<::c10d::TCPStore>(std::string(host), opts);
    store->setTimeout(milliseconds(timeout_ms));
    *out_port = store->getPort();
    *out = new at_store{store});
}

AT_API at_store_prefix_create(StoreH base, const char* prefix, StoreH* out) {
  AT_GUARD(*out = new at_store{c10::make_intrusive<::c10d::PrefixStore>(std::string(prefix), base->store)});
}

AT_API at_store_set(StoreH s, const char* key, const uint8_t* data, int64_t length) {
  AT_GUARD(s->store->set(key, std::vector<uint8_t>(data, data + length)));
}

// Waits up to the store's timeout for the key. The bytes are malloc'd: free with at_store_free_bytes.
AT_API at_store_get(StoreH s, const char* key, uint8_t** out_data, int64_t* out_length) {
  AT_GUARD(
    auto value = s->store->get(key);
    *out_data = static_cast<uint8_t*>(std::malloc(value.empty() ? 1 : value.size()));
    TORCH_CHECK(*out_data != nullptr, "out of memory copying ", value.size(), " bytes of key '", key, "'");
    if (!value.empty()) std::memcpy(*out_data, value.data(), value.size());
    *out_length = static_cast<int64_t>(value.size()));
}

AT_API at_store_add(StoreH s, const char* key, int64_t delta, int64_t* out_value) {
  AT_GUARD(*out_value = s->store->add(key, delta));
}

AT_API at_store_check(StoreH s, const char* const* keys, int count, int* out_ready) {
  AT_GUARD(*out_ready = s->store->check(key_list(keys, count)) ? 1 : 0);
}

AT_API at_store_wait(StoreH s, const char* const* keys, int count, int64_t timeout_ms) {
  AT_GUARD(s->store->wait(key_list(keys, count), milliseconds(timeout_ms)));
}

AT_API at_store_delete_key(StoreH s, const char* key, int* out_deleted) {
  AT_GUARD(*out_deleted = s->store->deleteKey(key) ? 1 : 0);
}

extern "C" __attribute__((visibility("default"))) void at_store_free_bytes(uint8_t* data) { std::free(data); }

// Never fails: drops this handle's reference; the store closes when no prefix store or group uses it.
extern "C" __attribute__((visibility("default"))) void at_store_free(StoreH s) {
  try {
    delete s;
  } catch (...) {
  }
}

// ---- Gloo process group -------------------------------------------------------------------------

// Connects to every other rank through the store (a full mesh of Gloo pairs) and returns once all
// are connected, or fails after timeout_ms. local_host is the address this rank binds and
// advertises ("127.0.0.1" on loopback); empty lets Gloo resolve the machine's hostname.
AT_API at_group_gloo_create(StoreH s, int rank, int size, const char* local_host, int64_t timeout_ms,
                            GroupH* out) {
  AT_GUARD(
    TORCH_CHECK(size > 0 && rank >= 0 && rank < size, "rank ", rank, " is outside a group of size ", size);
    auto opts = ::c10d::ProcessGroupGloo::Options::create(milliseconds(timeout_ms));
    std::string host = local_host ? local_host : "";
    opts->devices.push_back(host.empty() ? ::c10d::ProcessGroupGloo::createDefaultDevice()
                                         : ::c10d::ProcessGroupGloo::createDeviceForHostname(host));
    auto group = c10::make_intrusive<::c10d::ProcessGroupGloo>(s->store, rank, size, opts);
    *out = new at_group{group, size});
}

// Blocks until rank dst has posted the matching receive and taken the data.
AT_API at_group_send(GroupH g, TensorH t, int dst, int tag, int64_t timeout_ms) {
  AT_GUARD(
    check_point_to_point(*t);
    auto deadline = deadline_after(timeout_ms);
    auto descriptor = descriptor_of(*t);
    std::lock_guard<std::mutex> lock(lane(g, true, dst, tag));
    send(g, descriptor, dst, tag, deadline);
    send(g, *t, dst, tag, deadline));
}

// Fails, naming both, when the sender's dtype or shape differs from t's; the message is consumed.
AT_API at_group_recv(GroupH g, TensorH t, int src, int tag, int64_t timeout_ms) {
  AT_GUARD(
    check_point_to_point(*t);
    auto deadline = deadline_after(timeout_ms);
    auto expected = descriptor_of(*t);
    auto incoming = at::empty_like(expected);
    std::lock_guard<std::mutex> lock(lane(g, false, src, tag));
    recv(g, incoming, src, tag, deadline);
    if (incoming.equal(expected)) {
      recv(g, *t, src, tag, deadline);
      return 0;
    }
    TORCH_CHECK(incoming[0].item<int64_t>() == kDescriptorMagic,
                "rank ", src, " sent a message that is not from ActorTrain's shim; the lane is out of step");
    recv(g, payload_buffer(incoming), src, tag, deadline);
    TORCH_CHECK(false, "rank ", src, " sent ", describe(incoming), " but the receiving tensor is ", describe(expected)));
}

// op: 0 sum, 1 average, 2 max, 3 min.
AT_API at_group_allreduce(GroupH g, TensorH t, int op, int64_t timeout_ms) {
  AT_GUARD(
    TORCH_CHECK(op != 1 || t->is_floating_point(), "an average all-reduce needs a floating-point tensor, got ",
                t->scalar_type());
    auto deadline = deadline_after(timeout_ms);
    agree_on_tensor(g, *t, "all-reduce", deadline);
    std::vector<at::Tensor> tensors{*t};
    ::c10d::AllreduceOptions opts;
    opts.reduceOp = reduce_op(op);
    opts.timeout = time_left(deadline);
    finish(g->group->allreduce(tensors, opts), deadline);
    if (op == 1) t->div_(g->size));
}

AT_API at_group_broadcast(GroupH g, TensorH t, int root, int64_t timeout_ms) {
  AT_GUARD(
    auto deadline = deadline_after(timeout_ms);
    agree_on_tensor(g, *t, "broadcast", deadline);
    std::vector<at::Tensor> tensors{*t};
    ::c10d::BroadcastOptions opts;
    opts.rootRank = root;
    opts.timeout = time_left(deadline);
    finish(g->group->broadcast(tensors, opts), deadline));
}

AT_API at_group_barrier(GroupH g, int64_t timeout_ms) {
  AT_GUARD(
    auto deadline = deadline_after(timeout_ms);
    ::c10d::BarrierOptions opts;
    opts.timeout = time_left(deadline);
    finish(g->group->barrier(opts), deadline));
}

// Never fails. Gloo's destructor drains queued collectives (each bounded by the group timeout)
// and joins its worker threads.
extern "C" __attribute__((visibility("default"))) void at_group_free(GroupH g) {
  try {
    delete g;
  } catch (...) {
  }
}
