// mlp_bench: trains mlp6 (784-1024x5-10, ReLU) with SGD + momentum on one fixed random batch,
// written directly against libtorch's C++ API. `actortrain bench compute` runs the same loop
// through the C# binding and compares the two, so this file is the reference for "no overhead".
//
//   mlp_bench [--steps 50] [--warmup 5] [--threads 2] [--batch 128] [--seed 1]
//
// Prints one JSON line: {"samples-per-s": ..., "steps": ..., "seconds": ..., "threads": ...,
// "batch": ..., "final-loss": ...}. Only stable torch:: API, so it builds against libtorch 1.13
// and 2.x alike.
#include <torch/torch.h>

#include <chrono>
#include <dlfcn.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

struct Options {
  long steps = 50;
  long warmup = 5;
  long threads = 2;
  long batch = 128;
  long seed = 1;
};

const char* const kUsage = "usage: mlp_bench [--steps N] [--warmup N] [--threads N] [--batch N] [--seed N]\n";

[[noreturn]] void usage(const char* problem) {
  std::fprintf(stderr, "mlp_bench: %s\n%s", problem, kUsage);
  std::exit(2);
}

long parse_count(const char* name, const char* text, long minimum) {
  char* end = nullptr;
  long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < minimum)
    usage((std::string(name) + " needs an integer >= " + std::to_string(minimum)).c_str());
  return value;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const char* arg = argv[i];
    if (std::strcmp(arg, "--help") == 0) {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    if (i + 1 >= argc) usage((std::string("missing value for ") + arg).c_str());
    const char* value = argv[++i];
    if (std::strcmp(arg, "--steps") == 0) o.steps = parse_count(arg, value, 1);
    else if (std::strcmp(arg, "--warmup") == 0) o.warmup = parse_count(arg, value, 0);
    else if (std::strcmp(arg, "--threads") == 0) o.threads = parse_count(arg, value, 1);
    else if (std::strcmp(arg, "--batch") == 0) o.batch = parse_count(arg, value, 1);
    else if (std::strcmp(arg, "--seed") == 0) o.seed = parse_count(arg, value, 0);
    else usage((std::string("unknown option ") + arg).c_str());
  }
  return o;
}

torch::nn::Sequential mlp6() {
  torch::nn::Sequential net;
  int64_t width = 784;
  for (int i = 0; i < 5; ++i) {
    net->push_back(torch::nn::Linear(width, 1024));
    net->push_back(torch::nn::ReLU());
    width = 1024;
  }
  net->push_back(torch::nn::Linear(width, 10));
  return net;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  // The same process settings the shim makes (at_allocator.cpp is linked in; at_util.cpp's threads), so both
  // loops run alike.
  at::set_num_threads(static_cast<int>(o.threads));
  if (auto f = reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) f(static_cast<int>(o.threads));
  torch::manual_seed(static_cast<uint64_t>(o.seed));

  auto net = mlp6();
  torch::optim::SGD sgd(net->parameters(), torch::optim::SGDOptions(0.01).momentum(0.9));
  // One batch made before timing: the bench measures training compute, not data generation.
  auto x = torch::randn({o.batch, 784});
  auto y = torch::randint(0, 10, {o.batch}, torch::kLong);

  torch::Tensor loss;
  auto step = [&] {
    // set_to_none: the same choice in 1.13 and 2.x (their defaults differ), and no memset pass.
    net->zero_grad(/*set_to_none=*/true);
    loss = torch::nn::functional::cross_entropy(net->forward(x), y);
    loss.backward();
    sgd.step();
  };

  for (long i = 0; i < o.warmup; ++i) step();
  auto start = std::chrono::steady_clock::now();
  for (long i = 0; i < o.steps; ++i) step();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::printf(
      "{\"samples-per-s\": %.3f, \"steps\": %ld, \"seconds\": %.6f, \"threads\": %ld, \"batch\": %ld, "
      "\"final-loss\": %.6f}\n",
      static_cast<double>(o.steps * o.batch) / seconds, o.steps, seconds, o.threads, o.batch,
      loss.item<float>());
  return 0;
}
