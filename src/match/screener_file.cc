// Screener::SaveIndex / LoadIndex: the built index as bytes (screener.h). Everything Build derives
// from the snapshot's names is written: each alias's normalised and weighted words (the expensive
// part: ICU, legal forms, weights) and the unit index with its cross-script keys. What is cheap to
// derive again from the entities (attribute facts, schemas, each alias's bound summary) is.
#include <chrono>
#include <thread>

#include "core/binary_io.h"
#include "match/screener_impl.h"
#include "normalize/name_normalizer.h"

namespace partyscreen {

namespace {

// Bumped whenever the layout below (or UnitIndex::Write's) changes.
constexpr uint64_t kIndexFileMagic = 0x7073696478000003ULL;  // "psidx" v3

void WriteScripts(BinaryWriter& out, const std::vector<TokenScript>& scripts) {
  std::vector<uint8_t> bytes(scripts.size());
  for (size_t i = 0; i < scripts.size(); ++i) bytes[i] = static_cast<uint8_t>(scripts[i]);
  out.PodVector(bytes);
}

// False if a value is not a TokenScript.
bool ReadScripts(BinaryReader& in, std::vector<TokenScript>* scripts) {
  const std::vector<uint8_t> bytes = in.PodVector<uint8_t>();
  scripts->resize(bytes.size());
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] >= kTokenScriptCount) return false;
    (*scripts)[i] = static_cast<TokenScript>(bytes[i]);
  }
  return true;
}

void WriteAlias(BinaryWriter& out, const IndexedAlias& a) {
  out.Pod<uint32_t>(a.entity);
  out.Pod<uint32_t>(a.name_index);
  out.Pod<uint8_t>(static_cast<uint8_t>(a.quality));
  out.StrVector(a.normalized.tokens);
  WriteScripts(out, a.normalized.scripts);
  out.StrVector(a.normalized.legal_forms);
  out.StrVector(a.normalized.dropped);
  out.StrVector(a.weighted.tokens);
  out.PodVector(a.weighted.weights);
  out.PodVector(a.weighted.evidence);
  out.StrVector(a.weighted.raw);
  WriteScripts(out, a.weighted.scripts);
}

// False if the alias read is not one Build could have made for these entities: every array the
// scorer indexes by word has one entry per word, the entity and its name exist.
bool ReadAlias(BinaryReader& in, const std::vector<Entity>& entities, IndexedAlias* a) {
  a->entity = in.Pod<uint32_t>();
  a->name_index = in.Pod<uint32_t>();
  const uint8_t quality = in.Pod<uint8_t>();
  a->normalized.tokens = in.StrVector();
  bool ok = ReadScripts(in, &a->normalized.scripts);
  a->normalized.legal_forms = in.StrVector();
  a->weighted.commercial_form = HasCommercialForm(a->normalized.legal_forms);
  a->normalized.dropped = in.StrVector();
  WeightedName& w = a->weighted;
  w.tokens = in.StrVector();
  w.weights = in.PodVector<float>();
  w.evidence = in.PodVector<float>();
  w.raw = in.StrVector();
  ok = ReadScripts(in, &w.scripts) && ok;
  if (in.failed() || !ok || quality > static_cast<uint8_t>(AliasQuality::kWeak)) return false;
  a->quality = static_cast<AliasQuality>(quality);
  const size_t n = w.tokens.size();
  return a->entity < entities.size() &&
         a->name_index < (entities[a->entity].name.empty() ? 0 : 1) +  // Entity::AllNames
                             entities[a->entity].aliases.size() &&
         n > 0 && w.weights.size() == n && (w.evidence.empty() || w.evidence.size() == n) &&
         w.raw.size() == n && (w.scripts.empty() || w.scripts.size() == n) &&  // empty: all Latin
         (a->normalized.scripts.empty() ||
          a->normalized.scripts.size() == a->normalized.tokens.size());
}

}  // namespace

void Screener::PrepareFixedTables() {
  // The name tables first (ICU's transliterators make them: the slow part): reading an index
  // needs them at its first alias, the word weights only at its end.
  (void)IsStopword("a");
  (void)TokenWeights::Default();
}

