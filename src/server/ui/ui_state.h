// What the workbench's routes share: the server's state, the sessions, the login throttle and a
// small pool of database connections (one Database per request at a time; database.h), and the
// helpers every page uses: who is logged in (with a role at least), the form body, the CSRF check,
// HTML and error answers.
// Thread safety: UiState's members are thread-safe; handlers run concurrently.
#pragma once

#include <httplib.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "partyscreen/store.h"
#include "server/routes.h"
#include "server/ui/sessions.h"

namespace partyscreen::server::ui {

class UiState {
 public:
  explicit UiState(ServerState& server) : server_(server), sessions_(std::chrono::hours(8)) {}
  ServerState& server() { return server_; }
  SessionStore& sessions() { return sessions_; }
  LoginThrottle& throttle() { return throttle_; }
  const ThrottlePolicy& user_policy() const { return user_policy_; }
  const ThrottlePolicy& addr_policy() const { return addr_policy_; }

  // A database connection for one request, returned to the pool when the handle goes.
  class DbHandle {
   public:
    DbHandle(UiState& ui, std::unique_ptr<Database> db) : ui_(ui), db_(std::move(db)) {}
    ~DbHandle();
    DbHandle(DbHandle&&) = default;
    Database& operator*() { return *db_; }
    Database* operator->() { return db_.get(); }

   private:
    UiState& ui_;
    std::unique_ptr<Database> db_;
  };
  Result<DbHandle> Db();

 private:
  ServerState& server_;
  SessionStore sessions_;
  LoginThrottle throttle_;
  ThrottlePolicy user_policy_{};
  ThrottlePolicy addr_policy_{20, std::chrono::seconds(30), std::chrono::seconds(900)};
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Database>> pool_;
};

// The session of the request's cookie when its user still exists, is enabled and has at least
// `min_role` (its current role from the database replaces the session's). Otherwise the answer
// is set (303 to the login page, or 403) and nullopt returned.
std::optional<Session> RequireUser(UiState& ui, const httplib::Request& req, httplib::Response& res,
                                   Role min_role = Role::kAnalyst);
// A cookie of the request ("" if absent).
std::string Cookie(const httplib::Request& req, const std::string& name);
// Form fields of an application/x-www-form-urlencoded body.
httplib::Params ParseForm(const std::string& body);
std::string Field(const httplib::Params& form, const std::string& name);
// False (and a 403 answer) when the form's csrf field is not the session's token.
bool CheckCsrf(const Session& session, const httplib::Params& form, httplib::Response& res);

void SendHtml(httplib::Response& res, int status, const std::string& html);
// A page saying what went wrong (escaped), with a link back.
void SendProblem(httplib::Response& res, int status, const Session* session,
                 const std::string& message);
void Redirect(httplib::Response& res, const std::string& to);  // 303 See Other

// GET and form POST routes of the workbench (bodies read up to --max-body).
using UiHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const std::string& body)>;
void UiGet(httplib::Server& http, UiState& ui, const std::string& pattern, UiHandler handler);
void UiPost(httplib::Server& http, UiState& ui, const std::string& pattern, UiHandler handler);

// Each file registers one group of pages.
void RegisterLoginPages(httplib::Server& http, UiState& ui);   // /ui/login, /ui/logout
void RegisterQueuePage(httplib::Server& http, UiState& ui);    // /ui/
void RegisterAlertPages(httplib::Server& http, UiState& ui);   // /ui/alert, its actions
void RegisterBulkPages(httplib::Server& http, UiState& ui);    // /ui/bulk, clearing groups
void RegisterReportPages(httplib::Server& http, UiState& ui);  // /ui/report
void RegisterOtherPages(httplib::Server& http, UiState& ui);   // lists, screen, customer, users

}  // namespace partyscreen::server::ui
