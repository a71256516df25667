// /ui/login and /ui/logout. The login form is protected by a double-submit token (cookie
// ps_login = hidden field); failed logins are throttled per user name and per client address.
#include "server/ui/html.h"
#include "server/ui/ui_state.h"

namespace partyscreen::server::ui {

namespace {

std::string CookieAttributes(UiState& ui) {
  return std::string("; Path=/ui; HttpOnly; SameSite=Strict") +
         (ui.server().options.ui_secure_cookie ? "; Secure" : "");
}

void SendLoginForm(UiState& ui, httplib::Response& res, int status, const std::string& message) {
  const std::string token = RandomToken(16);
  res.set_header("Set-Cookie", "ps_login=" + token + CookieAttributes(ui));
  std::string body;
  if (!message.empty()) body += "<p class=\"err\" role=\"alert\">" + Esc(message) + "</p>";
  body +=
      "<form method=\"post\" action=\"/ui/login\" class=\"box\">"
      "<input type=\"hidden\" name=\"csrf\" value=\"" +
      token +
      "\"><p><label for=\"user\">User name</label><br><input id=\"user\" name=\"user\" "
      "autocomplete=\"username\" required autofocus></p><p><label for=\"password\">Password"
      "</label><br><input id=\"password\" name=\"password\" type=\"password\" "
      "autocomplete=\"current-password\" required></p><p><button type=\"submit\">Log in"
      "</button></p></form>";
  SendHtml(res, status, Page("Log in", nullptr, body));
}

}  // namespace

void RegisterLoginPages(httplib::Server& http, UiState& ui) {
  UiGet(http, ui, "/ui/login",
        [&ui](const httplib::Request&, httplib::Response& res, const std::string&) {
          SendLoginForm(ui, res, 200, "");
        });
  UiPost(http, ui, "/ui/login",
         [&ui](const httplib::Request& req, httplib::Response& res, const std::string& body) {
           const httplib::Params form = ParseForm(body);
           if (!SameToken(Field(form, "csrf"), Cookie(req, "ps_login"))) {
             SendLoginForm(ui, res, 403,
                           "the login form expired or was not sent from this site;"
                           " try again");
             return;
           }
           const std::string name = Field(form, "user");
           const std::string user_key = "user:" + name, addr_key = "addr:" + req.remote_addr;
           const int64_t wait = std::max(ui.throttle().LockedFor(user_key, ui.user_policy()),
                                         ui.throttle().LockedFor(addr_key, ui.addr_policy()));
           if (wait > 0) {
             res.set_header("Retry-After", std::to_string(wait));
             SendLoginForm(ui, res, 429,
                           "too many failed logins: try again in " + std::to_string(wait) + " s");
             return;
           }
           auto db = ui.Db();
           if (!db.ok()) {
             SendProblem(res, 503, nullptr, "the database is not available");
             return;
           }
           auto user = UserStore(**db).Verify(name, Field(form, "password"));
           if (!user.ok()) {
             SendProblem(res, 503, nullptr, "the database is not available");
             return;
           }
           if (!*user) {
             ui.throttle().Failed(user_key, ui.user_policy());
             ui.throttle().Failed(addr_key, ui.addr_policy());
             SendLoginForm(ui, res, 401, "wrong user name or password");
             return;
           }
           ui.throttle().Succeeded(user_key);
           auto s = ui.sessions().Create(**db, **user);
           if (!s.ok()) {
             SendProblem(res, 503, nullptr, "the database is not available");
             return;
           }
           res.set_header("Set-Cookie", "ps_session=" + s->token + CookieAttributes(ui));
           Redirect(res, "/ui/");
         });
  UiPost(http, ui, "/ui/logout",
         [&ui](const httplib::Request& req, httplib::Response& res, const std::string& body) {
           auto s = RequireUser(ui, req, res);
           if (!s || !CheckCsrf(*s, ParseForm(body), res)) return;
           auto db = ui.Db();
           if (!db.ok() || !ui.sessions().Remove(**db, s->token).ok()) {
             SendProblem(res, 503, &*s, "the database is not available: still logged in");
             return;
           }
           res.set_header("Set-Cookie", "ps_session=; Max-Age=0" + CookieAttributes(ui));
           Redirect(res, "/ui/login");
         });
}

}  // namespace partyscreen::server::ui
