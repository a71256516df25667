// /ui/report?customer=ID&format=html|csv: what an auditor needs for one customer without the
// tool: the record, when and against which list versions it was screened, its alerts, who decided
// what and why, and the audit chain's verification status and head hash (docs/WORKBENCH.md).
#include "fmt/format.h"
#include "server/ui/html.h"
#include "server/ui/ui_state.h"

namespace partyscreen::server::ui {

namespace {

struct ReportData {
  CustomerRecord customer;
  std::vector<AlertAction> history;
  AuditVerification verification;
  AuditHead head;
};

std::string Csv(const ReportData& d, const Snapshot& snap, const std::string& generated_by) {
  std::string out = "section,time,who,entity_id,name,list,score,state_or_action,detail,reason\n";
  auto line = [&](std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (std::string_view f : fields) {
      if (!first) out += ',';
      out += CsvField(f);
      first = false;
    }
    out += "\n";
  };
  const Customer& c = d.customer.customer;
  line({"customer", d.customer.updated_at, "", c.id, c.name, "", "", "record",
        "country=" + c.country + "; birth_date=" + c.birth_date, ""});
  line({"screening", d.customer.screened_at, "", "", "", "", "", "screened",
        "snapshot=" + d.customer.screened_snapshot + "; engine=" + d.customer.screened_engine, ""});
  for (const SourceInfo& s : snap.sources)
    line({"list_version", s.published, "", "", s.list_name, s.source, "", "served",
          "sha256=" + s.sha256 + "; records=" + std::to_string(s.records), ""});
  for (const Alert& a : d.customer.alerts) {
    const Entity* e = snap.Find(a.entity_id);
    line({"alert", "", "", a.entity_id, a.matched_name, e ? e->list : "", Score(a.score),
          AlertStateName(a.state), e ? "federal_register=" + e->federal_register : "", ""});
  }
  for (const AlertAction& h : d.history)
    line({"decision", h.at, h.who, h.entity_id, "", "", "", h.action, h.detail, h.reason});
  line({"audit", UtcNowIso(), generated_by, "", "", "", "",
        d.verification.ok ? "chain_intact" : "chain_broken",
        fmt::format("records={}; head_seq={}; head_hash={}", d.verification.records, d.head.seq,
                    d.head.hash),
        d.verification.problem});
  return out;
}

std::string Html(const ReportData& d, const Snapshot& snap, const Session& s) {
  const Customer& c = d.customer.customer;
  std::string b = "<p>Generated " + Esc(UtcNowIso()) + " by " + Esc(s.user) +
                  ". <a class=\"noprint\" href=\"/ui/report?customer=" + UrlEncode(c.id) +
                  "&amp;format=csv\">Download as CSV</a></p>";
  b += "<h2>Audit trail</h2><p class=\"" + std::string(d.verification.ok ? "ok" : "err") +
       "\" id=\"audit\">Hash chain " +
       (d.verification.ok ? "verified intact" : "BROKEN: " + Esc(d.verification.problem)) +
       fmt::format(" over {} record(s). Head: record #{}, hash <code id=\"head-hash\">{}</code>",
                   d.verification.records, d.head.seq, Esc(d.head.hash)) +
       "</p>";
  b += "<h2>Customer</h2><table><tr><th>Id</th><td>" + Esc(c.id) +
       "</td></tr><tr><th>Name</th><td>" + Esc(c.name) + "</td></tr><tr><th>Country</th><td>" +
       Esc(c.country) + "</td></tr><tr><th>Birth date</th><td>" + Esc(c.birth_date) +
       "</td></tr><tr><th>Record updated</th><td>" + Esc(d.customer.updated_at) +
       "</td></tr></table>";
  b += "<h2>Screening</h2><p>Last screened " + Esc(d.customer.screened_at) +
       " against list snapshot <code>" + Esc(d.customer.screened_snapshot) +
       "</code> with engine " + Esc(d.customer.screened_engine) +
       ".</p><p>Lists served now (snapshot <code>" + Esc(snap.hash) +
       "</code>):</p><table><tr><th>List</th><th>Source</th><th>Published</th>"
       "<th>Records</th><th>SHA-256</th></tr>";
  for (const SourceInfo& si : snap.sources)
    b += "<tr><td>" + Esc(si.list_name) + "</td><td>" + Esc(si.source) + "</td><td>" +
         Esc(si.published) + "</td><td>" + std::to_string(si.records) + "</td><td><code>" +
         Esc(si.sha256) + "</code></td></tr>";
  b += "</table><h2>What was found</h2><table><tr><th>Listing</th><th>Listed as</th><th>List</th>"
       "<th>Federal Register</th><th>Score</th><th>State</th></tr>";
  for (const Alert& a : d.customer.alerts) {
    const Entity* e = snap.Find(a.entity_id);
    b += "<tr><td>" + Esc(a.entity_id) + "</td><td>" + Esc(a.matched_name) + "</td><td>" +
         Esc(e ? e->list : "") + "</td><td>" + Esc(e ? e->federal_register : "") + "</td><td>" +
         Score(a.score) + "</td><td>" + std::string(AlertStateName(a.state)) + "</td></tr>";
  }
  if (d.customer.alerts.empty()) b += "<tr><td colspan=\"6\">no alerts</td></tr>";
  b += "</table><h2>Who decided what and why</h2><table><tr><th>Time</th><th>Who</th><th>Listing"
       "</th><th>Action</th><th>Detail</th><th>Reason</th><th>Audit record</th></tr>";
  for (const AlertAction& h : d.history)
    b += "<tr><td>" + Esc(h.at) + "</td><td>" + Esc(h.who) + "</td><td>" + Esc(h.entity_id) +
         "</td><td>" + Esc(h.action) + "</td><td>" + Esc(h.detail) + "</td><td>" + Esc(h.reason) +
         "</td><td>#" + std::to_string(h.audit_seq) + "</td></tr>";
  if (d.history.empty()) b += "<tr><td colspan=\"7\">no decisions</td></tr>";
  b += "</table>";
  return Page("Screening report: " + c.name, &s, b);
}

}  // namespace

void RegisterReportPages(httplib::Server& http, UiState& ui) {
  UiGet(http, ui, "/ui/report",
        [&ui](const httplib::Request& req, httplib::Response& res, const std::string&) {
          auto s = RequireUser(ui, req, res);
          if (!s) return;
          auto db = ui.Db();
          if (!db.ok()) return SendProblem(res, 503, &*s, "the database is not available");
          const std::string id = req.get_param_value("customer");
          ReportData d;
          auto customer = CustomerRegister(**db).Get(id);
          if (!customer.ok() || !*customer) return SendProblem(res, 404, &*s, "no customer " + id);
          d.customer = **customer;
          auto history = AlertQueue(**db).History(id);
          auto verification = AuditLog(**db).Verify();
          auto head = AuditLog(**db).Head();
          if (!history.ok() || !verification.ok() || !head.ok())
            return SendProblem(res, 500, &*s, "the audit trail could not be read");
          d.history = *history;
          d.verification = *verification;
          d.head = *head;
          const auto engine = ui.server().engines.Current();
          if (req.get_param_value("format") == "csv") {
            res.set_header("Content-Disposition",
                           "attachment; filename=\"report-" + UrlEncode(id) + ".csv\"");
            res.set_header("Cache-Control", "no-store");
            res.set_content(Csv(d, engine->snapshot(), s->user), "text/csv; charset=utf-8");
            return;
          }
          SendHtml(res, 200, Html(d, engine->snapshot(), *s));
        });
}

}  // namespace partyscreen::server::ui
