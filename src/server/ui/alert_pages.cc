// /ui/alert: one alert (customer beside the listed party, explanation, legal outcome, history)
// and its actions: decide (true match / false positive / escalate, reason required; a clearance
// under the four-eyes rule waits for a supervisor), confirm or reject a waiting clearance, assign.
#include <algorithm>
#include <set>

#include "core/strings.h"
#include "fmt/format.h"
#include "parties/parties.h"
#include "partyscreen/decide.h"
#include "server/ui/alert_view.h"
#include "server/ui/html.h"
#include "server/ui/ui_state.h"

namespace partyscreen::server::ui {

namespace {

Result<AlertView> LoadView(UiState& ui, Database& db, const std::string& customer_id,
                           const std::string& entity_id) {
  AlertView v;
  v.engine = ui.server().engines.Current();
  auto alert = AlertQueue(db).Get(customer_id, entity_id);
  if (!alert.ok()) return alert.status();
  if (!*alert) return Status::NotFound("no alert of customer " + customer_id + " on " + entity_id);
  v.alert = **alert;
  auto customer = CustomerRegister(db).Get(customer_id);
  if (!customer.ok()) return customer.status();
  if (!*customer) return Status::NotFound("no customer " + customer_id);
  v.customer = **customer;
  const Snapshot& snap = v.engine->snapshot();
  v.entity = snap.Find(entity_id);
  if (v.entity == nullptr) return v;  // listed in older lists only
  v.party = &v.engine->parties->Of(static_cast<uint32_t>(v.entity - snap.entities.data()));
  ScreenOptions opts;
  opts.threshold = 0;
  for (uint32_t l : v.party->listings)
    if (auto hit = v.engine->screener->ScoreEntity(v.customer.customer, l, opts))
      v.hits.push_back(std::move(*hit));
  std::sort(v.hits.begin(), v.hits.end(),
            [](const Hit& a, const Hit& b) { return a.score > b.score; });
  v.decision = DecideHits(ui.server().rules, Party{"customer", v.customer.customer}, v.hits, {});
  return v;
}

// The name with the words that met a word on the other side marked.
std::string Marked(const std::string& name, const std::vector<std::string>& words) {
  std::set<std::string> lower;
  for (const std::string& w : words) lower.insert(AsciiLower(w));
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    out += lower.count(AsciiLower(word)) ? "<mark>" + Esc(word) + "</mark>" : Esc(word);
    word.clear();
  };
  for (char c : name) {
    if (c == ' ' || c == ',' || c == '(' || c == ')') {
      flush();
      out += Esc(std::string(1, c));
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

std::string ListingBox(const Entity& e) {
  std::string rows;
  auto row = [&](const char* label, const std::string& value) {
    if (!value.empty())
      rows +=
          "<tr><th scope=\"row\">" + std::string(label) + "</th><td>" + Esc(value) + "</td></tr>";
  };
  row("Listing", e.id);
  row("List", e.list.empty() ? e.source : e.list);
  row("Name", e.name);
  std::string aliases;
  for (size_t i = 0; i < e.aliases.size() && i < 8; ++i)
    aliases += std::string(i ? "; " : "") + e.aliases[i].name;
  if (e.aliases.size() > 8) aliases += fmt::format("; ... ({} in all)", e.aliases.size());
  row("Also known as", aliases);
  row("Programmes", Join(e.programs, ", "));
  row("Federal Register", e.federal_register);
  row("Listed since", e.start_date);
  row("Licence requirement", e.license_requirement);
  row("Licence policy", e.license_policy);
  row("Countries", Join(e.countries, ", "));
  row("Birth dates", Join(e.birth_dates, ", "));
  row("Source", e.source_url);
  return "<div class=\"box listing\"><table>" + rows + "</table></div>";
}

// History rows: actions and decisions (with their audit record) and the re-screens that raised
// or reopened the alert (audit_seq 0: the outbox event, written with the re-screen's records).
std::string HistoryTable(const std::vector<AlertAction>& history) {
  std::string out =
      "<table id=\"history\"><thead><tr><th>Time</th><th>Who</th><th>Action</th><th>Detail</th>"
      "<th>Reason</th><th>Audit record</th></tr></thead><tbody>";
  for (const AlertAction& a : history)
    out += "<tr><td>" + Esc(a.at) + "</td><td>" + Esc(a.who) + "</td><td>" + Esc(a.action) +
           "</td><td>" + Esc(a.entity_id + (a.detail.empty() ? "" : ": " + a.detail)) +
           "</td><td>" + Esc(a.reason) + "</td><td>" +
           (a.audit_seq > 0 ? "#" + std::to_string(a.audit_seq) : std::string("re-screen run")) +
           "</td></tr>";
  if (history.empty()) out += "<tr><td colspan=\"6\">nothing yet</td></tr>";
  return out + "</tbody></table>";
}

bool NeedsFourEyes(const ServerOptions& o, const AlertView& v) {
  return (o.four_eyes_score > 0 && v.alert.score >= o.four_eyes_score) ||
         (o.four_eyes_block && v.decision.outcome == Outcome::kBlock);
}

std::string AlertUrl(const std::string& customer, const std::string& entity) {
  return "/ui/alert?customer=" + UrlEncode(customer) + "&entity=" + UrlEncode(entity);
}

std::string HiddenAlert(const AlertView& v, const Session& s) {
  return CsrfField(s) + "<input type=\"hidden\" name=\"customer\" value=\"" +
         Esc(v.alert.customer_id) + "\"><input type=\"hidden\" name=\"entity\" value=\"" +
         Esc(v.alert.entity_id) + "\">";
}

std::string Render(UiState& ui, Database& db, const AlertView& v, const Session& s) {
  const Customer& c = v.customer.customer;
  const Hit* best = v.hits.empty() ? nullptr : &v.hits.front();
  std::vector<std::string> query_words, list_words;
  if (best != nullptr)
    for (const TokenAlignment& t : best->explanation.aligned) {
      query_words.push_back(t.query_token);
      list_words.push_back(t.list_token);
    }
  std::string body =
      "<div class=\"cols\"><section class=\"box\" aria-labelledby=\"cust\"><h2 "
      "id=\"cust\">Customer</h2><table>";
  auto row = [&](const char* label, const std::string& html) {
    body += "<tr><th scope=\"row\">" + std::string(label) + "</th><td>" + html + "</td></tr>";
  };
  row("Id", "<a href=\"/ui/customer?id=" + UrlEncode(c.id) + "\">" + Esc(c.id) + "</a>");
  row("Name", Marked(c.name, query_words));
  row("Country", Esc(c.country));
  row("Birth date", Esc(c.birth_date));
  std::string ids;
  for (const Identifier& i : c.identifiers) ids += Esc(i.type + ": " + i.value) + "<br>";
  row("Identifiers", ids);
  row("Screened", Esc(v.customer.screened_at) + " against lists <code>" +
                      Esc(v.customer.screened_snapshot.substr(0, 12)) + "</code>");
  body +=
      "</table></section><section class=\"box\" aria-labelledby=\"party\"><h2 "
      "id=\"party\">Listed party</h2>";
  if (v.entity == nullptr) {
    body += "<p class=\"warn\">" + Esc(v.alert.entity_id) +
            " is not in the lists served now (snapshot " +
            Esc(v.engine->snapshot().hash.substr(0, 12)) + ").</p>";
  } else {
    body += "<p>Party <code>" + Esc(v.party->id) +
            "</code>: " + std::to_string(v.party->listings.size()) + " listing(s)</p>";
    if (best != nullptr)
      body += "<p>Best listed name: <strong class=\"listed-name\">" +
              Marked(best->explanation.matched_name, list_words) + "</strong></p>";
    for (uint32_t l : v.party->listings) body += ListingBox(v.engine->snapshot().entities[l]);
  }
  body += "</section></div>";
  body += "<section class=\"box\" aria-labelledby=\"why\"><h2 id=\"why\">Why it matched (score " +
          Score(v.alert.score) + ")</h2>";
  if (best != nullptr) {
    const Explanation& x = best->explanation;
    body += "<p>" + Esc(x.summary) +
            "</p><table id=\"aligned\"><thead><tr><th>Customer word</th>"
            "<th>Listed word</th><th>Similarity</th><th>How</th></tr></thead><tbody>";
    for (const TokenAlignment& t : x.aligned)
      body += "<tr><td><mark>" + Esc(t.query_token) + "</mark></td><td><mark>" + Esc(t.list_token) +
              "</mark></td><td>" + Score(t.similarity) + "</td><td>" +
              Esc(t.bridge.empty() ? (t.similarity >= 1 ? "equal" : "spelling") : t.bridge) +
              "</td></tr>";
    body += "</tbody></table>";
    if (!x.unmatched_query_tokens.empty())
      body += "<p>Customer words without a match: " + Esc(Join(x.unmatched_query_tokens, ", ")) +
              "</p>";
    if (!x.unmatched_list_tokens.empty())
      body +=
          "<p>Listed words without a match: " + Esc(Join(x.unmatched_list_tokens, ", ")) + "</p>";
    for (const std::string& a : x.attributes) body += "<p>Attribute: " + Esc(a) + "</p>";
  }
  body +=
      "</section><section class=\"box\" aria-labelledby=\"law\"><h2 id=\"law\">Legal outcome "
      "(as <code>partyscreen check</code>)</h2><p class=\"outcome\" id=\"outcome\">" +
      std::string(OutcomeName(v.decision.outcome)) + "</p><ul>";
  for (const Reason& r : v.decision.reasons)
    body += "<li><strong>" + std::string(OutcomeName(r.outcome)) + "</strong> " + Esc(r.entity_id) +
            ": " + Esc(r.legal_text) +
            (r.license_policy.empty() ? "" : " Policy: " + Esc(r.license_policy)) +
            " <em>Citation: " + Esc(r.citation) + "</em> Next: " + Esc(r.next_step) + "</li>";
  body += "</ul><p><small>rules " + Esc(v.decision.rules_version) + "</small></p></section>";

  // Work state and actions.
  body +=
      "<section class=\"box noprint\" aria-labelledby=\"act\"><h2 id=\"act\">Decide</h2><p>"
      "Status: <strong id=\"state\">" +
      Esc(v.alert.state) + "</strong>" + (v.alert.escalated ? ", escalated" : "") +
      "; assignee: " + (v.alert.assignee.empty() ? "nobody" : Esc(v.alert.assignee)) + "</p>";
  const ServerOptions& o = ui.server().options;
  if (!v.alert.pending_by.empty()) {
    body += "<div class=\"warn\" id=\"pending\"><p>Clearance as <strong>" +
            Esc(v.alert.pending_decision) + "</strong> proposed by <strong>" +
            Esc(v.alert.pending_by) + "</strong> at " + Esc(v.alert.pending_at) + ": " +
            Esc(v.alert.pending_reason) +
            "</p><p>Four-eyes rule: a supervisor other than the proposer must confirm it.</p>";
    if (s.role >= Role::kSupervisor && s.user != v.alert.pending_by) {
      body += "<form method=\"post\" action=\"/ui/alert/confirm\">" + HiddenAlert(v, s) +
              "<p><label for=\"creason\">Reason</label><br><textarea id=\"creason\" "
              "name=\"reason\" required rows=\"2\" cols=\"60\"></textarea></p><p><button "
              "type=\"submit\" name=\"verdict\" value=\"confirm\">Confirm clearance</button> "
              "<button type=\"submit\" name=\"verdict\" value=\"reject\">Reject</button></p>"
              "</form>";
    }
    body += "</div>";
  }
  if (v.alert.state == "open" || v.alert.state == "reopened") {
    body += "<form method=\"post\" action=\"/ui/alert/decide\" id=\"decide\">" + HiddenAlert(v, s) +
            "<fieldset><legend>Decision</legend><label><input type=\"radio\" name=\"decision\" "
            "value=\"false_positive\" required> False positive (clear)</label> <label><input "
            "type=\"radio\" name=\"decision\" value=\"true_match\"> True match</label> <label>"
            "<input type=\"radio\" name=\"decision\" value=\"escalate\"> Escalate</label>"
            "</fieldset><p><label for=\"reason\">Reason (required)</label><br><textarea "
            "id=\"reason\" name=\"reason\" required rows=\"3\" cols=\"60\"></textarea></p>";
    if (NeedsFourEyes(o, v))
      body +=
          "<p class=\"warn\">Clearing this alert needs a supervisor's confirmation "
          "(four-eyes rule).</p>";
    body += "<p><button type=\"submit\">Record decision</button></p></form>";
    body += "<form method=\"post\" action=\"/ui/alert/assign\">" + HiddenAlert(v, s) +
            "<p><label for=\"assignee\">Assign to</label> <input id=\"assignee\" "
            "name=\"assignee\" value=\"" +
            Esc(s.user) + "\"> <button type=\"submit\">Assign</button></p></form>";
  }
  body += "</section>";
  const std::set<std::string> party = PartyListingIds(*v.engine, v.alert.entity_id);
  const std::vector<AlertAction> mine = CustomerHistory(db, v.alert.customer_id, &party);
  body +=
      "<section class=\"box\" aria-labelledby=\"hist\"><h2 id=\"hist\">History</h2>" +
      HistoryTable(mine) +
      "<p class=\"noprint\"><a id=\"alert-report\" href=\"/ui/report?customer=" + UrlEncode(c.id) +
      "&amp;listing=" + UrlEncode(v.alert.entity_id) +
      "\">Report for this alert</a> | <a href=\"/ui/report?customer=" + UrlEncode(c.id) +
      "&amp;format=html\">Report for this customer</a></p></section>";
  return Page("Alert: " + c.name + " / " + (v.entity ? v.entity->name : v.alert.entity_id), &s,
              body);
}

// Common start of an action: session (min role), CSRF, the alert's view.
struct ActionStart {
  Session session;
  httplib::Params form;
  AlertView view;
};
std::optional<ActionStart> StartAction(UiState& ui, Database& db, const httplib::Request& req,
                                       httplib::Response& res, const std::string& body,
                                       Role min_role) {
  auto s = RequireUser(ui, req, res, min_role);
  if (!s) return std::nullopt;
  httplib::Params form = ParseForm(body);
  if (!CheckCsrf(*s, form, res)) return std::nullopt;
  auto view = LoadView(ui, db, Field(form, "customer"), Field(form, "entity"));
  if (!view.ok()) {
    SendProblem(res, 404, &*s, view.status().message());
    return std::nullopt;
  }
  return ActionStart{*s, std::move(form), std::move(view).value()};
}

// A review decision through ReviewLog, then its history row.
Status RecordReview(Database& db, const AlertView& v, ReviewVerdict verdict,
                    const std::string& reason, const std::string& who) {
  auto recorded =
      ReviewLog(db).Record({v.alert.customer_id, v.alert.entity_id, verdict, reason, who},
                           v.engine->snapshot(), *v.engine->parties);
  if (!recorded.ok()) return recorded.status();
  auto history = AlertQueue(db).History(v.alert.customer_id, v.alert.entity_id);
  if (!history.ok()) return history.status();
  int64_t seq = 0;
  for (const AlertAction& a : *history)
    if (a.action == "decide" && a.audit_seq > seq) seq = a.audit_seq;
  AlertAction act{v.alert.customer_id,
                  v.alert.entity_id,
                  "",
                  who,
                  "decide",
                  std::string(ReviewVerdictName(verdict)),
                  reason,
                  seq};
  auto done = AlertQueue(db).Record(act);
  return done.ok() ? Status::Ok() : done.status();
}

}  // namespace

std::vector<AlertAction> CustomerHistory(Database& db, const std::string& customer_id,
                                         const std::set<std::string>* listings) {
  auto wanted = [&](const std::string& id) { return listings == nullptr || listings->count(id); };
  std::vector<AlertAction> out;
  if (auto history = AlertQueue(db).History(customer_id); history.ok())
    for (const AlertAction& a : *history)
      if (wanted(a.entity_id)) out.push_back(a);
  if (auto events = AlertEventLog(db).OfCustomer(customer_id, 1000); events.ok())
    for (const AlertEvent& e : *events)
      if (wanted(e.entity_id))
        out.push_back({e.customer_id, e.entity_id, e.time, "re-screen",
                       e.kind == AlertEventKind::kReopened ? "reopened" : "raised",
                       "score " + Score(e.score) + ", lists " + e.snapshot.substr(0, 12), e.reason,
                       0});
  std::stable_sort(out.begin(), out.end(),
                   [](const AlertAction& a, const AlertAction& b) { return a.at < b.at; });
  return out;
}

std::set<std::string> PartyListingIds(const Engine& engine, const std::string& entity_id) {
  std::set<std::string> ids{entity_id};
  const Snapshot& snap = engine.snapshot();
  const Entity* e = snap.Find(entity_id);
  if (e == nullptr) return ids;
  for (uint32_t l : engine.parties->Of(static_cast<uint32_t>(e - snap.entities.data())).listings)
    ids.insert(snap.entities[l].id);
  return ids;
}

Result<AlertView> LoadAlertView(UiState& ui, Database& db, const std::string& customer_id,
                                const std::string& entity_id) {
  return LoadView(ui, db, customer_id, entity_id);
}
bool ClearanceNeedsFourEyes(const ServerOptions& options, const AlertView& view) {
  return NeedsFourEyes(options, view);
}
Status RecordAlertReview(Database& db, const AlertView& view, ReviewVerdict verdict,
                         const std::string& reason, const std::string& who) {
  return RecordReview(db, view, verdict, reason, who);
}

void RegisterAlertPages(httplib::Server& http, UiState& ui) {
  UiGet(http, ui, "/ui/alert",
        [&ui](const httplib::Request& req, httplib::Response& res, const std::string&) {
          auto s = RequireUser(ui, req, res);
          if (!s) return;
          auto db = ui.Db();
          if (!db.ok()) return SendProblem(res, 503, &*s, "the database is not available");
          auto view =
              LoadView(ui, **db, req.get_param_value("customer"), req.get_param_value("entity"));
          if (!view.ok()) return SendProblem(res, 404, &*s, view.status().message());
          SendHtml(res, 200, Render(ui, **db, *view, *s));
        });
  UiPost(http, ui, "/ui/alert/decide",
         [&ui](const httplib::Request& req, httplib::Response& res, const std::string& body) {
           auto db = ui.Db();
           if (!db.ok()) return SendProblem(res, 503, nullptr, "the database is not available");
           auto a = StartAction(ui, **db, req, res, body, Role::kAnalyst);
           if (!a) return;
           const std::string decision = Field(a->form, "decision");
           const std::string reason(Trim(Field(a->form, "reason")));
           if (reason.empty())
             return SendProblem(res, 422, &a->session, "a reason is required for every decision");
           const AlertView& v = a->view;
           const std::string back = AlertUrl(v.alert.customer_id, v.alert.entity_id);
           Status st;
           if (decision == "escalate") {
             auto r = AlertQueue(**db).Record({v.alert.customer_id, v.alert.entity_id, "",
                                               a->session.user, "escalate", "", reason, 0});
             st = r.ok() ? Status::Ok() : r.status();
           } else if (decision == "true_match") {
             st = RecordReview(**db, v, ReviewVerdict::kTrueMatch, reason, a->session.user);
           } else if (decision == "false_positive") {
             if (v.entity == nullptr)
               return SendProblem(res, 409, &a->session,
                                  "the listing is not in the lists served now");
             if (NeedsFourEyes(ui.server().options, v)) {
               auto r = AlertQueue(**db).Record({v.alert.customer_id, v.alert.entity_id, "",
                                                 a->session.user, "propose_clearance",
                                                 "false_positive", reason, 0});
               st = r.ok() ? Status::Ok() : r.status();
             } else {
               st = RecordReview(**db, v, ReviewVerdict::kFalsePositive, reason, a->session.user);
               if (st.ok()) return Redirect(res, "/ui/?done=" + UrlEncode(v.alert.customer_id));
             }
           } else {
             return SendProblem(res, 422, &a->session,
                                "choose false positive, true match or escalate");
           }
           if (!st.ok()) return SendProblem(res, 500, &a->session, st.message());
           Redirect(res, back);
         });
  UiPost(
      http, ui, "/ui/alert/confirm",
      [&ui](const httplib::Request& req, httplib::Response& res, const std::string& body) {
        auto db = ui.Db();
        if (!db.ok()) return SendProblem(res, 503, nullptr, "the database is not available");
        auto a = StartAction(ui, **db, req, res, body, Role::kSupervisor);
        if (!a) return;
        const AlertView& v = a->view;
        const std::string reason(Trim(Field(a->form, "reason")));
        if (reason.empty()) return SendProblem(res, 422, &a->session, "a reason is required");
        if (v.alert.pending_by.empty())
          return SendProblem(res, 409, &a->session, "no clearance is waiting on this alert");
        if (v.alert.pending_by == a->session.user)
          return SendProblem(res, 403, &a->session,
                             "four-eyes rule: the proposer cannot confirm their own clearance");
        const bool confirm = Field(a->form, "verdict") == "confirm";
        auto r = AlertQueue(**db).Record(
            {v.alert.customer_id, v.alert.entity_id, "", a->session.user,
             confirm ? "confirm_clearance" : "reject_clearance", v.alert.pending_by, reason, 0});
        if (!r.ok()) return SendProblem(res, 500, &a->session, r.status().message());
        if (confirm) {
          const auto verdict =
              ParseReviewVerdict(v.alert.pending_decision).value_or(ReviewVerdict::kFalsePositive);
          Status st =
              RecordReview(**db, v, verdict,
                           "proposed by " + v.alert.pending_by + ": " + v.alert.pending_reason +
                               "; confirmed by " + a->session.user + ": " + reason,
                           a->session.user);
          if (!st.ok()) return SendProblem(res, 500, &a->session, st.message());
          return Redirect(res, "/ui/?done=" + UrlEncode(v.alert.customer_id));
        }
        Redirect(res, AlertUrl(v.alert.customer_id, v.alert.entity_id));
      });
  UiPost(http, ui, "/ui/alert/assign",
         [&ui](const httplib::Request& req, httplib::Response& res, const std::string& body) {
           auto db = ui.Db();
           if (!db.ok()) return SendProblem(res, 503, nullptr, "the database is not available");
           auto a = StartAction(ui, **db, req, res, body, Role::kAnalyst);
           if (!a) return;
           const std::string to(Trim(Field(a->form, "assignee")));
           if (!to.empty()) {
             auto user = UserStore(**db).Get(to);
             if (!user.ok() || !*user) return SendProblem(res, 422, &a->session, "no user " + to);
           }
           auto r = AlertQueue(**db).Record({a->view.alert.customer_id, a->view.alert.entity_id, "",
                                             a->session.user, "assign", to, "", 0});
           if (!r.ok()) return SendProblem(res, 500, &a->session, r.status().message());
           Redirect(res, AlertUrl(a->view.alert.customer_id, a->view.alert.entity_id));
         });
}

}  // namespace partyscreen::server::ui
