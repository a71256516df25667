// One client connection as the server reads it: deadlines on every read, the request's raw header
// bytes, and whether the connection must close after the current answer.
//
// The listener (server/http_listener.h) serves each connection on a thread of its own and hands
// cpp-httplib a ConnectionStream over it, so:
//   - every read waits at most until the current deadline: the request head (request line and
//     headers) must arrive within `header_timeout` of its first byte and the body within
//     `body_timeout` of the handler asking for it, however slowly the client trickles bytes;
//   - the head is captured exactly as sent (at most kMaxHeadBytes; more is refused), so that API
//     keys are compared as sent (cpp-httplib percent-decodes header values and cuts them at NUL);
//   - a handler that answers without reading the body (401, 413...) marks the connection to close,
//     so unread body bytes are never parsed as a next request;
//   - a handler can ask whether the client has gone (PeerClosed) or the server is stopping.
// Handlers run on the connection's thread and reach it through ThisConnection().
// Thread safety: a Connection is used by its own thread only, except Stopping() (any thread).
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

namespace partyscreen::server {

inline constexpr size_t kMaxHeadBytes = 64 * 1024;  // request line + headers

using Clock = std::chrono::steady_clock;

class Connection {
 public:
  // `stop_fd` becomes readable when the server stops (an eventfd that is never drained);
  // `stopping` is the same fact for code that does not poll.
  Connection(int fd, int stop_fd, const std::atomic<bool>& stopping, Clock::duration write_timeout);

  int fd() const { return fd_; }

  // Waits up to `idle` for the first byte of a next request; false on timeout, close or stop
  // (but true when stopping finds bytes already there: they are answered, not reset).
  bool WaitForRequest(Clock::duration idle);
  // Starts a request: the head must be complete by `head_deadline`; capture starts afresh.
  void BeginRequest(Clock::time_point head_deadline);
  // The handler is about to read the body: capture stops, reads wait until `body_deadline`.
  void BeginBody(Clock::time_point body_deadline);
  // The raw request head captured so far (request line + headers, as sent).
  std::string_view RawHead() const { return head_; }

  void CloseAfterResponse() { close_after_response_ = true; }
  bool close_after_response() const { return close_after_response_; }

  // True when the client has closed or reset its side (checked without blocking).
  bool PeerClosed() const;
  bool Stopping() const { return stopping_.load(std::memory_order_relaxed); }

  // Reads with the current deadline; -1 on timeout, error, stop or an over-long head. Sends what
  // Write() buffered first.
  ssize_t Read(char* out, size_t size);
  // Buffers `data` (cpp-httplib writes an answer a header line at a time: one packet each
  // otherwise); sends when the buffer is full. False if sending failed.
  bool Write(const char* data, size_t size);
  // Sends what is buffered; fails after `write_timeout` without progress. The listener calls it
  // after each request.
  bool Flush();

 private:
  // Waits until `events` are ready on fd_ (true) or `deadline` passes (false); with
  // `until_stop`, also gives up (false) when the server stops.
  bool Poll(short events, Clock::time_point deadline, bool until_stop) const;

  const int fd_;
  const int stop_fd_;
  const std::atomic<bool>& stopping_;
  const Clock::duration write_timeout_;
  Clock::time_point deadline_;
  std::string out_;  // written, not yet sent
  bool write_failed_ = false;
  bool capturing_ = false;
  bool close_after_response_ = false;
  std::string head_;
  char buffer_[16 * 1024];
  size_t buffer_begin_ = 0, buffer_end_ = 0;
};

// The value of the first header `name` (case-insensitive) in a raw request head, exactly as sent
// apart from the spaces and tabs around it; empty if absent.
std::string_view RawHeaderValue(std::string_view head, std::string_view name);

// Marks the connection of the calling thread to close after this answer, and says so in the
// answer (Connection: close). For answers given without reading the request body.
void CloseAfterAnswer(const httplib::Request& req);

// The connection served by the calling thread, or null outside a request handler.
Connection* ThisConnection();

// Sets ThisConnection() for the lifetime of the scope (the listener's per-connection loop).
class ConnectionScope {
 public:
  explicit ConnectionScope(Connection* connection);
  ~ConnectionScope();
  ConnectionScope(const ConnectionScope&) = delete;
  ConnectionScope& operator=(const ConnectionScope&) = delete;
};

// The httplib::Stream that cpp-httplib reads requests from and writes answers to.
class ConnectionStream : public httplib::Stream {
 public:
  explicit ConnectionStream(Connection& connection) : connection_(connection) {}

  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override { return connection_.Read(ptr, size); }
  ssize_t write(const char* ptr, size_t size) override {
    return connection_.Write(ptr, size) ? static_cast<ssize_t>(size) : -1;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return connection_.fd(); }

 private:
  Connection& connection_;
};

}  // namespace partyscreen::server
