// Test support: an HTTP server in the test process serving files from memory, for `lists update`
// tests. "/slow/..." answers after 3 s; any path not Set() is a 404. Header-only; needs
// cpp-httplib (link PkgConfig::HTTPLIB).
#pragma once

#include <httplib.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace partyscreen::testing_support {

class ListServer {
 public:
  ListServer() {
    server_.Get(R"(/(.*))", [this](const httplib::Request& req, httplib::Response& res) {
      if (req.path.rfind("/slow/", 0) == 0) std::this_thread::sleep_for(std::chrono::seconds(3));
      std::lock_guard<std::mutex> lock(mu_);
      auto it = files_.find(req.path);
      if (it == files_.end()) {
        res.status = 404;
        return;
      }
      res.set_content(it->second, "application/octet-stream");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~ListServer() {
    server_.stop();
    thread_.join();
  }
  ListServer(const ListServer&) = delete;
  ListServer& operator=(const ListServer&) = delete;

  void Set(const std::string& path, std::string content) {
    std::lock_guard<std::mutex> lock(mu_);
    files_[path] = std::move(content);
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  httplib::Server server_;
  std::mutex mu_;
  std::map<std::string, std::string> files_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace partyscreen::testing_support
