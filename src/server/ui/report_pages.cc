// /ui/report: what an auditor needs without the tool, as a printable page or a CSV file
// (docs/WORKBENCH.md "Reports"):
//   ?customer=ID               one customer: the record, when and against which list versions it
//                              was screened, its alerts, who decided what and why;
//   ?customer=ID&listing=E     one alert: the same narrowed to the party of listing E (a decision
//                              covers every listing of the party);
//   ?from=DATE&to=DATE         a period (both days included): the audit records written in it
//                              (how many of each kind, against which list snapshots and engines,
//                              the hits they name), every action and decision taken in it;
//   no parameter               the forms that ask for one.
// Each names the audit chain's verification status and head hash; &format=csv gives the CSV.
#include <chrono>
#include <set>

#include "fmt/format.h"
#include "server/ui/alert_view.h"
#include "server/ui/html.h"
#include "server/ui/ui_state.h"

namespace partyscreen::server::ui {

namespace {

struct AuditState {
  AuditVerification verification;
  AuditHead head;
};

// Appends one CSV line of `fields`.
void CsvLine(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) out += ',';
    out += CsvField(f);
    first = false;
  }
  out += "\n";
}

constexpr std::string_view kCsvHeader =
    "section,time,who,entity_id,name,list,score,state_or_action,detail,reason\n";

void CsvListVersions(std::string& out, const Snapshot& snap) {
  for (const SourceInfo& s : snap.sources)
    CsvLine(out, {"list_version", s.published, "", "", s.list_name, s.source, "", "served",
                  "sha256=" + s.sha256 + "; records=" + std::to_string(s.records), ""});
}

void CsvActions(std::string& out, const std::vector<AlertAction>& actions, bool with_customer) {
  for (const AlertAction& h : actions)
    CsvLine(out, {"decision", h.at, h.who, h.entity_id, with_customer ? h.customer_id : "", "", "",
                  h.action, h.detail, h.reason});
}

void CsvAudit(std::string& out, const AuditState& a, const std::string& generated_by) {
  CsvLine(out, {"audit", UtcNowIso(), generated_by, "", "", "", "",
                a.verification.ok ? "chain_intact" : "chain_broken",
                fmt::format("records={}; head_seq={}; head_hash={}", a.verification.records,
                            a.head.seq, a.head.hash),
                a.verification.problem});
}

std::string HtmlAudit(const AuditState& a) {
  return "<h2>Audit trail</h2><p class=\"" + std::string(a.verification.ok ? "ok" : "err") +
         "\" id=\"audit\">Hash chain " +
         (a.verification.ok ? "verified intact" : "BROKEN: " + Esc(a.verification.problem)) +
         fmt::format(" over {} record(s). Head: record #{}, hash <code id=\"head-hash\">{}</code>",
                     a.verification.records, a.head.seq, Esc(a.head.hash)) +
         "</p>";
}

std::string HtmlListVersions(const Snapshot& snap) {
  std::string b = "<p>Lists served now (snapshot <code>" + Esc(snap.hash) +
                  "</code>):</p><table><tr><th>List</th><th>Source</th><th>Published</th>"
                  "<th>Records</th><th>SHA-256</th></tr>";
  for (const SourceInfo& si : snap.sources)
    b += "<tr><td>" + Esc(si.list_name) + "</td><td>" + Esc(si.source) + "</td><td>" +
         Esc(si.published) + "</td><td>" + std::to_string(si.records) + "</td><td><code>" +
         Esc(si.sha256) + "</code></td></tr>";
  return b + "</table>";
}

std::string HtmlActions(const std::vector<AlertAction>& actions, bool with_customer) {
  std::string b =
      "<h2>Who decided what and why</h2><table id=\"decisions\"><tr><th>Time</th>"
      "<th>Who</th>" +
      std::string(with_customer ? "<th>Customer</th>" : "") +
      "<th>Listing</th><th>Action</th><th>Detail</th><th>Reason</th>"
      "<th>Audit record</th></tr>";
  for (const AlertAction& h : actions) {
    b += "<tr><td>" + Esc(h.at) + "</td><td>" + Esc(h.who) + "</td>";
    if (with_customer)
      b += "<td><a href=\"/ui/customer?id=" + UrlEncode(h.customer_id) + "\">" +
           Esc(h.customer_id) + "</a></td>";
    b += "<td>" + Esc(h.entity_id) + "</td><td>" + Esc(h.action) + "</td><td>" + Esc(h.detail) +
         "</td><td>" + Esc(h.reason) + "</td><td>#" + std::to_string(h.audit_seq) + "</td></tr>";
  }
  if (actions.empty())
    b +=
        "<tr><td colspan=\"" + std::string(with_customer ? "8" : "7") + "\">no decisions</td></tr>";
  return b + "</table>";
}

