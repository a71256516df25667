#include "server/ui/html.h"

#include <cctype>

#include "fmt/format.h"

namespace partyscreen::server::ui {

namespace {

// Plain, readable, printable; high contrast; focus visible for keyboard use.
constexpr std::string_view kStyle = R"css(
body{font-family:system-ui,sans-serif;margin:0;color:#111;background:#fff;line-height:1.4}
header{background:#1d3557;color:#fff;padding:.5rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
header a{color:#fff}header form{margin-left:auto}
main{padding:1rem;max-width:90rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#eef}
a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f4a261}
mark{background:#ffe066;padding:0 .1em}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.box{border:1px solid #bbb;padding:.5rem 1rem;margin:.5rem 0}
.warn{background:#fff3cd;border:1px solid #e0a800;padding:.5rem}
.err{background:#f8d7da;border:1px solid #c00;padding:.5rem}
.ok{background:#d1e7dd;border:1px solid #0a0;padding:.5rem}
.counts span{margin-right:1rem}
.outcome{font-weight:bold;font-size:1.2rem}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
form.filters label{display:flex;flex-direction:column;font-size:.9rem}
code{word-break:break-all}
@media print{header,form,.noprint{display:none}}
)css";

}  // namespace

std::string Esc(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string UrlEncode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsrfField(const Session& session) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Esc(session.csrf) + "\">";
}

std::string Score(double score) { return fmt::format("{:.3f}", score); }

std::string Page(std::string_view title, const Session* session, std::string_view body) {
  std::string nav;
  if (session != nullptr) {
    nav =
        "<nav aria-label=\"main\"><a href=\"/ui/\">Alert queue</a> | <a "
        "href=\"/ui/screen\">Screen a name</a> | <a href=\"/ui/lists\">Lists</a> | <a "
        "href=\"/ui/report\">Reports</a>";
    if (session->role == Role::kAdmin) nav += " | <a href=\"/ui/admin/users\">Users</a>";
    nav += "</nav><form method=\"post\" action=\"/ui/logout\">" + CsrfField(*session) + "<span>" +
           Esc(session->user) + " (" + std::string(RoleName(session->role)) +
           ")</span> <button type=\"submit\">Log out</button></form>";
  }
  return fmt::format(
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width\"><title>{} - partyscreen</title><style>{}</style></head>"
      "<body><header><strong>partyscreen workbench</strong>{}</header><main><h1>{}</h1>{}</main>"
      "</body></html>",
      Esc(title), kStyle, nav, Esc(title), body);
}

}  // namespace partyscreen::server::ui
