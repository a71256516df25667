// The list parsers: one function per published format, each in its own file
// (src/lists/<format>.cc).
//
// Contract for every parser:
//  - input is the whole file as bytes (already gunzipped; zip formats get the zip bytes);
//  - a malformed record is reported through log.Skip(line_or_record_number, reason) and skipped;
//    parsing goes on; every record seen is counted with log.CountRecord();
//  - a file that is not of this format at all (wrong header, not XML, not a zip, bad encoding)
//    returns an error Status naming log.file() and the reason;
//  - never crashes, never reads out of bounds, whatever the bytes (fuzzed: fuzz/).
// Entity ids follow include/partyscreen/entity.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lists/parse_log.h"
#include "partyscreen/entity.h"
#include "partyscreen/status.h"

namespace partyscreen {

struct ParsedList {
  std::vector<Entity> entities;
  std::string list_name;  // e.g. "OFAC Specially Designated Nationals (SDN) List"
  std::string published;  // ISO date found inside the file, or ""
};

// OFAC legacy CSV: sdn.csv (or cons_prim.csv) alone, from bytes. `consolidated` picks the id prefix
// "ofac-cons" (non-SDN list) instead of "ofac".
Result<ParsedList> ParseOfacCsv(std::string_view sdn, ParseLog& log);
Result<ParsedList> ParseOfacConsCsv(std::string_view cons_prim, ParseLog& log);

// The OFAC legacy CSV set, joined by ent_num. Any companion may be empty (absent).
struct OfacCsvSet {
  std::string_view primary, add, alt, comments;
  std::string primary_label, add_label, alt_label, comments_label;  // file names for the log
  bool consolidated = false;                                        // non-SDN (cons_*) files
};
Result<ParsedList> ParseOfacCsvSet(const OfacCsvSet& set, ParseLog& log);

Result<ParsedList> ParseOfacSdnXml(std::string_view xml_or_zip, ParseLog& log);  // classic sdn.xml
Result<ParsedList> ParseOfacEnhancedXml(std::string_view xml_or_zip,
                                        ParseLog& log);               // CONS/SDN_ENHANCED
Result<ParsedList> ParseCslCsv(std::string_view csv, ParseLog& log);  // trade.gov CSL
Result<ParsedList> ParseCslJson(std::string_view json, ParseLog& log);
Result<ParsedList> ParseBisDpl(std::string_view tsv, ParseLog& log);       // BIS Denied Persons
Result<ParsedList> ParseUnXml(std::string_view xml, ParseLog& log);        // UN consolidated
Result<ParsedList> ParseUkHmtCsv(std::string_view csv, ParseLog& log);     // HMT ConList CSV
Result<ParsedList> ParseUkOfsiXlsx(std::string_view xlsx, ParseLog& log);  // OFSI xlsx
Result<ParsedList> ParseUkSanctionsListXml(std::string_view xml, ParseLog& log);  // FCDO UKSL
Result<ParsedList> ParseFtmJson(std::string_view jsonl, ParseLog& log);           // FollowTheMoney
Result<ParsedList> ParseCustomCsv(std::string_view csv, ParseLog& log);  // docs/CUSTOM_LISTS.md

}  // namespace partyscreen