// --- one customer, or one alert of it ---------------------------------------------------------

struct CustomerReport {
  CustomerRecord customer;
  std::vector<AlertAction> history;
  std::string listing;          // the alert's listing ("" = the whole customer)
  std::set<std::string> party;  // the listings the report is narrowed to (empty = all)
  AuditState audit;
};

std::string CustomerCsv(const CustomerReport& d, const Snapshot& snap,
                        const std::string& generated_by) {
  std::string out(kCsvHeader);
  const Customer& c = d.customer.customer;
  CsvLine(out, {"customer", d.customer.updated_at, "", c.id, c.name, "", "", "record",
                "country=" + c.country + "; birth_date=" + c.birth_date, ""});
  CsvLine(
      out,
      {"screening", d.customer.screened_at, "", "", "", "", "", "screened",
       "snapshot=" + d.customer.screened_snapshot + "; engine=" + d.customer.screened_engine, ""});
  CsvListVersions(out, snap);
  for (const Alert& a : d.customer.alerts) {
    const Entity* e = snap.Find(a.entity_id);
    CsvLine(out, {"alert", "", "", a.entity_id, a.matched_name, e ? e->list : "", Score(a.score),
                  AlertStateName(a.state), e ? "federal_register=" + e->federal_register : "", ""});
  }
  CsvActions(out, d.history, false);
  CsvAudit(out, d.audit, generated_by);
  return out;
}

std::string CustomerHtml(const CustomerReport& d, const Snapshot& snap, const Session& s) {
  const Customer& c = d.customer.customer;
  std::string csv = "/ui/report?customer=" + UrlEncode(c.id);
  if (!d.listing.empty()) csv += "&amp;listing=" + UrlEncode(d.listing);
  std::string b = "<p>Generated " + Esc(UtcNowIso()) + " by " + Esc(s.user) +
                  ". <a class=\"noprint\" href=\"" + csv +
                  "&amp;format=csv\">Download as CSV</a></p>";
  if (!d.listing.empty()) {
    b += "<p id=\"scope\">The alert on listing <code>" + Esc(d.listing) + "</code>";
    if (d.party.size() > 1) {
      b += " and the other listings of its party (a decision covers them all):";
      for (const std::string& id : d.party)
        if (id != d.listing) b += " <code>" + Esc(id) + "</code>";
    }
    b += ". <a class=\"noprint\" href=\"/ui/report?customer=" + UrlEncode(c.id) +
         "\">The whole customer</a></p>";
  }
  b += HtmlAudit(d.audit);
  b += "<h2>Customer</h2><table><tr><th>Id</th><td>" + Esc(c.id) +
       "</td></tr><tr><th>Name</th><td>" + Esc(c.name) + "</td></tr><tr><th>Country</th><td>" +
       Esc(c.country) + "</td></tr><tr><th>Birth date</th><td>" + Esc(c.birth_date) +
       "</td></tr><tr><th>Record updated</th><td>" + Esc(d.customer.updated_at) +
       "</td></tr></table>";
  b += "<h2>Screening</h2><p>Last screened " + Esc(d.customer.screened_at) +
       " against list snapshot <code>" + Esc(d.customer.screened_snapshot) +
       "</code> with engine " + Esc(d.customer.screened_engine) + ".</p>" + HtmlListVersions(snap);
  b += "<h2>What was found</h2><table><tr><th>Listing</th><th>Listed as</th><th>List</th>"
       "<th>Federal Register</th><th>Score</th><th>State</th></tr>";
  for (const Alert& a : d.customer.alerts) {
    const Entity* e = snap.Find(a.entity_id);
    b += "<tr><td>" + Esc(a.entity_id) + "</td><td>" + Esc(a.matched_name) + "</td><td>" +
         Esc(e ? e->list : "") + "</td><td>" + Esc(e ? e->federal_register : "") + "</td><td>" +
         Score(a.score) + "</td><td>" + std::string(AlertStateName(a.state)) + "</td></tr>";
  }
  if (d.customer.alerts.empty()) b += "<tr><td colspan=\"6\">no alerts</td></tr>";
  b += "</table>" + HtmlActions(d.history, false);
  return Page((d.listing.empty() ? "Screening report: " : "Alert report: ") + c.name, &s, b);
}

