// The format registry: names, detection and dispatch for every list format partyscreen reads.
// LoadSnapshot (snapshot.cc) uses it; `partyscreen lists` prints KnownFormats().
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lists/parsers.h"

namespace partyscreen {

struct LoadedFile {
  std::string path;
  std::string sha256;
};

struct FormatLoad {
  ParsedList list;
  std::vector<LoadedFile> files;  // every file read, for the snapshot hash
};

struct ListFormat {
  std::string_view name;    // "ofac-csv", used in --list FORMAT:PATH
  std::string_view source;  // entity id prefix it produces
  std::string_view description;
  // How sure we are that a file is in this format: 0 = not it; higher wins.
  int (*detect)(std::string_view path, std::string_view data);
  // Bytes-level parser (what fuzzers call).
  Result<ParsedList> (*parse)(std::string_view data, ParseLog& log);
  // File-level loader for formats spread over several files (OFAC CSV sets); may be null, in which
  // case the loader reads `path` and calls parse.
  Result<FormatLoad> (*load)(const std::string& path, ParseLog& log);
};

const std::vector<ListFormat>& ListFormats();
const ListFormat* FindFormat(std::string_view name);
// The best format for a file, from its path and its bytes (gunzipped; zips as they are). Error when
// none fits.
Result<const ListFormat*> DetectFormat(const std::string& path, std::string_view data);

// File-level loader for OFAC CSV sets (reads sibling add/alt/comments files), in ofac_csv.cc.
Result<FormatLoad> LoadOfacCsvSet(const std::string& path, ParseLog& log);

}  // namespace partyscreen
