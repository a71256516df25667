#include "server/connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

namespace partyscreen::server {

namespace {

thread_local Connection* this_connection = nullptr;

int MillisecondsUntil(Clock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 60 * 60 * 1000));
}

void AddressOf(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {0};
  if (addr.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    inet_ntop(AF_INET, &a.sin_addr, text, sizeof(text));
    port = ntohs(a.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
    inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof(text));
    port = ntohs(a.sin6_port);
  }
  ip = text;
}

}  // namespace

Connection::Connection(int fd, int stop_fd, const std::atomic<bool>& stopping,
                       Clock::duration write_timeout)
    : fd_(fd),
      stop_fd_(stop_fd),
      stopping_(stopping),
      write_timeout_(write_timeout),
      deadline_(Clock::now()) {}

bool Connection::Poll(short events, Clock::time_point deadline, bool until_stop) const {
  for (;;) {
    if (until_stop && Stopping()) return false;
    pollfd fds[2] = {{fd_, events, 0}, {stop_fd_, POLLIN, 0}};
    const int n = ::poll(fds, until_stop ? 2 : 1, MillisecondsUntil(deadline));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;  // timeout or error
    if (until_stop && fds[1].revents != 0) return false;
    return fds[0].revents != 0;  // ready, or an error/hang-up the next call reports
  }
}

bool Connection::WaitForRequest(Clock::duration idle) {
  if (buffer_begin_ < buffer_end_) return true;  // a pipelined request is already here
  if (Poll(POLLIN, Clock::now() + idle, /*until_stop=*/true)) return true;
  // Stopping: a request that has already arrived is still answered (and the connection closed
  // after it); closing the socket on its unread bytes would reset the connection instead.
  return Stopping() && Poll(POLLIN, Clock::now(), /*until_stop=*/false);
}

void Connection::BeginRequest(Clock::time_point head_deadline) {
  deadline_ = head_deadline;
  head_.clear();
  capturing_ = true;
}

void Connection::BeginBody(Clock::time_point body_deadline) {
  deadline_ = body_deadline;
  capturing_ = false;
}

bool Connection::PeerClosed() const {
  pollfd fd{fd_, POLLRDHUP, 0};
  if (::poll(&fd, 1, 0) <= 0) return false;
  return (fd.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

ssize_t Connection::Read(char* out, size_t size) {
  if (buffer_begin_ == buffer_end_) {
    if (!Flush()) return -1;  // e.g. "100 Continue" before the body is read
    // A read that fails (deadline, stop, error) or finds the end of the stream ends the connection
    // after the answer: whatever the client sends next can no longer be framed.
    ssize_t n;
    for (;;) {  // try first: under load the bytes are usually there, and a poll() is saved
      n = ::recv(fd_, buffer_, sizeof(buffer_), MSG_DONTWAIT);
      if (n >= 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)) break;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        if (!Poll(POLLIN, deadline_, /*until_stop=*/true)) {
          close_after_response_ = true;
          return -1;
        }
      }
    }
    if (n <= 0) {
      close_after_response_ = true;
      return n;
    }
    buffer_begin_ = 0;
    buffer_end_ = static_cast<size_t>(n);
  }
  const size_t n = std::min(size, buffer_end_ - buffer_begin_);
  if (capturing_) {
    if (head_.size() + n > kMaxHeadBytes) {
      close_after_response_ = true;
      return -1;
    }
    head_.append(buffer_ + buffer_begin_, n);
  }
  std::memcpy(out, buffer_ + buffer_begin_, n);
  buffer_begin_ += n;
  return static_cast<ssize_t>(n);
}

bool Connection::Write(const char* data, size_t size) {
  if (write_failed_) return false;
  out_.append(data, size);
  return out_.size() < 64 * 1024 || Flush();
}

bool Connection::Flush() {
  size_t sent = 0;
  while (sent < out_.size() && !write_failed_) {
    const ssize_t n =
        ::send(fd_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      sent += static_cast<size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      // An answer already being written is finished even when the server stops.
      write_failed_ = !Poll(POLLOUT, Clock::now() + write_timeout_, /*until_stop=*/false);
    } else {
      write_failed_ = true;
    }
  }
  out_.clear();
  if (write_failed_) close_after_response_ = true;
  return !write_failed_;
}

std::string_view RawHeaderValue(std::string_view head, std::string_view name) {
  size_t line = head.find('\n');  // skip the request line
  while (line != std::string_view::npos) {
    const size_t begin = line + 1;
    const size_t end = head.find('\n', begin);
    std::string_view text = head.substr(begin, end == std::string_view::npos ? end : end - begin);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.empty()) break;  // end of the head
    const size_t colon = text.find(':');
    if (colon == name.size() &&
        std::equal(name.begin(), name.end(), text.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      std::string_view value = text.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.remove_suffix(1);
      return value;
    }
    line = end;
  }
  return {};
}

void CloseAfterAnswer(const httplib::Request& req) {
  if (this_connection != nullptr) this_connection->CloseAfterResponse();
  // The request object is the library's own (non-const) one; its Connection header is what
  // makes the answer carry "Connection: close".
  auto& mutable_req = const_cast<httplib::Request&>(req);
  mutable_req.headers.erase("Connection");
  mutable_req.set_header("Connection", "close");
}

Connection* ThisConnection() { return this_connection; }

ConnectionScope::ConnectionScope(Connection* connection) { this_connection = connection; }
ConnectionScope::~ConnectionScope() { this_connection = nullptr; }

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  if (::getpeername(connection_.fd(), reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    AddressOf(addr, ip, port);
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  if (::getsockname(connection_.fd(), reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    AddressOf(addr, ip, port);
}

}  // namespace partyscreen::server
