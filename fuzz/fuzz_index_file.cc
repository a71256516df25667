// libFuzzer target for the index file (Screener::LoadIndex, the bytes the index cache keeps on
// disk): a valid index of data/examples/custom_list.csv is built once, and each input damages it:
// its first 4 bytes pick where the file is cut, every further 5 bytes name an offset and a value
// to XOR there. LoadIndex must refuse the result or give a Screener that screens without a crash,
// an over-read or a score outside [0, 1].
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "partyscreen/screener.h"
#include "partyscreen/snapshot.h"

namespace {

struct Valid {
  std::shared_ptr<const partyscreen::Snapshot> snapshot;
  std::string bytes;
};

const Valid& ValidIndex() {
  static const Valid* valid = [] {
    auto snap = partyscreen::LoadSnapshot({partyscreen::ParseListSpec(
        std::string(PARTYSCREEN_DATA_DIR) + "/examples/custom_list.csv")});
    if (!snap.ok()) std::abort();
    auto* v = new Valid{std::make_shared<const partyscreen::Snapshot>(std::move(snap).value()), ""};
    v->bytes = partyscreen::Screener::Build(v->snapshot).value()->SaveIndex();
    return v;
  }();
  return *valid;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Valid& valid = ValidIndex();
  if (size < 4) return 0;
  uint32_t cut = 0;
  std::memcpy(&cut, data, 4);
  std::string bytes = valid.bytes.substr(0, cut % (valid.bytes.size() + 1));
  for (size_t i = 4; i + 5 <= size && !bytes.empty(); i += 5) {
    uint32_t at = 0;
    std::memcpy(&at, data + i, 4);
    bytes[at % bytes.size()] ^= static_cast<char>(data[i + 4]);
  }
  auto read = partyscreen::Screener::LoadIndex(valid.snapshot, bytes);
  if (!read.ok()) {
    if (read.status().message().empty()) std::abort();
    return 0;
  }
  for (const char* name : {"Acme Trading", "Ivan Petrov", "Иван Петров", "صدام حسين", "张伟"}) {
    partyscreen::Query q;
    q.name = name;
    partyscreen::ScreenOptions o;
    o.threshold = 0.3;
    for (const partyscreen::Hit& h : (*read)->Screen(q, o))
      if (!(h.score >= 0.0 && h.score <= 1.0)) std::abort();
  }
  return 0;
}
