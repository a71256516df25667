// /ui/lists (loaded sources, dates, ages, staleness), /ui/screen (one-off screening, audited),
// /ui/customer (record, alerts, decisions), /ui/admin/users (admin only: accounts).
#include <ctime>

#include "fmt/format.h"
#include "lists/staleness.h"
#include "server/ui/alert_view.h"
#include "server/ui/html.h"
#include "server/ui/ui_state.h"

namespace partyscreen::server::ui {

void RegisterOtherPages(httplib::Server& http, UiState& ui) {
  UiGet(http, ui, "/ui/lists",
        [&ui](const httplib::Request& req, httplib::Response& res, const std::string&) {
          auto s = RequireUser(ui, req, res);
          if (!s) return;
          const auto engine = ui.server().engines.Current();
          const ServerOptions& options = ui.server().options;
          const auto ages = ListAges(engine->snapshot(), options.max_list_age_days,
                                     static_cast<double>(std::time(nullptr)));
          const std::string warning =
              StalenessWarning(ages, options.lists.empty(), options.max_list_age_days);
          std::string b;
          if (!warning.empty()) b += "<p class=\"warn\" role=\"alert\">" + Esc(warning) + "</p>";
          b += "<p>Snapshot <code>" + Esc(engine->snapshot().hash) + "</code>, loaded in " +
               fmt::format("{:.2f}", engine->load_seconds) +
               " s.</p><table><tr><th>Source</th><th>List</th><th>Format</th><th>Published</th>"
               "<th>Retrieved</th><th>Age (days)</th><th>Records</th><th>Stale</th></tr>";
          const auto& sources = engine->snapshot().sources;
          for (size_t i = 0; i < sources.size() && i < ages.size(); ++i)
            b += "<tr><td>" + Esc(sources[i].source) + "</td><td>" + Esc(sources[i].list_name) +
                 "</td><td>" + Esc(sources[i].format) + "</td><td>" + Esc(ages[i].published) +
                 "</td><td>" + Esc(ages[i].retrieved) + "</td><td>" +
                 (ages[i].age_days < 0 ? "unknown" : fmt::format("{:.0f}", ages[i].age_days)) +
                 "</td><td>" + std::to_string(sources[i].records) + "</td><td>" +
                 (ages[i].stale ? "<strong>stale</strong>" : "no") + "</td></tr>";
          SendHtml(res, 200, Page("Lists", &*s, b + "</table>"));
        });
  UiGet(http, ui, "/ui/screen",
        [&ui](const httplib::Request& req, httplib::Response& res, const std::string&) {
          auto s = RequireUser(ui, req, res);
          if (!s) return;
          const std::string name = req.get_param_value("name");
          std::string b =
              "<form method=\"get\" action=\"/ui/screen\" role=\"search\"><label for=\"name\">Name"
              "</label> <input id=\"name\" name=\"name\" value=\"" +
              Esc(name) +
              "\" required maxlength=\"300\"> <label for=\"country\">Country</label> <input "
              "id=\"country\" name=\"country\" size=\"4\" value=\"" +
              Esc(req.get_param_value("country")) +
              "\"> <button type=\"submit\">Screen</button></form>";
          if (!name.empty()) {
            const auto engine = ui.server().engines.Current();
            Query q;
            q.name = name.substr(0, ui.server().options.max_name_chars);
            q.country = req.get_param_value("country");
            ScreenOptions opts;
            const std::vector<Hit> hits = engine->screener->Screen(q, opts);
            Status st = ui.server().CommitAudit(
                {ScreeningAuditRecord(s->user, q, *engine->screener, opts, hits, "ui")});
            if (!st.ok()) return SendProblem(res, 503, &*s, "the audit trail is not available");
            b += "<table><tr><th>Listing</th><th>Name</th><th>List</th><th>Score</th><th>Why"
                 "</th></tr>";
            for (const Hit& h : hits)
              b += "<tr><td>" + Esc(h.entity->id) + "</td><td>" + Esc(h.entity->name) +
                   "</td><td>" + Esc(h.entity->list) + "</td><td>" + Score(h.score) + "</td><td>" +
                   Esc(h.explanation.summary) + "</td></tr>";
            if (hits.empty()) b += "<tr><td colspan=\"5\">no hit</td></tr>";
            b += "</table><p>Recorded in the audit trail.</p>";
          }
          SendHtml(res, 200, Page("Screen a name", &*s, b));
        });
  UiGet(http, ui, "/ui/customer",
        [&ui](const httplib::Request& req, httplib::Response& res, const std::string&) {
          auto s = RequireUser(ui, req, res);
          if (!s) return;
          auto db = ui.Db();
          if (!db.ok()) return SendProblem(res, 503, &*s, "the database is not available");
          const std::string id = req.get_param_value("id");
          auto c = CustomerRegister(**db).Get(id);
          if (!c.ok() || !*c) return SendProblem(res, 404, &*s, "no customer " + id);
          const CustomerRecord& r = **c;
          std::string b = "<p>Id " + Esc(id) + ", country " + Esc(r.customer.country) +
                          ", birth date " + Esc(r.customer.birth_date) + "; screened " +
                          Esc(r.screened_at) + " against <code>" +
                          Esc(r.screened_snapshot.substr(0, 12)) +
                          "</code>.</p><p><a "
                          "href=\"/ui/report?customer=" +
                          UrlEncode(id) +
                          "&amp;format=html\">Report (HTML)</a> | <a "
                          "href=\"/ui/report?customer=" +
                          UrlEncode(id) +
                          "&amp;format=csv\">Report (CSV)</a></p><h2>Alerts</h2>"
                          "<table><tr><th>Listing</th><th>Matched name</th><th>Score</th><th>"
                          "State</th></tr>";
          for (const Alert& a : r.alerts)
            b += "<tr><td><a href=\"/ui/alert?customer=" + UrlEncode(id) +
                 "&amp;entity=" + UrlEncode(a.entity_id) + "\">" + Esc(a.entity_id) +
                 "</a></td><td>" + Esc(a.matched_name) + "</td><td>" + Score(a.score) +
                 "</td><td>" + std::string(AlertStateName(a.state)) + "</td></tr>";
          b += "</table><h2>Screenings, decisions and actions</h2><table id=\"customer-history\">"
               "<tr><th>Time</th><th>Who</th><th>Listing</th><th>Action</th><th>Detail</th>"
               "<th>Reason</th></tr>";
          for (const AlertAction& h : CustomerHistory(**db, id, nullptr))
            b += "<tr><td>" + Esc(h.at) + "</td><td>" + Esc(h.who) + "</td><td>" +
                 Esc(h.entity_id) + "</td><td>" + Esc(h.action) + "</td><td>" + Esc(h.detail) +
                 "</td><td>" + Esc(h.reason) + "</td></tr>";
          SendHtml(res, 200, Page("Customer: " + r.customer.name, &*s, b + "</table>"));
        });
  UiGet(http, ui, "/ui/admin/users",
        [&ui](const httplib::Request& req, httplib::Response& res, const std::string&) {
          auto s = RequireUser(ui, req, res, Role::kAdmin);
          if (!s) return;
          auto db = ui.Db();
          if (!db.ok()) return SendProblem(res, 503, &*s, "the database is not available");
          auto users = UserStore(**db).List();
          if (!users.ok()) return SendProblem(res, 500, &*s, users.status().message());
          std::string b =
              "<table><tr><th>User</th><th>Role</th><th>State</th><th>Created</th>"
              "</tr>";
          for (const User& u : *users)
            b += "<tr><td>" + Esc(u.name) + "</td><td>" + std::string(RoleName(u.role)) +
                 "</td><td>" + (u.disabled ? "disabled" : "enabled") + "</td><td>" +
                 Esc(u.created_at) + " by " + Esc(u.created_by) + "</td></tr>";
          b += "</table><p>Add and disable users with <code>partyscreen users add|disable --db "
               "DB</code>.</p>";
          SendHtml(res, 200, Page("Users", &*s, b));
        });
}

}  // namespace partyscreen::server::ui