// --- a period ---------------------------------------------------------------------------------

struct PeriodReport {
  std::string from, to;  // the days asked for, both included
  AuditPeriod records;
  std::vector<AlertAction> actions;
  AuditState audit;
};

// `text` as a day (YYYY-MM-DD that exists), or nullopt.
std::optional<std::chrono::sys_days> ParseDay(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(std::stoi(text.substr(0, 4))),
                                        std::chrono::month(std::stoul(text.substr(5, 2))),
                                        std::chrono::day(std::stoul(text.substr(8, 2)))};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd);
}

std::string DayText(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd(d);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string PeriodCsv(const PeriodReport& d, const Snapshot& snap,
                      const std::string& generated_by) {
  std::string out(kCsvHeader);
  CsvLine(out, {"period", d.from, "", "", "", "", "", "records",
                fmt::format("from={}; to={}; records={}; first_seq={}; last_seq={}; hits={}",
                            d.from, d.to, d.records.records, d.records.first_seq,
                            d.records.last_seq, d.records.hits),
                ""});
  for (const auto& [kind, n] : d.records.by_kind)
    CsvLine(out, {"records_of_kind", "", "", "", kind, "", "", std::to_string(n), "", ""});
  for (const AuditPeriod::Basis& basis : d.records.screened_against)
    CsvLine(out, {"screened_against", "", "", "", "", "", "", std::to_string(basis.records),
                  "snapshot=" + basis.snapshot + "; engine=" + basis.engine, ""});
  CsvListVersions(out, snap);
  CsvActions(out, d.actions, true);
  CsvAudit(out, d.audit, generated_by);
  return out;
}

std::string PeriodHtml(const PeriodReport& d, const Snapshot& snap, const Session& s) {
  std::string b = "<p>Generated " + Esc(UtcNowIso()) + " by " + Esc(s.user) +
                  ". <a class=\"noprint\" href=\"/ui/report?from=" + UrlEncode(d.from) +
                  "&amp;to=" + UrlEncode(d.to) + "&amp;format=csv\">Download as CSV</a></p>";
  b += HtmlAudit(d.audit);
  b += "<h2>What was screened</h2><p id=\"period-records\">" +
       fmt::format("{} audit record(s) from {} to {} (UTC days, both included)", d.records.records,
                   Esc(d.from), Esc(d.to));
  if (d.records.records > 0)
    b += fmt::format(": records #{} to #{}, naming {} hit(s)", d.records.first_seq,
                     d.records.last_seq, d.records.hits);
  b += ".</p><table><tr><th>Kind</th><th>Records</th></tr>";
  for (const auto& [kind, n] : d.records.by_kind)
    b += "<tr><td>" + Esc(kind) + "</td><td>" + std::to_string(n) + "</td></tr>";
  b += "</table><h2>Against which lists</h2><table><tr><th>List snapshot</th><th>Engine</th>"
       "<th>Records</th></tr>";
  for (const AuditPeriod::Basis& basis : d.records.screened_against)
    b += "<tr><td><code>" + Esc(basis.snapshot) + "</code>" +
         (basis.snapshot == snap.hash ? " (served now)" : "") + "</td><td>" + Esc(basis.engine) +
         "</td><td>" + std::to_string(basis.records) + "</td></tr>";
  if (d.records.screened_against.empty()) b += "<tr><td colspan=\"3\">no screening</td></tr>";
  b += "</table>" + HtmlListVersions(snap) + HtmlActions(d.actions, true);
  return Page("Report for " + d.from + " to " + d.to, &s, b);
}

// --- the forms --------------------------------------------------------------------------------

std::string FormsHtml(const Session& s) {
  const std::string today =
      DayText(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  const std::string month_start = today.substr(0, 8) + "01";
  std::string b =
      "<form id=\"period-form\" method=\"get\" action=\"/ui/report\"><h2>A period</h2><p><label "
      "for=\"from\">From"
      "</label> <input type=\"date\" id=\"from\" name=\"from\" required value=\"" +
      month_start +
      "\"> <label for=\"to\">to (included)</label> <input type=\"date\" id=\"to\" name=\"to\" "
      "required value=\"" +
      today +
      "\"> <button type=\"submit\">Report</button></p></form>"
      "<form id=\"customer-form\" method=\"get\" action=\"/ui/report\"><h2>A "
      "customer</h2><p><label for=\"customer\">"
      "Customer id</label> <input id=\"customer\" name=\"customer\" required> <button "
      "type=\"submit\">Report</button></p></form><p>A report for one alert is linked from the "
      "alert's page.</p>";
  return Page("Reports", &s, b);
}

void SendCsv(httplib::Response& res, const std::string& name, std::string csv) {
  res.set_header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
  res.set_header("Cache-Control", "no-store");
  res.set_content(std::move(csv), "text/csv; charset=utf-8");
}

}  // namespace

void RegisterReportPages(httplib::Server& http, UiState& ui) {
  UiGet(http, ui, "/ui/report",
        [&ui](const httplib::Request& req, httplib::Response& res, const std::string&) {
          auto s = RequireUser(ui, req, res);
          if (!s) return;
          const std::string id = req.get_param_value("customer");
          const std::string from = req.get_param_value("from"), to = req.get_param_value("to");
          if (id.empty() && from.empty() && to.empty()) return SendHtml(res, 200, FormsHtml(*s));
          auto db = ui.Db();
          if (!db.ok()) return SendProblem(res, 503, &*s, "the database is not available");
          const bool csv = req.get_param_value("format") == "csv";
          const auto engine = ui.server().engines.Current();
          AuditState audit;
          auto load_audit = [&]() {
            auto verification = AuditLog(**db).Verify();
            auto head = AuditLog(**db).Head();
            if (!verification.ok() || !head.ok()) return false;
            audit = {*verification, *head};
            return true;
          };
          if (id.empty()) {
            const auto first = ParseDay(from), last = ParseDay(to);
            if (!first || !last || *last < *first)
              return SendProblem(res, 400, &*s,
                                 "a period needs from and to as days (YYYY-MM-DD), to not before "
                                 "from; got from '" +
                                     from + "', to '" + to + "'");
            PeriodReport d{from, to, {}, {}, {}};
            const std::string end = DayText(*last + std::chrono::days(1));  // exclusive
            auto records = AuditLog(**db).Summarise(from, end);
            auto actions = AlertQueue(**db).ActionsBetween(from, end);
            if (!records.ok() || !actions.ok() || !load_audit())
              return SendProblem(res, 500, &*s, "the audit trail could not be read");
            d.records = std::move(*records);
            d.actions = std::move(*actions);
            d.audit = audit;
            if (csv)
              return SendCsv(res, "report-" + from + "-" + to,
                             PeriodCsv(d, engine->snapshot(), s->user));
            return SendHtml(res, 200, PeriodHtml(d, engine->snapshot(), *s));
          }
          CustomerReport d;
          auto customer = CustomerRegister(**db).Get(id);
          if (!customer.ok() || !*customer) return SendProblem(res, 404, &*s, "no customer " + id);
          d.customer = **customer;
          d.listing = req.get_param_value("listing");
          auto history = AlertQueue(**db).History(id);
          if (!history.ok() || !load_audit())
            return SendProblem(res, 500, &*s, "the audit trail could not be read");
          d.history = std::move(*history);
          d.audit = audit;
          if (!d.listing.empty()) {
            d.party = PartyListingIds(*engine, d.listing);
            std::erase_if(d.customer.alerts,
                          [&](const Alert& a) { return !d.party.count(a.entity_id); });
            if (d.customer.alerts.empty())
              return SendProblem(res, 404, &*s, "customer " + id + " has no alert on " + d.listing);
            std::erase_if(d.history,
                          [&](const AlertAction& a) { return !d.party.count(a.entity_id); });
          }
          if (csv)
            return SendCsv(
                res,
                "report-" + UrlEncode(id) + (d.listing.empty() ? "" : "-" + UrlEncode(d.listing)),
                CustomerCsv(d, engine->snapshot(), s->user));
          SendHtml(res, 200, CustomerHtml(d, engine->snapshot(), *s));
        });
}

}  // namespace partyscreen::server::ui
