// libFuzzer target for one list format of the registry, named at compile time by
// PARTYSCREEN_FUZZ_FORMAT (fuzz/CMakeLists.txt builds one binary per format from this file).
//
// Calls the format's bytes-level parser, as LoadSnapshot does, and checks what the parser contract
// (src/lists/parsers.h) promises beyond "no crash": every entity has an id, and every name is valid
// UTF-8 (the JSON surfaces throw on anything else). A broken promise aborts, so libFuzzer keeps the
// input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/strings.h"
#include "lists/formats.h"
#include "lists/parse_log.h"

#ifndef PARTYSCREEN_FUZZ_FORMAT
#error "define PARTYSCREEN_FUZZ_FORMAT to a format name of src/lists/formats.cc"
#endif

namespace {

[[noreturn]] void Fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "%s: %s: %.*s\n", PARTYSCREEN_FUZZ_FORMAT, what,
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using partyscreen::ListFormat;
  static const ListFormat* const format = partyscreen::FindFormat(PARTYSCREEN_FUZZ_FORMAT);
  if (format == nullptr) Fail("unknown format", "");

  partyscreen::ParseLog log("fuzz-input");
  const auto parsed =
      format->parse(std::string_view(reinterpret_cast<const char*>(data), size), log);
  if (!parsed.ok()) {
    if (parsed.status().message().empty()) Fail("error without a message", "");
    return 0;
  }
  if (log.skipped() > log.records_seen()) Fail("more records skipped than seen", "");
  for (const partyscreen::Entity& e : parsed->entities) {
    if (e.id.empty()) Fail("entity without an id", e.name);
    if (!partyscreen::IsValidUtf8(e.name)) Fail("name is not UTF-8", e.id);
    for (const partyscreen::Alias& a : e.aliases)
      if (!partyscreen::IsValidUtf8(a.name)) Fail("alias is not UTF-8", e.id);
  }
  return 0;
}
