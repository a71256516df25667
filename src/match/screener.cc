// INTERIM exact-normalised matcher (foundation issue): a name matches when, lower-cased with
// punctuation removed, it equals an alias. Replaced by the real engine (matching issue).
#include "partyscreen/screener.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <unordered_map>

namespace partyscreen {

double DefaultThreshold() { return 0.9; }
std::string EngineVersion() { return "exact-0"; }

namespace {
std::string Fold(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      if (space && !out.empty()) out += ' ';
      out += static_cast<char>(std::tolower(u));
      space = false;
    } else {
      space = true;
    }
  }
  return out;
}
}  // namespace

struct Screener::Impl {
  std::shared_ptr<const Snapshot> snapshot;
  std::unordered_multimap<std::string, std::pair<uint32_t, uint32_t>> by_name;  // folded -> (entity, name#)
  double build_seconds = 0;
};

Screener::Screener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Screener::~Screener() = default;

Result<std::unique_ptr<Screener>> Screener::Build(std::shared_ptr<const Snapshot> snapshot) {
  auto t0 = std::chrono::steady_clock::now();
  auto impl = std::make_unique<Impl>();
  impl->snapshot = std::move(snapshot);
  const auto& ents = impl->snapshot->entities;
  for (uint32_t i = 0; i < ents.size(); ++i) {
    auto names = ents[i].AllNames();
    for (uint32_t k = 0; k < names.size(); ++k) impl->by_name.emplace(Fold(names[k]), std::make_pair(i, k));
  }
  impl->build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return std::unique_ptr<Screener>(new Screener(std::move(impl)));
}

std::optional<Hit> Screener::ScoreEntity(const Query& q, uint32_t idx, const ScreenOptions& o) const {
  const Entity& e = impl_->snapshot->entities[idx];
  const std::string fq = Fold(q.name);
  for (std::string_view n : e.AllNames()) {
    if (Fold(n) == fq && 1.0 >= o.threshold) {
      Hit h;
      h.entity_index = idx;
      h.entity = &e;
      h.score = 1.0;
      h.explanation.matched_name = std::string(n);
      h.explanation.normalized_query = fq;
      h.explanation.normalized_name = fq;
      h.explanation.name_score = 1.0;
      h.explanation.summary = "exact match after lower-casing and removing punctuation (interim matcher)";
      return h;
    }
  }
  return std::nullopt;
}

std::vector<Hit> Screener::Screen(const Query& q, const ScreenOptions& o) const {
  std::vector<Hit> hits;
  auto range = impl_->by_name.equal_range(Fold(q.name));
  for (auto it = range.first; it != range.second; ++it) {
    const uint32_t idx = it->second.first;
    if (std::any_of(hits.begin(), hits.end(), [&](const Hit& h) { return h.entity_index == idx; })) continue;
    if (auto h = ScoreEntity(q, idx, o)) hits.push_back(std::move(*h));
  }
  if (hits.size() > o.limit) hits.resize(o.limit);
  return hits;
}

std::vector<Hit> Screener::ScreenBruteForce(const Query& q, const ScreenOptions& o) const {
  std::vector<Hit> hits;
  for (uint32_t i = 0; i < impl_->snapshot->entities.size(); ++i)
    if (auto h = ScoreEntity(q, i, o)) hits.push_back(std::move(*h));
  if (hits.size() > o.limit) hits.resize(o.limit);
  return hits;
}

const Snapshot& Screener::snapshot() const { return *impl_->snapshot; }
std::shared_ptr<const Snapshot> Screener::shared_snapshot() const { return impl_->snapshot; }
double Screener::build_seconds() const { return impl_->build_seconds; }
size_t Screener::memory_bytes() const { return impl_->by_name.size() * 64; }

std::vector<uint64_t> BlockingKeys(std::string_view name, Schema) {
  return {std::hash<std::string>{}(Fold(name))};
}

double CompareNames(std::string_view a, std::string_view b, Schema, Explanation* x) {
  const double s = Fold(a) == Fold(b) ? 1.0 : 0.0;
  if (x) x->name_score = s;
  return s;
}

}  // namespace partyscreen
