// Snapshots kept in the store (so later runs can diff against them by hash) and list diffs.
#include "partyscreen/store/snapshots.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/json.h"
#include "core/parallel.h"
#include "core/sha256.h"
#include "store/sql.h"

namespace partyscreen {

namespace {
using store::AsInt;
using store::AsText;
using store::SqlConnection;
using store::SqlRow;

std::string DumpEntity(const Entity& e) {
  return EntityToJson(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
}  // namespace

std::string EntityContentHash(const Entity& e) { return Sha256Hex(DumpEntity(e)); }

EntitySet EntitySetOf(const Snapshot& snapshot) {
  EntitySet set;
  set.snapshot_hash = snapshot.hash;
  set.entities.resize(snapshot.entities.size());
  ParallelFor(
      snapshot.entities.size(), ThreadsOrAllCores(0),
      [&](size_t i) {
        const Entity& e = snapshot.entities[i];
        std::string json = DumpEntity(e);
        std::string hash = Sha256Hex(json);
        set.entities[i] = {e.id, e.name, std::move(hash), std::move(json)};
      },
      64);
  std::sort(set.entities.begin(), set.entities.end(),
            [](const ArchivedEntity& a, const ArchivedEntity& b) { return a.id < b.id; });
  return set;
}

namespace {

Result<bool> IsArchived(SqlConnection& conn, const std::string& hash) {
  auto known = conn.Query("SELECT hash FROM snapshots WHERE hash = ?", {hash});
  if (!known.ok()) return known.status();
  return !known->empty();
}

}  // namespace

Status SnapshotArchive::Save(const Snapshot& snapshot) {
  auto known = IsArchived(store::ConnectionOf(db_), snapshot.hash);
  if (!known.ok()) return known.status();
  return *known ? Status::Ok() : Save(EntitySetOf(snapshot));
}

Status SnapshotArchive::Save(const EntitySet& set) {
  SqlConnection& conn = store::ConnectionOf(db_);
  auto known = IsArchived(conn, set.snapshot_hash);
  if (!known.ok()) return known.status();
  if (*known) return Status::Ok();
  store::WriteTransaction txn(conn);
  if (!txn.status().ok()) return txn.status();
  for (const ArchivedEntity& e : set.entities) {
    Status s = conn.Run(
        "INSERT INTO snapshot_entities (snapshot_hash, entity_id, name, content_hash, body) VALUES "
        "(?, ?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        {set.snapshot_hash, e.id, e.name, e.content_hash, e.json});
    if (!s.ok()) return s;
  }
  // The snapshots row is written last: its presence means the entities are complete.
  Status s = conn.Run(
      "INSERT INTO snapshots (hash, saved_at, entity_count) VALUES (?, ?, ?) ON CONFLICT DO "
      "NOTHING",
      {set.snapshot_hash, UtcNowIso(), static_cast<int64_t>(set.entities.size())});
  if (!s.ok()) return s;
  return txn.Commit();
}

Result<std::vector<std::string>> SnapshotArchive::Hashes() {
  auto rows = store::ConnectionOf(db_).Query("SELECT hash FROM snapshots ORDER BY saved_at");
  if (!rows.ok()) return rows.status();
  std::vector<std::string> out;
  for (const SqlRow& r : *rows) out.push_back(AsText(r[0]));
  return out;
}

Result<std::optional<EntitySet>> SnapshotArchive::Load(const std::string& hash) {
  SqlConnection& conn = store::ConnectionOf(db_);
  if (hash.size() < 6)
    return Status::InvalidArgument("snapshot hash '" + hash + "': give at least 6 hex digits");
  auto rows =
      conn.Query("SELECT hash FROM snapshots WHERE hash >= ? AND hash < ? ORDER BY hash LIMIT 2",
                 {hash, hash + "\x7f"});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<EntitySet>();
  if (rows->size() > 1)
    return Status::InvalidArgument("snapshot hash prefix '" + hash + "' is ambiguous");
  EntitySet set;
  set.snapshot_hash = AsText((*rows)[0][0]);
  std::string after;
  for (;;) {
    auto page = conn.Query(
        "SELECT entity_id, name, content_hash, body FROM snapshot_entities WHERE snapshot_hash = ? "
        "AND entity_id > ?"
        " ORDER BY entity_id LIMIT 5000",
        {set.snapshot_hash, after});
    if (!page.ok()) return page.status();
    if (page->empty()) break;
    for (const SqlRow& r : *page)
      set.entities.push_back({AsText(r[0]), AsText(r[1]), AsText(r[2]), AsText(r[3])});
    after = set.entities.back().id;
  }
  // Stored ids are sorted by the database collation (bytewise in both dialects with C collation);
  // sort again so that the diff's merge never depends on it.
  std::sort(set.entities.begin(), set.entities.end(),
            [](const ArchivedEntity& a, const ArchivedEntity& b) { return a.id < b.id; });
  return std::optional<EntitySet>(std::move(set));
}

ListDiff DiffEntitySets(const EntitySet& before, const EntitySet& after, DiffDetail detail) {
  ListDiff diff;
  diff.old_snapshot = before.snapshot_hash;
  diff.new_snapshot = after.snapshot_hash;
  auto a = before.entities.begin();
  auto b = after.entities.begin();
  while (a != before.entities.end() || b != after.entities.end()) {
    if (b == after.entities.end() || (a != before.entities.end() && a->id < b->id)) {
      diff.removed.push_back(*a++);
    } else if (a == before.entities.end() || b->id < a->id) {
      diff.added.push_back(*b++);
    } else {
      if (a->content_hash != b->content_hash) {
        EntityChange change{b->id, b->name, {}, a->json};
        if (detail == DiffDetail::kEntries) {
          diff.changed.push_back(std::move(change));
          ++a;
          ++b;
          continue;
        }
        const nlohmann::json ja = nlohmann::json::parse(a->json, nullptr, false);
        const nlohmann::json jb = nlohmann::json::parse(b->json, nullptr, false);
        std::set<std::string> keys;
        if (ja.is_object())
          for (auto it = ja.begin(); it != ja.end(); ++it) keys.insert(it.key());
        if (jb.is_object())
          for (auto it = jb.begin(); it != jb.end(); ++it) keys.insert(it.key());
        for (const std::string& k : keys) {
          const std::string va = ja.is_object() && ja.contains(k) ? ja[k].dump() : "";
          const std::string vb = jb.is_object() && jb.contains(k) ? jb[k].dump() : "";
          if (va != vb) change.fields.push_back({k, va, vb});
        }
        diff.changed.push_back(std::move(change));
      }
      ++a;
      ++b;
    }
  }
  return diff;
}

}  // namespace partyscreen
