// Reading list files from disk: plain, gzip (by magic bytes) or one member of a zip archive.
// Errors name the file. Sizes are capped (kMaxInputBytes) so a hostile file cannot exhaust memory.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/status.h"

namespace partyscreen {

inline constexpr size_t kMaxInputBytes = size_t{1} << 30;  // 1 GiB after decompression

// The file's bytes, gunzipped if it starts with the gzip magic.
Result<std::string> ReadListFile(const std::string& path);
// Gunzip a buffer (for tests and fuzzers); `label` names it in errors.
Result<std::string> Gunzip(std::string_view data, std::string_view label);
bool IsGzip(std::string_view data);
bool IsZip(std::string_view data);

// Zip archives held in memory.
Result<std::vector<std::string>> ZipMemberNames(std::string_view zip, std::string_view label);
// The member whose name equals `member` (case-insensitive; a path suffix also matches).
Result<std::string> ReadZipMember(std::string_view zip, std::string_view member,
                                  std::string_view label);

}  // namespace partyscreen
