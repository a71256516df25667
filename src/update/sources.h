// The sources file: which official list files `partyscreen lists update` downloads.
//
// Tab-separated lines "ID<TAB>FORMAT<TAB>FILE<TAB>URL"; '#' starts a comment line. Lines with the
// same ID form one source, downloaded together into one version directory (OFAC's CSV set: the
// primary file first, then its companions). The project ships data/sources.tsv (compiled in).
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/status.h"

namespace partyscreen {

struct SourceFile {
  std::string name;  // file name in the version directory ("sdn.csv"): letters, digits, . _ -
  std::string url;   // http:// or https://
};

struct ListSource {
  std::string id;                 // "ofac-sdn": letters, digits, '-', '_'
  std::string format;             // a list format name (KnownFormats())
  std::vector<SourceFile> files;  // the first is the one the loader is given
};

// Parses a sources file; InvalidArgument naming `origin` and the line on any malformed line, an
// unknown format, an id given two formats or a file named twice.
Result<std::vector<ListSource>> ParseSources(std::string_view text, std::string_view origin);

// The shipped data/sources.tsv.
std::string_view DefaultSourcesText();

// The sources of the file at `path`, or of the shipped file when `path` is empty. IoError when the
// file cannot be read, else as ParseSources.
Result<std::vector<ListSource>> ReadSources(const std::string& path);

}  // namespace partyscreen
