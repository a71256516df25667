#include "server/http_listener.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace partyscreen::server {

namespace {

// After an answer that left the request body unread: stop sending, then read and drop what the
// client is still sending for a moment, so that it sees the answer rather than a reset.
void LingeringClose(int fd) {
  ::shutdown(fd, SHUT_WR);
  const auto until = Clock::now() + std::chrono::seconds(1);
  char sink[16 * 1024];
  size_t dropped = 0;
  while (dropped < (4u << 20) && Clock::now() < until) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = ::recv(fd, sink, sizeof(sink), MSG_DONTWAIT);
    if (n <= 0) break;
    dropped += static_cast<size_t>(n);
  }
}

}  // namespace

HttpListener::HttpListener(ListenerOptions options)
    : options_(std::move(options)), stop_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

HttpListener::~HttpListener() {
  Stop();
  WaitForConnections();
  if (listen_fd_ >= 0) ::close(listen_fd_);  // Serve() was never called
  if (stop_fd_ >= 0) ::close(stop_fd_);
}

Result<int> HttpListener::Bind(const std::string& host, int port) {
  const std::string where = host + ":" + std::to_string(port);
  if (stop_fd_ < 0)
    return Status::IoError("cannot create an eventfd: " + std::string(strerror(errno)));
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); rc != 0)
    return Status::IoError("cannot listen on " + where + ": " + gai_strerror(rc));
  std::string error = "no address";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    // SO_REUSEADDR lets a restarted server bind while old connections sit in TIME_WAIT, but on
    // Linux it never lets two sockets listen on one port (SO_REUSEPORT would).
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 1024) == 0) {
      listen_fd_ = fd;
      break;
    }
    error = errno == EADDRINUSE ? "the port is already in use (is another server running?)"
                                : strerror(errno);
    ::close(fd);
  }
  ::freeaddrinfo(found);
  if (listen_fd_ < 0) return Status::IoError("cannot listen on " + where + ": " + error);
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  if (addr.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in&>(addr).sin_port);
  return ntohs(reinterpret_cast<sockaddr_in6&>(addr).sin6_port);
}

void HttpListener::Serve() {
  while (!Stopping() && listen_fd_ >= 0) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[1].revents != 0) break;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));  // out of descriptors
      continue;
    }
    const int yes = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
    {
      std::lock_guard lock(mu_);
      if (open_ >= options_.max_connections) {
        RejectBusy(fd);
        continue;
      }
      ++open_;
    }
    try {
      std::thread([this, fd] { ServeConnection(fd); }).detach();
    } catch (const std::system_error&) {  // no thread to be had
      {
        std::lock_guard lock(mu_);
        --open_;
      }
      RejectBusy(fd);
    }
  }
  CloseListeningSocket();
}

void HttpListener::CloseListeningSocket() {
  if (listen_fd_ < 0) return;
  // Connections the kernel completed but nobody accepted would wait until the socket closes and
  // then be reset (the soak's "1 in 400 /healthz probes reset": a probe that connected while the
  // server was stopping waited for the stop, up to the 1 s lingering close of the slow clients,
  // and got a reset). Answer them 503 now; close the socket so that later ones are refused at once.
  ::fcntl(listen_fd_, F_SETFL, ::fcntl(listen_fd_, F_GETFL) | O_NONBLOCK);  // accept, never wait
  for (;;) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      break;  // EAGAIN: the backlog is empty
    }
    Refuse(fd, "503 Service Unavailable", "shutting_down", "the server is stopping");
  }
  ::close(listen_fd_);
  listen_fd_ = -1;
}

void HttpListener::RejectBusy(int fd) const {
  Refuse(fd, "503 Service Unavailable", "too_many_connections",
         "the server has too many open connections; retry later");
  if (options_.on_rejected) options_.on_rejected();
}

void HttpListener::Refuse(int fd, std::string_view status, std::string_view code,
                          std::string_view message) {
  const std::string body = "{\"error\": {\"code\": \"" + std::string(code) + "\", \"message\": \"" +
                           std::string(message) + "\"}, \"detail\": \"" + std::string(message) +
                           "\"}";
  const std::string answer = "HTTP/1.1 " + std::string(status) +
                             "\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
                             "Connection: close\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\n\r\n" + body;
  [[maybe_unused]] const ssize_t sent =
      ::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(fd, SHUT_WR);
  // Drop what the client has already sent (its request, usually): closing a socket with unread
  // bytes resets the connection instead of ending it after the answer.
  char sink[4096];
  while (::recv(fd, sink, sizeof(sink), MSG_DONTWAIT) > 0) {
  }
  ::close(fd);
}

void HttpListener::ServeConnection(int fd) {
  {
    Connection connection(fd, stop_fd_, stopping_, options_.write_timeout);
    ConnectionScope scope(&connection);
    ConnectionStream stream(connection);
    for (size_t served = 0; served < options_.keep_alive_max_requests; ++served) {
      // A new connection has header_timeout to start its request; a kept-alive one idle_timeout.
      if (!connection.WaitForRequest(served == 0 ? options_.header_timeout : options_.idle_timeout))
        break;
      connection.BeginRequest(Clock::now() + options_.header_timeout);
      bool client_closes = false;
      const bool last = served + 1 == options_.keep_alive_max_requests || Stopping();
      const bool processed = process_request(stream, last, client_closes, nullptr);
      const bool ok = connection.Flush() && processed;  // the answer goes out even on failure
      if (!ok || client_closes || connection.close_after_response() || Stopping()) break;
    }
    if (connection.close_after_response()) LingeringClose(fd);
  }
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
  std::lock_guard lock(mu_);
  --open_;
  idle_.notify_all();
}

void HttpListener::Stop() {
  if (stopping_.exchange(true)) return;
  if (stop_fd_ >= 0) {
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(stop_fd_, &one, sizeof(one));
  }
}

void HttpListener::WaitForConnections() {
  std::unique_lock lock(mu_);
  idle_.wait(lock, [&] { return open_ == 0; });
}

size_t HttpListener::open_connections() const {
  std::lock_guard lock(mu_);
  return open_;
}

}  // namespace partyscreen::server
