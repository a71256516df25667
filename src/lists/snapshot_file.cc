#include "lists/snapshot_file.h"

#include <cstdint>
#include <vector>

#include "core/binary_io.h"

namespace partyscreen {

namespace {

constexpr uint64_t kMagic = 0x31504e5353505350ULL;  // "PSPSSNP1"

#if defined(__GLIBCXX__) && defined(__x86_64__)
// A field added to these structs must be added to Write/Read below (and to the round-trip test,
// tests/lists/snapshot_file_test.cc); these sizes fail the build until then.
static_assert(sizeof(Alias) == 3 * 32 + 8, "update snapshot_file.cc for the new Alias field");
static_assert(sizeof(Address) == 3 * 32, "update snapshot_file.cc for the new Address field");
static_assert(sizeof(Identifier) == 4 * 32, "update snapshot_file.cc for the new Identifier field");
static_assert(sizeof(Entity) == 17 * 32 + 11 * 24 + 8,
              "update snapshot_file.cc for the new Entity field");
static_assert(sizeof(SourceInfo) == 7 * 32 + 24 + 3 * 8,
              "update snapshot_file.cc for the new SourceInfo field");
static_assert(sizeof(ParseIssue) == 2 * 32 + 8,
              "update snapshot_file.cc for the new ParseIssue field");
#endif

template <class T, class WriteOne>
void WriteVector(BinaryWriter& out, const std::vector<T>& v, WriteOne write_one) {
  out.Pod<uint64_t>(v.size());
  for (const T& x : v) write_one(out, x);
}

// Reads a count, then that many elements; each element takes at least `min_bytes` of input, so a
// damaged count cannot make it reserve more than the input could hold.
template <class T, class ReadOne>
std::vector<T> ReadVector(BinaryReader& in, size_t remaining, size_t min_bytes, ReadOne read_one) {
  const uint64_t n = in.Pod<uint64_t>();
  std::vector<T> v;
  if (in.failed() || n > remaining / min_bytes) {
    in.Fail();
    return v;
  }
  v.reserve(n);
  for (uint64_t i = 0; i < n && !in.failed(); ++i) v.push_back(read_one(in));
  return v;
}

void WriteEntity(BinaryWriter& out, const Entity& e) {
  out.Str(e.id);
  out.Str(e.source);
  out.Str(e.list);
  out.StrVector(e.programs);
  out.Pod<uint8_t>(static_cast<uint8_t>(e.schema));
  out.Str(e.name);
  WriteVector(out, e.aliases, [](BinaryWriter& o, const Alias& a) {
    o.Str(a.name);
    o.Pod<uint8_t>(static_cast<uint8_t>(a.quality));
    o.Str(a.type);
    o.Str(a.script);
  });
  out.Str(e.title);
  WriteVector(out, e.addresses, [](BinaryWriter& o, const Address& a) {
    o.Str(a.full);
    o.Str(a.city);
    o.Str(a.country);
  });
  out.StrVector(e.countries);
  out.StrVector(e.nationalities);
  out.StrVector(e.birth_dates);
  out.StrVector(e.birth_places);
  WriteVector(out, e.identifiers, [](BinaryWriter& o, const Identifier& i) {
    o.Str(i.type);
    o.Str(i.value);
    o.Str(i.country);
    o.Str(i.note);
  });
  out.Str(e.gender);
  out.Str(e.remarks);
  out.Str(e.federal_register);
  out.Str(e.start_date);
  out.Str(e.end_date);
  out.Str(e.license_requirement);
  out.Str(e.license_policy);
  out.Str(e.standard_order);
  out.Str(e.source_url);
  out.StrVector(e.topics);
  out.StrVector(e.datasets);
  out.StrVector(e.referents);
  out.Str(e.first_seen);
  out.Str(e.last_seen);
  out.Str(e.last_change);
}

Entity ReadEntity(BinaryReader& in, size_t remaining) {
  Entity e;
  e.id = in.Str();
  e.source = in.Str();
  e.list = in.Str();
  e.programs = in.StrVector();
  const uint8_t schema = in.Pod<uint8_t>();
  if (schema > static_cast<uint8_t>(Schema::kAircraft)) in.Fail();
  e.schema = static_cast<Schema>(schema);
  e.name = in.Str();
  e.aliases = ReadVector<Alias>(in, remaining, 3 * 8 + 1, [](BinaryReader& i) {
    Alias a;
    a.name = i.Str();
    const uint8_t quality = i.Pod<uint8_t>();
    if (quality > static_cast<uint8_t>(AliasQuality::kWeak)) i.Fail();
    a.quality = static_cast<AliasQuality>(quality);
    a.type = i.Str();
    a.script = i.Str();
    return a;
  });
  e.title = in.Str();
  e.addresses = ReadVector<Address>(in, remaining, 3 * 8, [](BinaryReader& i) {
    Address a;
    a.full = i.Str();
    a.city = i.Str();
    a.country = i.Str();
    return a;
  });
  e.countries = in.StrVector();
  e.nationalities = in.StrVector();
  e.birth_dates = in.StrVector();
  e.birth_places = in.StrVector();
  e.identifiers = ReadVector<Identifier>(in, remaining, 4 * 8, [](BinaryReader& i) {
    Identifier d;
    d.type = i.Str();
    d.value = i.Str();
    d.country = i.Str();
    d.note = i.Str();
    return d;
  });
  e.gender = in.Str();
  e.remarks = in.Str();
  e.federal_register = in.Str();
  e.start_date = in.Str();
  e.end_date = in.Str();
  e.license_requirement = in.Str();
  e.license_policy = in.Str();
  e.standard_order = in.Str();
  e.source_url = in.Str();
  e.topics = in.StrVector();
  e.datasets = in.StrVector();
  e.referents = in.StrVector();
  e.first_seen = in.Str();
  e.last_seen = in.Str();
  e.last_change = in.Str();
  return e;
}

}  // namespace

std::string EncodeSnapshot(const Snapshot& s) {
  BinaryWriter out;
  out.Pod<uint64_t>(kMagic);
  out.Str(s.hash);
  WriteVector(out, s.entities, WriteEntity);
  WriteVector(out, s.sources, [](BinaryWriter& o, const SourceInfo& i) {
    o.Str(i.path);
    o.StrVector(i.files);
    o.Str(i.format);
    o.Str(i.source);
    o.Str(i.list_name);
    o.Str(i.published);
    o.Str(i.retrieved);
    o.Pod<uint64_t>(i.records);
    o.Pod<uint64_t>(i.aliases);
    o.Pod<uint64_t>(i.skipped);
    o.Str(i.sha256);
  });
  WriteVector(out, s.issues, [](BinaryWriter& o, const ParseIssue& i) {
    o.Str(i.file);
    o.Pod<uint64_t>(i.line);
    o.Str(i.reason);
  });
  return std::move(out.bytes());
}

Result<Snapshot> DecodeSnapshot(std::string_view bytes) {
  BinaryReader in(bytes);
  if (in.Pod<uint64_t>() != kMagic) return Status::Corrupt("not a snapshot file of this format");
  Snapshot s;
  s.hash = in.Str();
  // An entity's encoding takes at least its 17 string lengths and 11 counts (8 bytes each) and
  // the schema byte.
  s.entities = ReadVector<Entity>(in, bytes.size(), 28 * 8 + 1,
                                  [&](BinaryReader& i) { return ReadEntity(i, bytes.size()); });
  s.sources = ReadVector<SourceInfo>(in, bytes.size(), 11 * 8, [](BinaryReader& i) {
    SourceInfo info;
    info.path = i.Str();
    info.files = i.StrVector();
    info.format = i.Str();
    info.source = i.Str();
    info.list_name = i.Str();
    info.published = i.Str();
    info.retrieved = i.Str();
    info.records = i.Pod<uint64_t>();
    info.aliases = i.Pod<uint64_t>();
    info.skipped = i.Pod<uint64_t>();
    info.sha256 = i.Str();
    return info;
  });
  s.issues = ReadVector<ParseIssue>(in, bytes.size(), 3 * 8, [](BinaryReader& i) {
    ParseIssue issue;
    issue.file = i.Str();
    issue.line = i.Pod<uint64_t>();
    issue.reason = i.Str();
    return issue;
  });
  if (in.failed() || !in.at_end()) return Status::Corrupt("snapshot file is damaged");
  s.BuildIdIndex();
  return s;
}

}  // namespace partyscreen
