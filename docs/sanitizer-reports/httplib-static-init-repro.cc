// Reproduces the TSan report of docs/sanitizer-reports/tsan-2026-12-03-httplib.txt with
// cpp-httplib alone (no partyscreen code); analysis in docs/HARDENING.md, "ThreadSanitizer".
//
// Eight connections send their first request at once to a fresh httplib::Server, so several
// worker threads reach Server::parse_request_line together for the first time in the process.
// That function builds a function-local `static const std::set<std::string>` of HTTP methods:
// one thread constructs it under __cxa_guard_acquire/__cxa_guard_release (TSan sees those), the
// others skip the guard on its inline fast path, an acquire load of the guard byte inside
// libcpp-httplib.so, which is not instrumented, so TSan misses that edge and reports the set's
// node strings (memcpy at construction, memcmp in find) as a race. With WARM=1 one request is
// answered first: 0 reports.
//
//   g++ -std=c++20 -O1 -g -fsanitize=thread httplib-static-init-repro.cc -o repro -lcpp-httplib
//   for i in $(seq 20); do ./repro 2>&1 | grep -c 'data race'; done           # about half report
//   for i in $(seq 20); do WARM=1 ./repro 2>&1 | grep -c 'data race'; done    # none
#include <arpa/inet.h>
#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

namespace {

int Connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  return fd;
}

constexpr char kRequest[] = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

void Drain(int fd) {
  char buf[512];
  while (recv(fd, buf, sizeof buf, 0) > 0) {
  }
  close(fd);
}

}  // namespace

int main() {
  httplib::Server server;
  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread loop([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (std::getenv("WARM") != nullptr) {
    const int fd = Connect(port);
    send(fd, kRequest, sizeof kRequest - 1, 0);
    Drain(fd);
  }
  std::vector<int> fds;
  for (int i = 0; i < 8; ++i) fds.push_back(Connect(port));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // every worker waits in read
  for (const int fd : fds) send(fd, kRequest, sizeof kRequest - 1, 0);
  for (const int fd : fds) Drain(fd);
  server.stop();
  loop.join();
}
