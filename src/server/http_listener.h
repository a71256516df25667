// The socket side of the HTTP server: binding, accepting, and one thread per open connection, with
// limits that keep slow or hostile clients from taking the server down.
//
// cpp-httplib 0.11 (Debian) serves a fixed pool of threads, each blocked on one connection for as
// long as the client keeps trickling bytes; 17 slow clients starved 16 threads and /healthz.
// HttpListener keeps httplib's request parsing, routing and response writing (it is an
// httplib::Server; routes are registered on it as usual) but replaces its accept loop:
//   - each connection gets its own thread, up to `max_connections`; one more is answered 503 and
//     closed at once, so a flood of connections cannot queue up work or exhaust descriptors;
//   - reads go through a Connection (server/connection.h) with deadlines: a request head must
//     arrive within `header_timeout` of its first byte, a body within `body_timeout`, a next
//     keep-alive request within `idle_timeout`; a slow client holds only its own thread, and only
//     until its deadline;
//   - the CPU-heavy part of a request is bounded separately (the route guard's work slots), so
//     many open connections do not mean many concurrent screenings;
//   - Bind() sets SO_REUSEADDR only (httplib sets SO_REUSEPORT, which let a second server bind the
//     same port and take half of its traffic): a port in use is an error naming it;
//   - Stop() wakes every connection waiting for bytes, so shutdown takes at most the longest
//     request in progress (handlers check Connection::Stopping() between queries); the accept
//     loop then answers the connections waiting in the backlog 503 `shutting_down` and closes the
//     listening socket, so a client arriving during the stop is refused at once, not reset later.
// Thread safety: Bind, Serve, Wait from the owning thread; Stop from any thread.
#pragma once

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "partyscreen/status.h"
#include "server/connection.h"

namespace partyscreen::server {

struct ListenerOptions {
  size_t max_connections = 512;                               // open connections; one more gets 503
  Clock::duration header_timeout = std::chrono::seconds(10);  // first byte -> end of head
  Clock::duration body_timeout = std::chrono::seconds(30);    // handler asks -> end of body
  Clock::duration idle_timeout = std::chrono::seconds(5);     // keep-alive wait for a request
  Clock::duration write_timeout = std::chrono::seconds(10);   // without progress
  size_t keep_alive_max_requests = 1000;                      // then the connection is closed
  std::function<void()> on_rejected;  // called per connection refused at the cap
};

class HttpListener : public httplib::Server {
 public:
  explicit HttpListener(ListenerOptions options);
  ~HttpListener() override;  // Stop() and Wait()
  HttpListener(const HttpListener&) = delete;
  HttpListener& operator=(const HttpListener&) = delete;

  // Binds and listens on host:port (0: any free port); returns the bound port. IoError naming
  // the address when it is in use or cannot be bound.
  Result<int> Bind(const std::string& host, int port);
  // Accepts connections until Stop(); call once, on the thread that will own the loop.
  void Serve();
  // Stops accepting and wakes every connection waiting for a client; any thread, idempotent.
  void Stop();
  // Blocks until every connection thread has finished (after Stop() and Serve() returned).
  void WaitForConnections();

  bool Stopping() const { return stopping_.load(); }
  size_t open_connections() const;

 private:
  void ServeConnection(int fd);
  void RejectBusy(int fd) const;
  // Answers `status` with an error body, drops what the client sent, closes `fd`.
  static void Refuse(int fd, std::string_view status, std::string_view code,
                     std::string_view message);
  // After the accept loop: answers the connections waiting in the backlog 503 and closes the
  // listening socket (new connections are refused, not left to wait and be reset).
  void CloseListeningSocket();

  const ListenerOptions options_;
  int listen_fd_ = -1;
  int stop_fd_ = -1;  // eventfd, written once by Stop()
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::condition_variable idle_;  // open_ dropped
  size_t open_ = 0;
};

}  // namespace partyscreen::server
