// GET /consolidated_screening_list/search: the trade.gov CSL API's search, answered from the
// loaded lists (docs/API.md "CSL API").
//
// ParseCslSearch reads the query parameters the CSL API documents (name, fuzzy_name, sources,
// types, countries, address, city, state, postal_code, full_address, start_date, end_date,
// issue_date, expiration_date, size, offset); an unknown parameter or a bad value is an
// InvalidArgument naming it. RunCslSearch filters every entity with a CSL code (csl_record.h):
// without fuzzy_name, a case-insensitive match of every query word inside one name (primary or
// alias); with it, partyscreen's matcher at its default threshold, best first, score 0-100. Text
// filters (address, city...) need every word inside one address; date ranges are
// "FROM TO TO", either side may be "*" or left out ("2019-01-01 TO", "TO 2020-12-31").
// Thread safety: free functions; the engine is read-only.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "partyscreen/status.h"
#include "server/engine_holder.h"

namespace partyscreen::server {

struct DateRange {
  std::string from, to;  // ISO prefixes; empty = open
};

struct CslSearch {
  std::string name;
  bool fuzzy_name = false;
  std::vector<std::string> sources;    // upper-case codes; empty = all
  std::vector<std::string> types;      // "Individual", "Entity", "Vessel", "Aircraft"
  std::vector<std::string> countries;  // upper-case ISO2
  std::string address, city, state, postal_code, full_address;
  std::optional<DateRange> start_date, end_date, issue_date, expiration_date;
  size_t size = 10;  // at most kCslMaxSize
  size_t offset = 0;
};

inline constexpr size_t kCslMaxSize = 50;

Result<CslSearch> ParseCslSearch(const httplib::Params& params, size_t max_name_chars);

// {"total", "sources_used", "search_performed_at", "results"} for one page of the matches.
nlohmann::json RunCslSearch(const Engine& engine, const CslSearch& search);

// {"sources": [{"code", "source", "records", "source_list_url", "source_information_url",
// "source_last_updated", "last_imported"}]} for every CSL code with loaded entities.
nlohmann::json CslSources(const Engine& engine);

}  // namespace partyscreen::server
