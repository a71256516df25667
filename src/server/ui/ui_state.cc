#include "server/ui/ui_state.h"

#include <chrono>

#include "server/ui/html.h"

namespace partyscreen::server::ui {

UiState::DbHandle::~DbHandle() {
  if (!db_) return;
  std::lock_guard lock(ui_.pool_mu_);
  if (ui_.pool_.size() < 8) ui_.pool_.push_back(std::move(db_));
}

Result<UiState::DbHandle> UiState::Db() {
  {
    std::lock_guard lock(pool_mu_);
    if (!pool_.empty()) {
      std::unique_ptr<Database> db = std::move(pool_.back());
      pool_.pop_back();
      return DbHandle(*this, std::move(db));
    }
  }
  auto db = Database::Open(server_.options.audit_db);
  if (!db.ok()) return db.status();
  return DbHandle(*this, std::move(db).value());
}

std::string Cookie(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    const size_t start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 &&
        part[name.size()] == '=')
      return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

std::optional<Session> RequireUser(UiState& ui, const httplib::Request& req, httplib::Response& res,
                                   Role min_role) {
  const std::string token = Cookie(req, "ps_session");
  if (token.empty()) {  // not logged in: no database round trip
    Redirect(res, "/ui/login");
    return std::nullopt;
  }
  auto db = ui.Db();
  if (!db.ok()) {
    SendProblem(res, 503, nullptr, "the database is not available");
    return std::nullopt;
  }
  auto found = ui.sessions().Find(**db, token);
  if (!found.ok()) {
    SendProblem(res, 503, nullptr, "the database is not available");
    return std::nullopt;
  }
  std::optional<Session> s = std::move(found).value();
  if (!s) {
    Redirect(res, "/ui/login");
    return std::nullopt;
  }
  auto user = UserStore(**db).Get(s->user);
  if (!user.ok() || !*user || (*user)->disabled) {
    (void)ui.sessions().Remove(**db, s->token);  // gone either way: the login page follows
    Redirect(res, "/ui/login");
    return std::nullopt;
  }
  s->role = (*user)->role;
  if (s->role < min_role) {
    SendProblem(res, 403, &*s,
                "this page needs the role " + std::string(RoleName(min_role)) + "; you are " +
                    std::string(RoleName(s->role)));
    return std::nullopt;
  }
  return s;
}

httplib::Params ParseForm(const std::string& body) {
  httplib::Params params;
  httplib::detail::parse_query_text(body, params);
  return params;
}

std::string Field(const httplib::Params& form, const std::string& name) {
  auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

bool CheckCsrf(const Session& session, const httplib::Params& form, httplib::Response& res) {
  if (SameToken(Field(form, "csrf"), session.csrf)) return true;
  SendProblem(res, 403, &session,
              "the form's CSRF token is missing or wrong: reload the page and try again");
  return false;
}

void SendHtml(httplib::Response& res, int status, const std::string& html) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                 "form-action 'self'; frame-ancestors 'none'");
  res.set_content(html, "text/html; charset=utf-8");
}

void SendProblem(httplib::Response& res, int status, const Session* session,
                 const std::string& message) {
  SendHtml(res, status,
           Page(status == 403 ? "Not allowed" : "Cannot do that", session,
                "<p class=\"err\" role=\"alert\">" + Esc(message) +
                    "</p><p><a href=\"/ui/\">Back to the alert queue</a></p>"));
}

void Redirect(httplib::Response& res, const std::string& to) {
  res.status = 303;
  res.set_header("Location", to);
  res.set_header("Cache-Control", "no-store");
}

namespace {

void Guarded(UiState& ui, const UiHandler& handler, const httplib::Request& req,
             httplib::Response& res, const std::string& body) {
  const auto t0 = std::chrono::steady_clock::now();
  if (ui.server().options.audit_db.empty()) {
    SendProblem(res, 503, nullptr,
                "the workbench needs a database: start the server with serve --db DB");
  } else {
    try {
      handler(req, res, body);
    } catch (const std::exception&) {
      SendProblem(res, 500, nullptr, "internal error");
    }
  }
  ui.server().RecordRequest(
      req, "/ui", res.status,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), nullptr);
}

}  // namespace

void UiGet(httplib::Server& http, UiState& ui, const std::string& pattern, UiHandler handler) {
  http.Get(pattern, [&ui, handler = std::move(handler)](const httplib::Request& req,
                                                        httplib::Response& res) {
    Guarded(ui, handler, req, res, "");
  });
}

void UiPost(httplib::Server& http, UiState& ui, const std::string& pattern, UiHandler handler) {
  http.Post(pattern,
            [&ui, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                                const httplib::ContentReader& reader) {
              std::string body;
              bool too_large = false;
              const size_t max = ui.server().options.max_body_bytes;
              reader([&](const char* data, size_t n) {
                if (body.size() + n > max) {
                  too_large = true;
                  return false;
                }
                body.append(data, n);
                return true;
              });
              if (too_large) {
                SendProblem(res, 413, nullptr, "the form is too large");
                return;
              }
              Guarded(ui, handler, req, res, body);
            });
}

}  // namespace partyscreen::server::ui
