// Snapshots kept in the store (the entities of each list version screened against, so that later
// runs can compare against it by hash), and list diffs between two of them.
//
// Ownership: SnapshotArchive borrows a Database& that must outlive it; EntitySet and ListDiff are
// plain values.
// Thread safety: one thread at a time per Database (database.h); the free functions are pure.
// Durability: Save is one transaction and idempotent (saving a snapshot twice changes nothing).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "partyscreen/entity.h"
#include "partyscreen/snapshot.h"
#include "partyscreen/status.h"
#include "partyscreen/store/database.h"

namespace partyscreen {

// SHA-256 of EntityToJson(e) dumped compactly: changes whenever any published field changes.
std::string EntityContentHash(const Entity& e);

struct ArchivedEntity {
  std::string id;
  std::string name;
  std::string content_hash;  // EntityContentHash
  std::string json;          // EntityToJson dump
};
// The entities of one snapshot, sorted by id.
struct EntitySet {
  std::string snapshot_hash;
  std::vector<ArchivedEntity> entities;
};
EntitySet EntitySetOf(const Snapshot& snapshot);

class SnapshotArchive {
 public:
  explicit SnapshotArchive(Database& db) : db_(db) {}
  Status Save(const Snapshot& snapshot);  // idempotent; one transaction
  Status Save(const EntitySet& set);      // the same from EntitySetOf(snapshot), if already made
  Result<std::optional<EntitySet>> Load(const std::string& hash);  // hash or a unique prefix of it
  Result<std::vector<std::string>> Hashes();

 private:
  Database& db_;
};

struct FieldChange {
  std::string field;   // EntityToJson key: "name", "aliases", "programs", "federal_register"...
  std::string before;  // JSON text ("" when absent)
  std::string after;
};
struct EntityChange {
  std::string id;
  std::string name;  // as in the new list
  std::vector<FieldChange> fields;
  std::string old_json;  // the entry as it was (EntityToJson dump), for delta re-screening
};
struct ListDiff {
  std::string old_snapshot, new_snapshot;
  std::vector<ArchivedEntity> added;
  std::vector<ArchivedEntity> removed;
  std::vector<EntityChange> changed;
};
// kFields fills EntityChange::fields (each changed entry's JSON parsed on both sides); kEntries
// only says which entries changed (all a delta re-screen needs).
enum class DiffDetail { kFields, kEntries };
ListDiff DiffEntitySets(const EntitySet& before, const EntitySet& after,
                        DiffDetail detail = DiffDetail::kFields);

}  // namespace partyscreen
