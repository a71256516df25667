// yente's vocabulary over one snapshot, for the yente-compatible routes (/match/{dataset},
// /search/{dataset}, /entities/{id}, /catalog): dataset names, topics, public ids, referents.
//
// Datasets: "default" and "sanctions" hold every loaded listing (every format partyscreen reads
// is a restricted-party list); each loaded source key ("ofac", "csl", "ftm", ...) holds that
// source's listings; each publisher dataset an FtM record names ("eu_fsf", "us_ofac_sdn", ...)
// holds the FtM records that name it. Any other name is unknown (callers answer 400 or 404).
// Topics: an FtM record's own; other listings get their list's (ListingTopics). Public ids are
// the ids yente clients see: an FtM record's own id ("NK-2GdmH..."), other listings' ids as they
// are ("ofac:306"). Thread safety: immutable after Build; the Snapshot must outlive it.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "partyscreen/snapshot.h"

namespace partyscreen::server {

// The topics of a listing: an FtM record's "topics"; otherwise by its list: BIS lists (Entity
// List, Military End User, Unverified, Denied Persons) "export.control", State Department
// debarments "debarment", every other sanctions list "sanction"; custom lists none.
std::vector<std::string> ListingTopics(const Entity& e);

// "ftm:NK-1" -> "NK-1"; any other id unchanged.
std::string_view PublicId(const Entity& e);

struct CatalogDataset {
  std::string name;
  std::string title;
  std::string version;  // the list's publication date, or "" when the file carries none
  size_t entities = 0;
  std::vector<std::string> children;  // for "default" and "sanctions": the source keys
};

class YenteCatalog {
 public:
  static YenteCatalog Build(const Snapshot& snapshot);

  bool HasDataset(std::string_view name) const { return by_name_.count(std::string(name)) > 0; }
  // Whether listing `e` belongs to dataset `name` (by the rule above).
  static bool InDataset(const Entity& e, std::string_view name);
  const std::vector<CatalogDataset>& datasets() const { return datasets_; }
  const std::set<std::string>& topics() const { return topics_; }  // present in the snapshot

  // The entity with this public id, internal id or FtM referent id; nullptr if none.
  const Entity* Find(std::string_view id) const;
  // Entity indexes of the listings that name `id` as an FtM referent (empty if none).
  std::vector<uint32_t> ByReferent(std::string_view id) const;
  // The publication date (ISO, may be empty) of the list `source` was loaded from.
  const std::string& Published(std::string_view source) const;

 private:
  const Snapshot* snapshot_ = nullptr;
  std::vector<CatalogDataset> datasets_;
  std::map<std::string, size_t> by_name_;  // -> datasets_ index
  std::set<std::string> topics_;
  std::unordered_multimap<std::string, uint32_t> referents_;
  std::map<std::string, std::string, std::less<>> published_;
};

}  // namespace partyscreen::server
