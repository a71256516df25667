// /ui/bulk: open alerts identical but for the customer (the same listed party and the same
// customer name), in groups, each cleared as false positives with one reason for the group.
// Every alert goes through the same steps as a single decision (alert_view.h): the four-eyes rule
// turns its clearance into a proposal, each is audited with the user, and each is checked again
// on the server (still open, not waiting, the group's customer name and party).
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/strings.h"
#include "fmt/format.h"
#include "server/ui/alert_view.h"
#include "server/ui/html.h"

namespace partyscreen::server::ui {

namespace {

constexpr size_t kMaxAlertsPerClearance = 500;

// The party of a listing in the served lists, or the listing itself when it is not served.
std::string PartyOf(const Engine& engine, const std::string& entity_id) {
  const Entity* e = engine.snapshot().Find(entity_id);
  if (e == nullptr) return entity_id;
  return engine.parties->Of(static_cast<uint32_t>(e - engine.snapshot().entities.data())).id;
}

// Listing -> party for the listings of parties with several listings in the served lists (the
// store groups alerts on any listing of one party together; other listings are their own party).
std::map<std::string, std::string> GroupedListings(const Engine& engine) {
  std::map<std::string, std::string> out;
  const std::vector<Entity>& entities = engine.snapshot().entities;
  for (uint32_t i = 0; i < entities.size(); ++i)
    if (const ListedParty& p = engine.parties->Of(i); p.listings.size() > 1)
      out.emplace(entities[i].id, p.id);
  return out;
}

std::string AlertValue(const QueueRow& r) {
  return nlohmann::json::array({r.customer_id, r.entity_id}).dump();
}

std::string GroupForm(const Engine& engine, const ServerOptions& options, const Session& s,
                      const std::vector<const QueueRow*>& rows, size_t index) {
  const QueueRow& first = *rows.front();
  const Entity* e = engine.snapshot().Find(first.entity_id);
  const std::string listed = e ? e->name + " (" + (e->list.empty() ? e->source : e->list) + ")"
                               : first.matched_name + " (" + first.entity_id + ")";
  std::string out = fmt::format(
      "<section class=\"box bulk-group\" aria-labelledby=\"g{0}\"><h2 id=\"g{0}\">{1} "
      "<small>&times; {2}</small></h2><p>Listed party: {3}</p>"
      "<form method=\"post\" action=\"/ui/bulk/clear\">{4}"
      "<input type=\"hidden\" name=\"name\" value=\"{5}\"><table><thead><tr><th scope=\"col\">"
      "Clear</th><th scope=\"col\">Customer</th><th scope=\"col\">Listing</th><th scope=\"col\">"
      "Score</th><th scope=\"col\">Status</th></tr></thead><tbody>",
      index, Esc(first.customer_name), rows.size(), Esc(listed), CsrfField(s),
      Esc(first.customer_name));
  for (size_t i = 0; i < rows.size(); ++i) {
    const QueueRow& r = *rows[i];
    const bool four_eyes = options.four_eyes_score > 0 && r.score >= options.four_eyes_score;
    out += fmt::format(
        "<tr><td><input type=\"checkbox\" id=\"g{0}a{1}\" name=\"alert\" value=\"{2}\" checked>"
        "</td><td><label for=\"g{0}a{1}\">{3}</label></td><td><a href=\"/ui/alert?customer={4}"
        "&amp;entity={5}\">{6}</a></td><td>{7}</td><td>{8}{9}</td></tr>",
        index, i, Esc(AlertValue(r)), Esc(r.customer_id), UrlEncode(r.customer_id),
        UrlEncode(r.entity_id), Esc(r.entity_id), Score(r.score), Esc(r.state),
        four_eyes ? " <em>needs a second person</em>" : "");
  }
  out += fmt::format(
      "</tbody></table><p><label for=\"g{0}r\">Reason for this group (required)</label><br>"
      "<input id=\"g{0}r\" name=\"reason\" required size=\"60\"></p><p><button type=\"submit\">"
      "Clear the selected as false positives</button></p></form></section>",
      index);
  return out;
}

}  // namespace

void RegisterBulkPages(httplib::Server& http, UiState& ui) {
  UiGet(http, ui, "/ui/bulk",
        [&ui](const httplib::Request& req, httplib::Response& res, const std::string&) {
          auto s = RequireUser(ui, req, res);
          if (!s) return;
          auto db = ui.Db();
          if (!db.ok()) return SendProblem(res, 503, &*s, "the database is not available");
          const std::shared_ptr<const Engine> engine = ui.server().engines.Current();
          auto rows = AlertQueue(**db).IdenticalAlerts(50, GroupedListings(*engine));
          if (!rows.ok()) return SendProblem(res, 500, &*s, rows.status().message());
          // Groups per party and customer name, in the order of the rows (largest first).
          std::vector<std::pair<std::string, std::vector<const QueueRow*>>> groups;
          std::map<std::string, size_t> at;
          for (const QueueRow& r : *rows) {
            const std::string key = PartyOf(*engine, r.entity_id) + '\n' + r.customer_name;
            auto [it, added] = at.emplace(key, groups.size());
            if (added) groups.push_back({key, {}});
            groups[it->second].second.push_back(&r);
          }
          std::string body =
              "<p>Open alerts that differ only in the customer: the same listed party and the "
              "same customer name. Clear a group as false positives with one reason; each alert "
              "is decided and audited on its own, and under the four-eyes rule its clearance "
              "waits for a second person.</p>";
          const ServerOptions& o = ui.server().options;
          std::string rule;
          if (o.four_eyes_score > 0) rule = "scoring at least " + Score(o.four_eyes_score);
          if (o.four_eyes_block)
            rule += std::string(rule.empty() ? "" : " or ") + "whose outcome is BLOCK";
          body += "<p id=\"four-eyes-rule\">" +
                  (rule.empty() ? std::string("No four-eyes rule: clearances take effect at once.")
                                : "Four-eyes rule: clearing an alert " + rule +
                                      " needs a second person (a supervisor).") +
                  "</p>";
          if (groups.empty()) body += "<p id=\"no-groups\">No identical open alerts.</p>";
          for (size_t g = 0; g < groups.size(); ++g)
            body += GroupForm(*engine, ui.server().options, *s, groups[g].second, g);
          SendHtml(res, 200, Page("Identical alerts", &*s, body));
        });
  UiPost(http, ui, "/ui/bulk/clear",
         [&ui](const httplib::Request& req, httplib::Response& res, const std::string& body) {
           auto s = RequireUser(ui, req, res);
           if (!s) return;
           const httplib::Params form = ParseForm(body);
           if (!CheckCsrf(*s, form, res)) return;
           const std::string reason(Trim(Field(form, "reason")));
           if (reason.empty())
             return SendProblem(res, 422, &*s, "a reason is required for the group");
           const std::string name = Field(form, "name");
           std::vector<std::pair<std::string, std::string>> alerts;
           for (auto [it, end] = form.equal_range("alert"); it != end; ++it) {
             const nlohmann::json j = nlohmann::json::parse(it->second, nullptr, false);
             if (j.is_discarded() || !j.is_array() || j.size() != 2 || !j[0].is_string() ||
                 !j[1].is_string())
               return SendProblem(res, 400, &*s, "not an alert: " + it->second.substr(0, 200));
             alerts.emplace_back(j[0].get<std::string>(), j[1].get<std::string>());
           }
           if (alerts.empty()) return SendProblem(res, 422, &*s, "no alert selected");
           if (alerts.size() > kMaxAlertsPerClearance)
             return SendProblem(res, 422, &*s,
                                fmt::format("at most {} alerts at once", kMaxAlertsPerClearance));
           auto db = ui.Db();
           if (!db.ok()) return SendProblem(res, 503, &*s, "the database is not available");
           std::string party;  // of the first alert: every other one must be on the same party
           std::set<std::string> decided;  // customers cleared here (a decision covers the party)
           size_t cleared = 0, proposed = 0, skipped = 0;
           std::string table;
           for (const auto& [customer, entity] : alerts) {
             std::string outcome;
             auto v = LoadAlertView(ui, **db, customer, entity);
             if (!v.ok()) {
               outcome = "skipped: " + v.status().message();
             } else if (v->entity == nullptr) {
               outcome = "skipped: the listing is not in the lists served now";
             } else if (v->customer.customer.name != name) {
               outcome = "skipped: the customer's name is not the group's";
             } else if (v->alert.state == "suppressed" && decided.count(customer) &&
                        v->party->id == party) {
               outcome = "cleared (the decision on another listing of the party covers it)";
               ++cleared;
             } else if (v->alert.state != "open" && v->alert.state != "reopened") {
               outcome = "skipped: already decided (" + v->alert.state + ")";
             } else if (!v->alert.pending_by.empty()) {
               outcome = "skipped: a clearance by " + v->alert.pending_by + " is waiting";
             } else if (!party.empty() && v->party->id != party) {
               outcome = "skipped: another listed party than the group's";
             } else {
               party = v->party->id;
               Status st;
               if (ClearanceNeedsFourEyes(ui.server().options, *v)) {
                 auto r =
                     AlertQueue(**db).Record({customer, entity, "", s->user, "propose_clearance",
                                              "false_positive", reason, 0});
                 st = r.ok() ? Status::Ok() : r.status();
                 outcome = "awaiting a second person";
                 proposed += st.ok();
               } else {
                 st = RecordAlertReview(**db, *v, ReviewVerdict::kFalsePositive, reason, s->user);
                 outcome = "cleared";
                 cleared += st.ok();
                 if (st.ok()) decided.insert(customer);
               }
               if (!st.ok()) outcome = "failed: " + st.message();
             }
             if (outcome.rfind("skipped", 0) == 0 || outcome.rfind("failed", 0) == 0) ++skipped;
             table += "<tr><td>" + Esc(customer) + "</td><td>" + Esc(entity) + "</td><td>" +
                      Esc(outcome) + "</td></tr>";
           }
           const std::string html = fmt::format(
               "<p id=\"bulk-result\" role=\"status\">{} cleared as false positives, {} awaiting "
               "a second person, {} skipped. Reason: {}</p><table id=\"bulk-outcomes\"><thead>"
               "<tr><th scope=\"col\">Customer</th><th scope=\"col\">Listing</th><th "
               "scope=\"col\">Outcome</th></tr></thead><tbody>{}</tbody></table><p><a "
               "href=\"/ui/bulk\">Identical alerts</a> &middot; <a href=\"/ui/\">Alert "
               "queue</a></p>",
               cleared, proposed, skipped, Esc(reason), table);
           SendHtml(res, 200, Page("Cleared in bulk", &*s, html));
         });
}

}  // namespace partyscreen::server::ui
