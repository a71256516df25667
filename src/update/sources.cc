#include "update/sources.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/strings.h"
#include "partyscreen/snapshot.h"

namespace partyscreen {

namespace embedded {
extern const std::string_view k_sources_tsv;
}

namespace {

bool SafeName(std::string_view s, bool dots) {
  if (s.empty() || s.size() > 100 || s == "." || s == "..") return false;
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || (dots && c == '.');
  });
}

}  // namespace

std::string_view DefaultSourcesText() { return embedded::k_sources_tsv; }

Result<std::vector<ListSource>> ParseSources(std::string_view text, std::string_view origin) {
  std::vector<ListSource> out;
  const std::vector<std::string> formats = KnownFormats();
  size_t line_no = 0;
  for (const std::string& line : Split(text, "\n", /*skip_empty=*/false)) {
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    auto bad = [&](const std::string& why) {
      return Status::InvalidArgument(std::string(origin) + " line " + std::to_string(line_no) +
                                     ": " + why);
    };
    const std::vector<std::string> f = Split(line, "\t", /*skip_empty=*/false);
    if (f.size() != 4) return bad("expected 4 tab-separated fields (id, format, file, url)");
    const std::string &id = f[0], &format = f[1], &name = f[2], &url = f[3];
    if (!SafeName(id, false)) return bad("invalid source id '" + id + "'");
    if (std::find(formats.begin(), formats.end(), format) == formats.end())
      return bad("unknown list format '" + format + "'");
    if (!SafeName(name, true)) return bad("invalid file name '" + name + "'");
    if (!StartsWith(url, "http://") && !StartsWith(url, "https://"))
      return bad("the URL must start with http:// or https://");
    auto it = std::find_if(out.begin(), out.end(), [&](const ListSource& s) { return s.id == id; });
    if (it == out.end()) {
      out.push_back({id, format, {}});
      it = out.end() - 1;
    } else if (it->format != format) {
      return bad("source " + id + " was given format " + it->format + " before");
    }
    for (const SourceFile& existing : it->files)
      if (AsciiLower(existing.name) == AsciiLower(name))
        return bad("source " + id + " names the file " + name + " twice");
    it->files.push_back({name, url});
  }
  if (out.empty()) return Status::InvalidArgument(std::string(origin) + ": names no source");
  return out;
}

Result<std::vector<ListSource>> ReadSources(const std::string& path) {
  if (path.empty()) return ParseSources(DefaultSourcesText(), "data/sources.tsv");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open the sources file");
  std::stringstream text;
  text << in.rdbuf();
  return ParseSources(text.str(), path);
}

}  // namespace partyscreen
