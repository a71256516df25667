// HTML building blocks of the workbench: escaping, the page frame (navigation, the embedded style
// sheet: no external asset, no JavaScript), and small form pieces. Every value written into a
// page goes through Esc.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "server/ui/sessions.h"

namespace partyscreen::server::ui {

std::string Esc(std::string_view text);        // & < > " '
std::string UrlEncode(std::string_view text);  // for query strings
std::string CsvField(std::string_view text);   // quoted when needed
// The whole page: <title>, the style sheet, navigation for `session` (none when null), `body`.
std::string Page(std::string_view title, const Session* session, std::string_view body);
// <input type=hidden name=csrf> of the session.
std::string CsrfField(const Session& session);
// "0.973"
std::string Score(double score);

}  // namespace partyscreen::server::ui