std::string Screener::SaveIndex() const {
  const Impl& m = *impl_;
  BinaryWriter out;
  out.Pod<uint64_t>(kIndexFileMagic);
  out.Str(EngineVersion());
  out.Str(m.snapshot->hash);
  out.Pod<uint64_t>(m.snapshot->entities.size());
  out.PodVector(m.entity_alias_begin);
  out.Pod<uint64_t>(m.aliases.size());
  // The aliases as one length-prefixed block, so that a reader finds the unit index after it
  // without parsing them and reads both at once (LoadIndex).
  BinaryWriter aliases;
  for (const IndexedAlias& a : m.aliases) WriteAlias(aliases, a);
  out.Str(aliases.bytes());
  m.units.Write(out, /*with_cross_keys=*/true);
  return std::move(out.bytes());
}

Result<std::unique_ptr<Screener>> Screener::LoadIndex(std::shared_ptr<const Snapshot> snapshot,
                                                      std::string_view bytes) {
  if (!snapshot) return Status::InvalidArgument("Screener::LoadIndex: no snapshot");
  const auto t0 = std::chrono::steady_clock::now();
  BinaryReader in(bytes);
  if (in.Pod<uint64_t>() != kIndexFileMagic)
    return Status::InvalidArgument("not an index file of this format");
  if (in.StrView() != EngineVersion())
    return Status::InvalidArgument("index file of another engine version");
  if (in.StrView() != snapshot->hash || in.Pod<uint64_t>() != snapshot->entities.size())
    return Status::InvalidArgument("index file of other lists (snapshot hash differs)");
  const std::vector<Entity>& entities = snapshot->entities;
  // The fixed tables (word weights, the name tables behind Summarize and ICU's transliterators)
  // are parsed on another thread while this one reads the aliases.
  // Joined on every return, a damaged file's too.
  std::jthread tables(&Screener::PrepareFixedTables);
  std::vector<uint32_t> begin = in.PodVector<uint32_t>();
  const uint64_t alias_count = in.Pod<uint64_t>();
  auto corrupt = [] { return Status::Corrupt("index file is damaged"); };
  if (in.failed() || begin.size() != entities.size() + 1 || begin.front() != 0 ||
      begin.back() != alias_count || alias_count > bytes.size())
    return corrupt();
  // The unit index (which needs no entity) on another thread while this one reads the aliases.
  BinaryReader alias_in(in.StrView());
  UnitIndex units;
  bool units_ok = false;
  std::jthread units_reader([&] {
    units_ok = !in.failed() && units.Read(in, alias_count, /*with_cross_keys=*/true) && in.at_end();
  });
  std::vector<IndexedAlias> aliases(alias_count);
  bool aliases_ok = true;
  for (uint32_t e = 0; e < entities.size() && aliases_ok; ++e) {
    if (begin[e] > begin[e + 1]) aliases_ok = false;
    for (uint32_t a = begin[e]; a < begin[e + 1] && aliases_ok; ++a)
      aliases_ok = ReadAlias(alias_in, entities, &aliases[a]) && aliases[a].entity == e;
  }
  if (!aliases_ok || !alias_in.at_end()) return corrupt();
  // Cheap to derive again, as Build does: done while the unit index is still being read.
  std::vector<EntityFacts> facts;
  std::vector<Schema> entity_schema;
  facts.reserve(entities.size());
  entity_schema.reserve(entities.size());
  for (const Entity& e : entities) {
    facts.push_back(ExtractFacts(e));
    entity_schema.push_back(e.schema);
  }
  tables.join();
  auto impl = std::make_unique<Impl>();  // takes the word weights
  impl->facts = std::move(facts);
  impl->entity_schema = std::move(entity_schema);
  impl->alias_summary.reserve(alias_count);
  impl->alias_entity.reserve(alias_count);
  for (const IndexedAlias& a : aliases) {
    impl->alias_summary.push_back(Summarize(a.weighted));
    impl->alias_entity.push_back(a.entity);
  }
  impl->entity_alias_begin = std::move(begin);
  impl->aliases = std::move(aliases);
  units_reader.join();
  if (!units_ok) return corrupt();
  impl->units = std::move(units);
  impl->snapshot = std::move(snapshot);
  impl->build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return std::unique_ptr<Screener>(new Screener(std::move(impl)));
}

}  // namespace partyscreen
