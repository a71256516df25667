// libFuzzer target for compressed input (src/core/input.h): gunzip, list the members of a zip
// and read each one. Errors are expected; crashes, leaks and over-reads are not.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (partyscreen::IsGzip(bytes)) (void)partyscreen::Gunzip(bytes, "fuzz.gz");
  if (!partyscreen::IsZip(bytes)) return 0;
  const auto names = partyscreen::ZipMemberNames(bytes, "fuzz.zip");
  if (!names.ok()) return 0;
  size_t read = 0;
  for (const std::string& name : *names) {
    (void)partyscreen::ReadZipMember(bytes, name, "fuzz.zip");
    if (++read == 8) break;  // enough to reach every code path
  }
  return 0;
}
