#include "server/yente_catalog.h"

#include <algorithm>

namespace partyscreen::server {

namespace {

constexpr std::string_view kFtmPrefix = "ftm:";

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace

std::vector<std::string> ListingTopics(const Entity& e) {
  if (!e.topics.empty()) return e.topics;
  if (e.source == "custom" || e.source == "ftm") return {};
  if (e.source == "bis-dpl" || Contains(e.list, "Bureau of Industry and Security"))
    return {"export.control"};
  if (Contains(e.list, "Debarred")) return {"debarment"};
  return {"sanction"};
}

std::string_view PublicId(const Entity& e) {
  std::string_view id = e.id;
  if (e.source == "ftm" && id.substr(0, kFtmPrefix.size()) == kFtmPrefix)
    id.remove_prefix(kFtmPrefix.size());
  return id;
}

bool YenteCatalog::InDataset(const Entity& e, std::string_view name) {
  if (name == "default" || name == "sanctions" || name == e.source) return true;
  return std::find(e.datasets.begin(), e.datasets.end(), name) != e.datasets.end();
}

YenteCatalog YenteCatalog::Build(const Snapshot& snapshot) {
  YenteCatalog c;
  c.snapshot_ = &snapshot;
  std::vector<std::string> sources;
  std::map<std::string, CatalogDataset> own;  // source keys and FtM datasets
  for (const SourceInfo& s : snapshot.sources) {
    CatalogDataset& d = own[s.source];
    if (d.name.empty()) {
      d.name = s.source;
      d.title = s.list_name;
      sources.push_back(s.source);
    }
    d.version = std::max(d.version, s.published);
    auto [it, inserted] = c.published_.try_emplace(s.source, s.published);
    // Several files of one source: the latest date, or unknown if one is unknown.
    if (!inserted && !it->second.empty())
      it->second = s.published.empty() ? "" : std::max(it->second, s.published);
  }
  for (uint32_t i = 0; i < snapshot.entities.size(); ++i) {
    const Entity& e = snapshot.entities[i];
    if (auto it = own.find(e.source); it != own.end()) ++it->second.entities;
    for (const std::string& ds : e.datasets) {
      CatalogDataset& d = own[ds];
      if (d.name.empty()) d.name = d.title = ds;
      ++d.entities;
    }
    for (std::string& t : ListingTopics(e)) c.topics_.insert(std::move(t));
    for (const std::string& r : e.referents) c.referents_.emplace(r, i);
  }
  for (const char* collection : {"default", "sanctions"}) {
    CatalogDataset d;
    d.name = collection;
    d.title = std::string_view(collection) == "default" ? "Every loaded list"
                                                        : "Every loaded sanctions and export list";
    d.entities = snapshot.entities.size();
    d.children = sources;
    c.datasets_.push_back(std::move(d));
  }
  for (auto& [name, d] : own) c.datasets_.push_back(std::move(d));
  for (size_t i = 0; i < c.datasets_.size(); ++i) c.by_name_.emplace(c.datasets_[i].name, i);
  return c;
}

const Entity* YenteCatalog::Find(std::string_view id) const {
  if (const Entity* e = snapshot_->Find(id)) return e;
  if (const Entity* e = snapshot_->Find(std::string(kFtmPrefix) + std::string(id))) return e;
  if (auto it = referents_.find(std::string(id)); it != referents_.end())
    return &snapshot_->entities[it->second];
  return nullptr;
}

std::vector<uint32_t> YenteCatalog::ByReferent(std::string_view id) const {
  std::vector<uint32_t> out;
  auto [begin, end] = referents_.equal_range(std::string(id));
  for (auto it = begin; it != end; ++it) out.push_back(it->second);
  return out;
}

const std::string& YenteCatalog::Published(std::string_view source) const {
  static const std::string kUnknown;
  auto it = published_.find(source);
  return it == published_.end() ? kUnknown : it->second;
}

}  // namespace partyscreen::server
