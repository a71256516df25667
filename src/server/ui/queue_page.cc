// /ui/: the alert queue. Filters are a GET form (bookmarkable, no JavaScript); the page is one
// AlertQueue::Page query (sorted and paged in SQL) plus look-ups in the served snapshot.
#include <chrono>
#include <cstdlib>
#include <set>

#include "core/strings.h"
#include "fmt/format.h"
#include "server/ui/html.h"
#include "server/ui/ui_state.h"

namespace partyscreen::server::ui {

namespace {

double NumberOr(const std::string& text, double fallback) {
  if (text.empty()) return fallback;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  return end != nullptr && *end == '\0' ? v : fallback;
}

QueueFilter FilterFrom(const httplib::Request& req) {
  QueueFilter f;
  auto get = [&](const char* k) { return req.get_param_value(k); };
  if (const std::string s = get("state"); !s.empty() && s != "active") {
    if (s == "all") {
      f.states = {"open", "reopened", "suppressed", "confirmed"};
    } else {
      f.states = {s};
    }
  }
  f.list = get("list");
  f.min_score = NumberOr(get("min"), 0);
  f.max_score = NumberOr(get("max"), 1);
  f.assignee = get("assignee");
  f.customer = get("q");
  f.older_than_days = static_cast<int>(NumberOr(get("age"), 0));
  f.escalated_only = get("escalated") == "1";
  f.pending_only = get("pending") == "1";
  if (const std::string s = get("sort");
      s == "customer" || s == "entity" || s == "age" || s == "score")
    f.sort = s;
  f.descending = get("dir") != "asc";
  f.limit = 50;
  f.after = get("after");
  f.before = get("before");
  const double page = NumberOr(get("page"), 1);  // offset paging (links of earlier versions)
  f.offset = page > 1 ? static_cast<size_t>(page - 1) * f.limit : 0;
  return f;
}

// What the programme filter knows a listing by: its programmes ("SDGT", "CMIC-EO13959"), each
// programme's family before the first '-' ("CMIC", "RUSSIA"), and, for a listing without a
// programme (the Entity List, the MEU list...), the abbreviation its list name gives in
// parentheses ("Entity List (EL) - Bureau of Industry and Security": "EL").
std::vector<std::string> ProgrammesOf(const Entity& e) {
  std::vector<std::string> out;
  for (const std::string& p : e.programs) {
    out.push_back(p);
    if (const size_t dash = p.find('-'); dash != std::string::npos && dash > 0)
      out.push_back(p.substr(0, dash));
  }
  if (e.programs.empty()) {
    const size_t open = e.list.find('('), close = e.list.find(')', open + 1);
    if (open != std::string::npos && close != std::string::npos && close > open + 1)
      out.push_back(e.list.substr(open + 1, close - open - 1));
  }
  return out;
}

// The listings of every party with a listing under `programme` (ASCII case ignored): an alert is
// shown when the party it found is listed under the programme, on whichever of its listings.
std::vector<std::string> ListingsUnder(const Engine& engine, const std::string& programme) {
  const std::string wanted = AsciiLower(std::string(Trim(programme)));
  const std::vector<Entity>& entities = engine.snapshot().entities;
  std::set<std::string> out;
  for (uint32_t i = 0; i < entities.size(); ++i) {
    bool under = false;
    for (const std::string& p : ProgrammesOf(entities[i])) under = under || AsciiLower(p) == wanted;
    if (!under) continue;
    for (uint32_t l : engine.parties->Of(i).listings) out.insert(entities[l].id);
  }
  return {out.begin(), out.end()};
}

// The programmes of the served lists, for the filter's suggestions.
std::set<std::string> ProgrammesServed(const Engine& engine) {
  std::set<std::string> out;
  for (const Entity& e : engine.snapshot().entities)
    for (std::string& p : ProgrammesOf(e)) out.insert(std::move(p));
  return out;
}

std::string Age(const std::string& iso) {
  if (iso.size() < 19) return "";
  std::tm tm{};
  if (strptime(iso.substr(0, 19).c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr) return "";
  const double secs = std::difftime(std::time(nullptr), timegm(&tm));
  if (secs < 3600) return fmt::format("{} min", static_cast<int>(secs / 60));
  if (secs < 86400 * 2) return fmt::format("{} h", static_cast<int>(secs / 3600));
  return fmt::format("{} d", static_cast<int>(secs / 86400));
}

std::string Option(const std::string& value, const std::string& label, const std::string& chosen) {
  return "<option value=\"" + Esc(value) + "\"" + (value == chosen ? " selected" : "") + ">" +
         Esc(label) + "</option>";
}

std::string FilterForm(const httplib::Request& req, const Engine& engine) {
  auto get = [&](const char* k) { return req.get_param_value(k); };
  std::string lists = Option("", "all lists", get("list"));
  for (const SourceInfo& s : engine.snapshot().sources)
    lists += Option(s.source, s.source + " (" + s.list_name + ")", get("list"));
  std::string states;
  for (const char* s : {"active", "open", "reopened", "suppressed", "confirmed", "all"})
    states += Option(s, std::string(s) == "active" ? "open + reopened" : s, get("state"));
  std::string sorts;
  for (const char* s : {"score", "customer", "entity", "age"}) sorts += Option(s, s, get("sort"));
  auto input = [&](const char* name, const char* label, const char* type) {
    return fmt::format("<label>{}<input name=\"{}\" type=\"{}\" value=\"{}\"{}></label>", label,
                       name, type, Esc(get(name)),
                       std::string(type) == "number" ? " step=\"0.01\" min=\"0\" max=\"1\"" : "");
  };
  std::string programmes;
  for (const std::string& p : ProgrammesServed(engine))
    programmes += "<option value=\"" + Esc(p) + "\">";
  return "<form method=\"get\" action=\"/ui/\" class=\"filters\" role=\"search\">" +
         input("q", "Customer (id or name)", "search") + "<label>List<select name=\"list\">" +
         lists + "</select></label>" +
         "<label>Programme<input name=\"programme\" list=\"programmes\" size=\"14\" value=\"" +
         Esc(get("programme")) + "\"></label><datalist id=\"programmes\">" + programmes +
         "</datalist>" + "<label>Status<select name=\"state\">" + states + "</select></label>" +
         input("min", "Score from", "number") + input("max", "Score to", "number") +
         input("assignee", "Assignee (- = nobody)", "text") +
         "<label>Older than (days)<input name=\"age\" type=\"number\" min=\"0\" value=\"" +
         Esc(get("age")) + "\"></label>" + "<label>Sort<select name=\"sort\">" + sorts +
         "</select></label><label>Order<select name=\"dir\">" +
         Option("desc", "descending", get("dir")) + Option("asc", "ascending", get("dir")) +
         "</select></label><label><span>Escalated only</span><input type=\"checkbox\" "
         "name=\"escalated\" value=\"1\"" +
         (get("escalated") == "1" ? " checked" : "") +
         "></label><label><span>Awaiting 2nd person</span><input type=\"checkbox\" "
         "name=\"pending\" value=\"1\"" +
         (get("pending") == "1" ? " checked" : "") +
         "></label><button type=\"submit\">Filter</button></form>";
}

// A link to the queue with the same filters, at the page `where` says ("after=<cursor>",
// "before=<cursor>", or "" for the first page).
std::string PageLink(const httplib::Request& req, const std::string& where, const char* rel,
                     const char* label) {
  std::string q;
  for (const auto& [k, v] : req.params)
    if (k != "page" && k != "after" && k != "before") q += UrlEncode(k) + "=" + UrlEncode(v) + "&";
  q += where;
  if (!q.empty() && q.back() == '&') q.pop_back();
  return "<a rel=\"" + std::string(rel) + "\" href=\"/ui/?" + Esc(q) + "\">" + label + "</a>";
}

}  // namespace

void RegisterQueuePage(httplib::Server& http, UiState& ui) {
  UiGet(http, ui, "/ui", [](const httplib::Request&, httplib::Response& res, const std::string&) {
    Redirect(res, "/ui/");
  });
  UiGet(
      http, ui, "/ui/",
      [&ui](const httplib::Request& req, httplib::Response& res, const std::string&) {
        auto s = RequireUser(ui, req, res);
        if (!s) return;
        auto db = ui.Db();
        if (!db.ok()) return SendProblem(res, 503, &*s, "the database is not available");
        const std::shared_ptr<const Engine> engine = ui.server().engines.Current();
        QueueFilter filter = FilterFrom(req);
        if (const std::string p = req.get_param_value("programme"); !Trim(p).empty())
          filter.listings = ListingsUnder(*engine, p);
        const auto t0 = std::chrono::steady_clock::now();
        auto page = AlertQueue(**db).Page(filter);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        if (!page.ok())
          return SendProblem(res,
                             page.status().code() == Status::Code::kInvalidArgument ? 400 : 500,
                             &*s, page.status().message());
        std::string body = "<p class=\"counts\" aria-label=\"alerts per status\">";
        for (const char* st : {"open", "reopened", "suppressed", "confirmed"}) {
          auto it = page->by_state.find(st);
          body += fmt::format("<span>{}: <strong data-count=\"{}\">{}</strong></span>", st, st,
                              it == page->by_state.end() ? 0 : it->second);
        }
        body += fmt::format(
            "<span>escalated: <strong>{}</strong></span><span>awaiting confirmation: "
            "<strong>{}</strong></span></p>",
            page->escalated, page->pending);
        body += FilterForm(req, *engine);
        body +=
            "<p class=\"noprint\"><a href=\"/ui/bulk\">Identical alerts: clear a group as "
            "false positives</a></p>";
        const bool keyset = !filter.after.empty() || !filter.before.empty();
        const std::string total =
            (page->total_capped ? "more than " : "") + std::to_string(page->total);
        body += keyset ? fmt::format("<p id=\"matching\">{} alert(s) match; {} on this page.",
                                     total, page->rows.size())
                       : fmt::format("<p id=\"matching\">{} alert(s) match; showing {}-{}.", total,
                                     page->rows.empty() ? 0 : filter.offset + 1,
                                     filter.offset + page->rows.size());
        if (filter.listings)
          body += fmt::format(" Programme {}: {} listing(s) of the served lists.",
                              Esc(req.get_param_value("programme")), filter.listings->size());
        body += fmt::format(" <small>(query {:.1f} ms{}{})</small></p>", ms,
                            page->name_search.empty() ? "" : ", name search: ", page->name_search);
        body +=
            "<table id=\"queue\"><caption class=\"noprint\">Alerts</caption><thead><tr>"
            "<th scope=\"col\">Customer</th><th scope=\"col\">Best party</th><th "
            "scope=\"col\">List(s)</th><th scope=\"col\">Score</th><th scope=\"col\">Age</th>"
            "<th scope=\"col\">Assignee</th><th scope=\"col\">Status</th></tr></thead><tbody>";
        for (const QueueRow& r : page->rows) {
          const Entity* e = engine->snapshot().Find(r.entity_id);
          std::string listed = Esc(r.matched_name), lists = Esc(r.entity_id);
          if (e != nullptr) {
            const ListedParty& party =
                engine->parties->Of(static_cast<uint32_t>(e - engine->snapshot().entities.data()));
            listed = Esc(e->name) +
                     (party.listings.size() > 1
                          ? fmt::format(" <small>({} listings)</small>", party.listings.size())
                          : "");
            lists.clear();
            for (uint32_t l : party.listings) {
              const Entity& le = engine->snapshot().entities[l];
              lists += (lists.empty() ? "" : "<br>") + Esc(le.source) + ": " +
                       Esc(le.list.empty() ? le.source : le.list);
            }
          }
          std::string status = Esc(r.state);
          if (r.escalated) status += " <strong>escalated</strong>";
          if (!r.pending_by.empty())
            status += " <em>awaiting 2nd person (" + Esc(r.pending_by) + ")</em>";
          body += "<tr><td><a href=\"/ui/customer?id=" + UrlEncode(r.customer_id) + "\">" +
                  Esc(r.customer_name) + "</a> <small>" + Esc(r.customer_id) +
                  "</small></td><td><a class=\"alert-link\" href=\"/ui/alert?customer=" +
                  UrlEncode(r.customer_id) + "&amp;entity=" + UrlEncode(r.entity_id) + "\">" +
                  listed + "</a></td><td>" + lists + "</td><td>" + Score(r.score) + "</td><td>" +
                  Age(r.raised_at) + "</td><td>" + (r.assignee.empty() ? "-" : Esc(r.assignee)) +
                  "</td><td>" + status + "</td></tr>";
        }
        body += "</tbody></table><p class=\"noprint paging\">";
        if (keyset || filter.offset > 0)
          body += PageLink(req, "", "first", "&#8676; first page") + " ";
        if (!page->previous.empty())
          body +=
              PageLink(req, "before=" + UrlEncode(page->previous), "prev", "&larr; previous page") +
              " ";
        if (!page->next.empty())
          body += PageLink(req, "after=" + UrlEncode(page->next), "next", "next page &rarr;");
        body += "</p>";
        SendHtml(res, 200, Page("Alert queue", &*s, body));
      });
}

}  // namespace partyscreen::server::ui
