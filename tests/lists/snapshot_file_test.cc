// EncodeSnapshot / DecodeSnapshot (lists/snapshot_file.h): every field of every entity, source and
// issue comes back, the bundled snapshot round-trips byte for byte, and damaged bytes are refused
// without a crash.
#include "lists/snapshot_file.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace partyscreen {
namespace {

// Every field of an entity as text, in declaration order (a field missing from the encoding would
// come back empty and differ here; snapshot_file.cc's size checks fail the build for a new one).
std::vector<std::string> Fields(const Entity& e) {
  std::vector<std::string> f = {e.id,
                                e.source,
                                e.list,
                                std::to_string(static_cast<int>(e.schema)),
                                e.name,
                                e.title,
                                e.gender,
                                e.remarks,
                                e.federal_register,
                                e.start_date,
                                e.end_date,
                                e.license_requirement,
                                e.license_policy,
                                e.standard_order,
                                e.source_url,
                                e.first_seen,
                                e.last_seen,
                                e.last_change};
  for (const auto* v : {&e.programs, &e.countries, &e.nationalities, &e.birth_dates,
                        &e.birth_places, &e.topics, &e.datasets, &e.referents})
    for (const std::string& s : *v) f.push_back(s);
  for (const Alias& a : e.aliases) {
    f.push_back(a.name);
    f.push_back(std::to_string(static_cast<int>(a.quality)));
    f.push_back(a.type);
    f.push_back(a.script);
  }
  for (const Address& a : e.addresses) {
    f.push_back(a.full);
    f.push_back(a.city);
    f.push_back(a.country);
  }
  for (const Identifier& i : e.identifiers) {
    f.push_back(i.type);
    f.push_back(i.value);
    f.push_back(i.country);
    f.push_back(i.note);
  }
  return f;
}

// A snapshot in which every field holds a distinct value.
Snapshot EveryFieldSet() {
  Snapshot s;
  Entity e;
  int n = 0;
  auto v = [&n] { return "v" + std::to_string(++n); };
  e.id = v();
  e.source = v();
  e.list = v();
  e.programs = {v(), v()};
  e.schema = Schema::kVessel;
  e.name = v();
  e.aliases = {{v(), AliasQuality::kWeak, v(), v()}, {v(), AliasQuality::kStrong, v(), v()}};
  e.title = v();
  e.addresses = {{v(), v(), v()}};
  e.countries = {v()};
  e.nationalities = {v()};
  e.birth_dates = {v()};
  e.birth_places = {v()};
  e.identifiers = {{v(), v(), v(), v()}};
  e.gender = v();
  e.remarks = v() + std::string("\0 binary \xff", 11);
  e.federal_register = v();
  e.start_date = v();
  e.end_date = v();
  e.license_requirement = v();
  e.license_policy = v();
  e.standard_order = v();
  e.source_url = v();
  e.topics = {v()};
  e.datasets = {v()};
  e.referents = {v()};
  e.first_seen = v();
  e.last_seen = v();
  e.last_change = v();
  s.entities.push_back(e);
  s.entities.push_back(Entity{});  // every field empty
  s.entities.back().id = "second";
  SourceInfo info;
  info.path = v();
  info.files = {v(), v()};
  info.format = v();
  info.source = v();
  info.list_name = v();
  info.published = v();
  info.retrieved = v();
  info.records = 7;
  info.aliases = 8;
  info.skipped = 9;
  info.sha256 = v();
  s.sources.push_back(info);
  s.issues.push_back({v(), 42, v()});
  s.hash = v();
  s.BuildIdIndex();
  return s;
}

TEST(SnapshotFileTest, EveryFieldComesBack) {
  const Snapshot original = EveryFieldSet();
  const std::string bytes = EncodeSnapshot(original);
  auto read = DecodeSnapshot(bytes);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->entities.size(), 2u);
  for (size_t i = 0; i < 2; ++i) EXPECT_EQ(Fields(read->entities[i]), Fields(original.entities[i]));
  EXPECT_EQ(Fields(read->entities[0]).size(), 18u + 9u + 8u + 3u + 4u);
  ASSERT_EQ(read->sources.size(), 1u);
  const SourceInfo& a = read->sources[0];
  const SourceInfo& b = original.sources[0];
  EXPECT_EQ(std::vector<std::string>(
                {a.path, a.format, a.source, a.list_name, a.published, a.retrieved, a.sha256}),
            std::vector<std::string>(
                {b.path, b.format, b.source, b.list_name, b.published, b.retrieved, b.sha256}));
  EXPECT_EQ(a.files, b.files);
  EXPECT_EQ(a.records, 7u);
  EXPECT_EQ(a.aliases, 8u);
  EXPECT_EQ(a.skipped, 9u);
  ASSERT_EQ(read->issues.size(), 1u);
  EXPECT_EQ(read->issues[0].file, original.issues[0].file);
  EXPECT_EQ(read->issues[0].line, 42u);
  EXPECT_EQ(read->issues[0].reason, original.issues[0].reason);
  EXPECT_EQ(read->hash, original.hash);
  ASSERT_NE(read->Find("second"), nullptr);  // the id index is rebuilt
  EXPECT_EQ(read->Find("second"), &read->entities[1]);
  EXPECT_EQ(EncodeSnapshot(*read), bytes);
}

TEST(SnapshotFileTest, TheBundledSnapshotRoundTrips) {
  auto loaded = LoadSnapshot(DefaultListSpecs());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const std::string bytes = EncodeSnapshot(*loaded);
  auto read = DecodeSnapshot(bytes);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->entities.size(), loaded->entities.size());
  for (size_t i = 0; i < read->entities.size(); ++i)
    ASSERT_EQ(Fields(read->entities[i]), Fields(loaded->entities[i])) << i;
  EXPECT_EQ(read->hash, loaded->hash);
  EXPECT_EQ(read->issues.size(), loaded->issues.size());
  EXPECT_EQ(EncodeSnapshot(*read), bytes);
}

TEST(SnapshotFileTest, DamagedBytesAreRefusedWithoutACrash) {
  const std::string bytes = EncodeSnapshot(EveryFieldSet());
  // Every cut is refused: the reader needs the whole of it.
  for (size_t cut = 0; cut < bytes.size(); ++cut)
    EXPECT_FALSE(DecodeSnapshot(std::string_view(bytes).substr(0, cut)).ok()) << cut;
  EXPECT_FALSE(DecodeSnapshot(bytes + "x").ok());
  // A flipped byte anywhere: refused or read, never a crash or a huge allocation (counts and
  // lengths are bounded by the input).
  for (size_t at = 0; at < bytes.size(); ++at) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x80);
    (void)DecodeSnapshot(damaged);
  }
  EXPECT_FALSE(DecodeSnapshot("not a snapshot at all").ok());
}

}  // namespace
}  // namespace partyscreen
