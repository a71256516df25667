// Test support: a webhook receiver in the test process (cpp-httplib). It records every POST to
// /hook (body, Idempotency-Key, whether X-Partyscreen-Signature is the HMAC-SHA256 of the body
// under the shared secret), answers 422 to every body containing a string given to Refuse (a
// receiver that refuses an event for good), 500 to the next FailNext(n) requests and 200
// otherwise, and can
// be stopped and started again on the same port (a webhook that is down, then back). Header-only;
// needs cpp-httplib and core/sha256.h (partyscreen_core).
#pragma once

#include <httplib.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/sha256.h"

namespace partyscreen::testing_support {

inline constexpr char kWebhookSecret[] = "test-secret-0123456789abcdef";

class WebhookReceiver {
 public:
  struct Delivery {
    std::string body, idempotency_key, event_type;
    bool signature_ok = false;
    int answered = 0;
  };

  WebhookReceiver() { Start(); }
  ~WebhookReceiver() { Stop(); }
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  // Starts listening (again) on its port; the first start picks a free one.
  void Start() {
    server_ = std::make_unique<httplib::Server>();
    server_->Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      Delivery d;
      d.body = req.body;
      d.idempotency_key = req.get_header_value("Idempotency-Key");
      d.event_type = req.get_header_value("X-Partyscreen-Event");
      d.signature_ok = req.get_header_value("X-Partyscreen-Signature") ==
                       "sha256=" + HmacSha256Hex(kWebhookSecret, req.body);
      std::lock_guard<std::mutex> lock(mu_);
      const bool refused = !refuse_.empty() && req.body.find(refuse_) != std::string::npos;
      d.answered = refused ? 422 : fail_next_ > 0 ? 500 : 200;
      if (!refused && fail_next_ > 0) --fail_next_;
      res.status = d.answered;
      res.set_content(d.answered == 200 ? "ok"
                      : refused         ? "unprocessable"
                                        : "try later",
                      "text/plain");
      deliveries_.push_back(std::move(d));
    });
    if (port_ == 0)
      port_ = server_->bind_to_any_port("127.0.0.1");
    else
      server_->bind_to_port("127.0.0.1", port_);
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    // Until it runs, stop() would do nothing and the listener would never return.
    while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void Stop() {
    if (!server_) return;
    server_->stop();
    thread_.join();
    server_.reset();
  }
  void FailNext(int n) {
    std::lock_guard<std::mutex> lock(mu_);
    fail_next_ = n;
  }
  // Bodies containing `needle` are answered 422 from now on ("" refuses none).
  void Refuse(std::string needle) {
    std::lock_guard<std::mutex> lock(mu_);
    refuse_ = std::move(needle);
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }

  std::vector<Delivery> Deliveries() {
    std::lock_guard<std::mutex> lock(mu_);
    return deliveries_;
  }
  // Bodies answered 200, by Idempotency-Key; a key acknowledged twice appears in `duplicates`.
  std::map<std::string, std::string> Acknowledged(std::vector<std::string>* duplicates = nullptr) {
    std::map<std::string, std::string> out;
    for (const Delivery& d : Deliveries()) {
      if (d.answered != 200) continue;
      if (!out.emplace(d.idempotency_key, d.body).second && duplicates)
        duplicates->push_back(d.idempotency_key);
    }
    return out;
  }

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  int fail_next_ = 0;
  std::string refuse_;
  std::vector<Delivery> deliveries_;
};

}  // namespace partyscreen::testing_support
