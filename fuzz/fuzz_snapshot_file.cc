// libFuzzer target for the parsed-list cache's snapshot bytes (DecodeSnapshot, the bytes the
// cache keeps on disk beside the indexes): a valid encoding of data/examples/custom_list.csv's
// snapshot is made once, and each input damages it as fuzz_index_file does (first 4 bytes: where
// the bytes are cut; every further 5 bytes: an offset and a value to XOR there). DecodeSnapshot
// must refuse the result or give a snapshot that encodes again, without a crash, an over-read or
// an allocation beyond the input's size.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "lists/snapshot_file.h"
#include "partyscreen/snapshot.h"

namespace {

const std::string& ValidBytes() {
  static const std::string* valid = [] {
    auto snap = partyscreen::LoadSnapshot({partyscreen::ParseListSpec(
        std::string(PARTYSCREEN_DATA_DIR) + "/examples/custom_list.csv")});
    if (!snap.ok()) std::abort();
    return new std::string(partyscreen::EncodeSnapshot(*snap));
  }();
  return *valid;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& valid = ValidBytes();
  if (size < 4) return 0;
  uint32_t cut = 0;
  std::memcpy(&cut, data, 4);
  std::string bytes = valid.substr(0, cut % (valid.size() + 1));
  for (size_t i = 4; i + 5 <= size && !bytes.empty(); i += 5) {
    uint32_t at = 0;
    std::memcpy(&at, data + i, 4);
    bytes[at % bytes.size()] ^= static_cast<char>(data[i + 4]);
  }
  auto read = partyscreen::DecodeSnapshot(bytes);
  if (!read.ok()) {
    if (read.status().message().empty()) std::abort();
    return 0;
  }
  if (partyscreen::EncodeSnapshot(*read) != bytes) std::abort();  // what was read is what was there
  return 0;
}
