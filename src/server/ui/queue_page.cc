// /ui/: the alert queue. Filters are a GET form (bookmarkable, no JavaScript); the page is one
// AlertQueue::Page query (sorted and paged in SQL) plus look-ups in the served snapshot.
#include <chrono>
#include <cstdlib>

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
  return "<form method=\"get\" action=\"/ui/\" class=\"filters\" role=\"search\">" +
         input("q", "Customer (id or name)", "search") + "<label>List<select name=\"list\">" +
         lists + "</select></label>" + "<label>Status<select name=\"state\">" + states +
         "</select></label>" + input("min", "Score from", "number") +
         input("max", "Score to", "number") + input("assignee", "Assignee (- = nobody)", "text") +
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
  UiGet(http, ui, "/ui/",
        [&ui](const httplib::Request& req, httplib::Response& res, const std::string&) {
          auto s = RequireUser(ui, req, res);
          if (!s) return;
          auto db = ui.Db();
          if (!db.ok()) return SendProblem(res, 503, &*s, "the database is not available");
          const QueueFilter filter = FilterFrom(req);
          const auto t0 = std::chrono::steady_clock::now();
          auto page = AlertQueue(**db).Page(filter);
          const double ms =
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                  .count();
          if (!page.ok())
            return SendProblem(res,
                               page.status().code() == Status::Code::kInvalidArgument ? 400 : 500,
                               &*s, page.status().message());
          const std::shared_ptr<const Engine> engine = ui.server().engines.Current();
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
          body += keyset ? fmt::format("<p>{} alert(s) match; {} on this page.", page->total,
                                       page->rows.size())
                         : fmt::format("<p>{} alert(s) match; showing {}-{}.", page->total,
                                       page->rows.empty() ? 0 : filter.offset + 1,
                                       filter.offset + page->rows.size());
          body += fmt::format(" <small>(query {:.1f} ms{})</small></p>", ms,
                              page->name_index_used ? ", name index" : "");
          body +=
              "<table id=\"queue\"><caption class=\"noprint\">Alerts</caption><thead><tr>"
              "<th scope=\"col\">Customer</th><th scope=\"col\">Best party</th><th "
              "scope=\"col\">List(s)</th><th scope=\"col\">Score</th><th scope=\"col\">Age</th>"
              "<th scope=\"col\">Assignee</th><th scope=\"col\">Status</th></tr></thead><tbody>";
          for (const QueueRow& r : page->rows) {
            const Entity* e = engine->snapshot().Find(r.entity_id);
            std::string listed = Esc(r.matched_name), lists = Esc(r.entity_id);
            if (e != nullptr) {
              const ListedParty& party = engine->parties->Of(
                  static_cast<uint32_t>(e - engine->snapshot().entities.data()));
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
            body += PageLink(req, "before=" + UrlEncode(page->previous), "prev",
                             "&larr; previous page") +
                    " ";
          if (!page->next.empty())
            body += PageLink(req, "after=" + UrlEncode(page->next), "next", "next page &rarr;");
          body += "</p>";
          SendHtml(res, 200, Page("Alert queue", &*s, body));
        });
}

}  // namespace partyscreen::server::ui
