#include "lists/formats.h"

#include <algorithm>
#include <filesystem>

#include "core/input.h"
#include "core/strings.h"

namespace partyscreen {

namespace {

std::string FileName(std::string_view path) {
  return AsciiLower(std::filesystem::path(std::string(path)).filename().string());
}

std::string_view Head(std::string_view data, size_t n = 4096) {
  return data.substr(0, std::min(n, data.size()));
}

bool HeadHas(std::string_view data, std::string_view needle, size_t n = 4096) {
  return Head(data, n).find(needle) != std::string_view::npos;
}

// The first line, without quotes, lower-cased: enough to recognise a header row.
std::string FirstLineLower(std::string_view data) {
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  std::string line(data.substr(0, data.find('\n')));
  line.erase(std::remove(line.begin(), line.end(), '"'), line.end());
  return AsciiLower(Trim(line));
}

bool ZipHasMember(std::string_view data, std::string_view suffix) {
  if (!IsZip(data)) return false;
  auto names = ZipMemberNames(data, "zip");
  if (!names.ok()) return false;
  for (const std::string& n : *names)
    if (EndsWith(AsciiLower(n), suffix)) return true;
  return false;
}

bool LooksLikeOfacCsvRow(std::string_view data) {
  // No header; first field is a number; second a quoted name.
  std::string_view h = Head(data, 256);
  size_t i = 0;
  while (i < h.size() && h[i] >= '0' && h[i] <= '9') ++i;
  return i > 0 && i + 1 < h.size() && h[i] == ',' && h[i + 1] == '"';
}

int DetectOfacCsv(std::string_view path, std::string_view data) {
  const std::string f = FileName(path);
  if (f == "sdn.csv") return 100;
  if (f == "add.csv" || f == "alt.csv" || f == "sdn_comments.csv") return 90;
  if (StartsWith(f, "cons_")) return 0;
  return LooksLikeOfacCsvRow(data) ? 30 : 0;
}
int DetectOfacConsCsv(std::string_view path, std::string_view) {
  const std::string f = FileName(path);
  return (f == "cons_prim.csv" || f == "cons_add.csv" || f == "cons_alt.csv" ||
          f == "cons_comments.csv")
             ? 100
             : 0;
}
int DetectOfacSdnXml(std::string_view, std::string_view data) {
  if (IsZip(data)) return ZipHasMember(data, "sdn.xml") ? 100 : 0;
  return HeadHas(data, "<sdnList") ? 100 : 0;
}
int DetectOfacEnhancedXml(std::string_view, std::string_view data) {
  if (IsZip(data)) return (ZipHasMember(data, "_enhanced.xml")) ? 100 : 0;
  return HeadHas(data, "<sanctionsData") ? 100 : 0;
}
int DetectCslCsv(std::string_view, std::string_view data) {
  return StartsWith(FirstLineLower(data), "_id,source,entity_number") ? 100 : 0;
}
int DetectCslJson(std::string_view, std::string_view data) {
  std::string_view h = Trim(Head(data, 2048));
  if (h.empty() || (h[0] != '{' && h[0] != '[')) return 0;
  return (HeadHas(data, "\"_id\"", 4096) || HeadHas(data, "\"results\"", 512)) &&
                 HeadHas(data, "\"source\"", 65536)
             ? 90
             : 0;
}
int DetectBisDpl(std::string_view, std::string_view data) {
  return StartsWith(FirstLineLower(data), "name\tstreet_address") ? 100 : 0;
}
int DetectUnXml(std::string_view, std::string_view data) {
  return HeadHas(data, "<CONSOLIDATED_LIST") ? 100 : 0;
}
int DetectUkHmtCsv(std::string_view, std::string_view data) {
  return StartsWith(FirstLineLower(data), "last updated,") && HeadHas(data, "Group ID") ? 100 : 0;
}
int DetectUkOfsiXlsx(std::string_view path, std::string_view data) {
  return ZipHasMember(data, "xl/workbook.xml") ? 100 : 0;
}
int DetectUkSanctionsListXml(std::string_view, std::string_view data) {
  return HeadHas(data, "<Designations") &&
                 (HeadHas(data, "<DateGenerated>", 65536) || HeadHas(data, "<UniqueID>", 65536))
             ? 100
             : 0;
}
int DetectFtmJson(std::string_view, std::string_view data) {
  std::string_view h = Trim(Head(data, 4096));
  return !h.empty() && h[0] == '{' && HeadHas(data, "\"schema\"", 65536) &&
                 HeadHas(data, "\"properties\"", 65536)
             ? 95
             : 0;
}
int DetectCustomCsv(std::string_view path, std::string_view data) {
  const std::string line = FirstLineLower(data);
  std::vector<std::string> cols = Split(line, ",");
  const bool has_id = std::find(cols.begin(), cols.end(), "id") != cols.end();
  const bool has_name = std::find(cols.begin(), cols.end(), "name") != cols.end();
  return has_id && has_name ? 50 : 0;
}

Result<ParsedList> ParseOfacCsvAuto(std::string_view data, ParseLog& log) {
  return ParseOfacCsv(data, log);
}

}  // namespace

const std::vector<ListFormat>& ListFormats() {
  static const std::vector<ListFormat> kFormats = {
      {"ofac-csv", "ofac", "OFAC SDN legacy CSV set (sdn.csv + add.csv, alt.csv, sdn_comments.csv)",
       DetectOfacCsv, ParseOfacCsvAuto, LoadOfacCsvSet},
      {"ofac-cons-csv", "ofac-cons",
       "OFAC non-SDN consolidated legacy CSV set (cons_prim.csv + cons_*.csv)", DetectOfacConsCsv,
       ParseOfacConsCsv, LoadOfacCsvSet},
      {"ofac-xml", "ofac", "OFAC classic sdn.xml (plain or zipped)", DetectOfacSdnXml,
       ParseOfacSdnXml, nullptr},
      {"ofac-enhanced-xml", "ofac-cons",
       "OFAC Sanctions List Service ENHANCED XML (CONS_ENHANCED.ZIP / SDN_ENHANCED)",
       DetectOfacEnhancedXml, ParseOfacEnhancedXml, nullptr},
      {"csl-csv", "csl", "trade.gov Consolidated Screening List CSV (plain or gzip)", DetectCslCsv,
       ParseCslCsv, nullptr},
      {"csl-json", "csl", "trade.gov Consolidated Screening List JSON", DetectCslJson, ParseCslJson,
       nullptr},
      {"bis-dpl", "bis-dpl", "BIS Denied Persons List, tab-delimited", DetectBisDpl, ParseBisDpl,
       nullptr},
      {"un-xml", "un", "UN Security Council consolidated list XML", DetectUnXml, ParseUnXml,
       nullptr},
      {"uk-hmt-csv", "uk", "HM Treasury consolidated list CSV (Windows-1252 or UTF-8)",
       DetectUkHmtCsv, ParseUkHmtCsv, nullptr},
      {"uk-ofsi-xlsx", "uk", "OFSI consolidated list workbook (.xlsx)", DetectUkOfsiXlsx,
       ParseUkOfsiXlsx, nullptr},
      {"uk-sl-xml", "uk", "FCDO UK Sanctions List XML (the UK source since 28 January 2026)",
       DetectUkSanctionsListXml, ParseUkSanctionsListXml, nullptr},
      {"ftm-json", "ftm", "FollowTheMoney entities, JSON lines (OpenSanctions)", DetectFtmJson,
       ParseFtmJson, nullptr},
      {"custom-csv", "custom", "an organisation's own list, simple CSV (docs/CUSTOM_LISTS.md)",
       DetectCustomCsv, ParseCustomCsv, nullptr},
  };
  return kFormats;
}

const ListFormat* FindFormat(std::string_view name) {
  for (const ListFormat& f : ListFormats())
    if (IEquals(f.name, name)) return &f;
  return nullptr;
}

Result<const ListFormat*> DetectFormat(const std::string& path, std::string_view data) {
  const ListFormat* best = nullptr;
  int best_score = 0;
  for (const ListFormat& f : ListFormats()) {
    const int s = f.detect(path, data);
    if (s > best_score) {
      best_score = s;
      best = &f;
    }
  }
  if (!best) {
    std::string names;
    for (const ListFormat& f : ListFormats())
      names += (names.empty() ? "" : ", ") + std::string(f.name);
    return Status::Unsupported(
        path + ": unknown list format (name it explicitly as FORMAT:PATH; formats: " + names + ")");
  }
  return best;
}

}  // namespace partyscreen
