#include "match/cross_script_match.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "translit/cross_script.h"
#include "translit/han_names.h"
#include "translit/hangul.h"

namespace partyscreen {

FamilySet FamiliesOf(TokenScript script) {
  switch (script) {
    case TokenScript::kAbjad:
      return {{KeyFamily::kAbjad, KeyFamily::kAbjad}, 1};
    case TokenScript::kCyrillic:
      return {{KeyFamily::kCyrillic, KeyFamily::kHan}, 2};
    case TokenScript::kHan:
      return {{KeyFamily::kHan, KeyFamily::kHan}, 1};
    case TokenScript::kHangul:
      return {{KeyFamily::kHangul, KeyFamily::kHan}, 2};
    case TokenScript::kLatin:
    case TokenScript::kOther:
    case TokenScript::kCode:
    case TokenScript::kJoinedName:
      break;
  }
  return {};
}

namespace {

FamilyKeyList ComputeFamilyKeys(KeyFamily family, std::string_view raw, TokenScript written_in) {
  const bool from_script = written_in != TokenScript::kLatin;
  FamilyKeyList keys;
  switch (family) {
    case KeyFamily::kAbjad:
    case KeyFamily::kCyrillic:
      keys = CrossScriptKeys(
          family == KeyFamily::kAbjad ? ScriptFamily::kAbjad : ScriptFamily::kCyrillic, raw,
          from_script);
      break;
    case KeyFamily::kHan:
      if (written_in == TokenScript::kHangul)
        keys = ChineseSoundKeysOfKoreanSpelling(raw, kMaxCrossScriptKeys);
      else
        keys.push_back(ChineseSoundKey(raw));
      break;
    case KeyFamily::kHangul:
      keys.push_back(KoreanSoundKey(raw));
      break;
  }
  std::erase(keys, std::string());
  return keys;
}

}  // namespace

namespace {

// Scoring compares the same few words with many others: each thread remembers the last keys it
// computed (direct-mapped; pure functions, so the memo changes nothing). `tag` names the family;
// each side has its own memo, so that a word's keys stay put while the other side's are looked up.
template <typename Compute>
const FamilyKeyList& MemoKeys(uint8_t tag, bool from_script, std::string_view raw,
                              const Compute& compute) {
  struct Slot {
    std::string raw;
    FamilyKeyList key;
    uint8_t tag = 0xff;
  };
  constexpr size_t kSlots = 4096;
  thread_local std::vector<Slot> memo[2] = {std::vector<Slot>(kSlots), std::vector<Slot>(kSlots)};
  uint64_t h = 1469598103934665603ull ^ tag;
  for (char c : raw) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  Slot& slot = memo[from_script ? 1 : 0][(h ^ (h >> 29)) & (kSlots - 1)];
  if (slot.tag == tag && slot.raw == raw) return slot.key;
  slot.raw.assign(raw);
  slot.key = compute();
  slot.tag = tag;
  return slot.key;
}

}  // namespace

const FamilyKeyList& FamilyKeys(KeyFamily family, std::string_view raw, TokenScript written_in) {
  const uint8_t tag = static_cast<uint8_t>(static_cast<int>(family) * kTokenScriptCount +
                                           static_cast<int>(written_in));
  return MemoKeys(tag, written_in != TokenScript::kLatin, raw,
                  [&] { return ComputeFamilyKeys(family, raw, written_in); });
}

namespace {

constexpr double kMinAlignmentSimilarity = 0.75;

// The alignment similarity of cross_script.h puts a faithful reading at 0.75 and above (one
// consonant off in a long word, a vowel letter the Latin side lacks); on the scale of Latin
// pairs (where one typo in a 7-letter word is 0.86) that is a match: [0.75, 1] -> [0.85, 1].
// Below 0.75 the pair is no match.
double Calibrated(double alignment) {
  if (alignment < kMinAlignmentSimilarity) return 0;
  return 0.85 + (alignment - kMinAlignmentSimilarity) * (0.15 / (1 - kMinAlignmentSimilarity));
}

// The family's similarity of a pair whose keys are equal; the alignment families read the words'
// units, parsed here unless the caller parsed them (`parsed`: script side, then Latin side) or
// prepared the script side as a probe (`probe`, with `parsed` holding the Latin side second).
double FamilySimilarity(KeyFamily family, std::string_view script_raw, std::string_view latin_raw,
                        const CrossScriptUnits* parsed = nullptr,
                        const CrossScriptProbe* probe = nullptr) {
  switch (family) {
    case KeyFamily::kAbjad:
    case KeyFamily::kCyrillic: {
      const ScriptFamily f =
          family == KeyFamily::kAbjad ? ScriptFamily::kAbjad : ScriptFamily::kCyrillic;
      // Below kMinAlignmentSimilarity the pair is no match whatever its value.
      if (probe) return Calibrated(probe->SimilarityTo(parsed[1]));
      if (parsed)
        return Calibrated(
            CrossScriptSimilarityAtLeast(f, parsed[0], parsed[1], kMinAlignmentSimilarity));
      return Calibrated(CrossScriptSimilarity(f, script_raw, latin_raw));
    }
    case KeyFamily::kHan:
    case KeyFamily::kHangul:
      // Keys of syllable readings: equal keys are the same syllables, read another way.
      return 1.0 - 0.25 / static_cast<double>(
                              std::max<size_t>(2, std::max(script_raw.size(), latin_raw.size())));
  }
  return 0;
}

std::string_view FamilyName(KeyFamily f, TokenScript script) {
  if (f == KeyFamily::kHan && script == TokenScript::kHangul)
    return "Chinese syllables in the Korean standard";
  if (f == KeyFamily::kHan && script == TokenScript::kCyrillic)
    return "Chinese syllables in Palladius";
  switch (f) {
    case KeyFamily::kAbjad:
      return "Arabic/Hebrew consonants";
    case KeyFamily::kCyrillic:
      return "Cyrillic romanisation";
    case KeyFamily::kHan:
      return "Chinese syllables";
    case KeyFamily::kHangul:
      return "Korean romanisation";
  }
  return "";
}

struct FamilyHit {
  KeyFamily family = KeyFamily::kAbjad;
  std::string key;
  double similarity = 0;
};

}  // namespace

SlavicEnding SlavicEndingOf(std::string_view w) {
  // Runs for every pair of words the matcher compares: the suffixes are looked up by their last
  // letter, and each compared from the last letter inward.
  auto ends = [&](std::initializer_list<std::string_view> suffixes) {
    for (std::string_view x : suffixes)
      if (w.size() >= x.size() + 3 && std::equal(x.rbegin(), x.rend(), w.rbegin())) return true;
    return false;
  };
  if (w.size() < 5) return SlavicEnding::kNone;  // no suffix (2+ letters) after 3+ letters
  switch (w.back()) {
    // South Slavic -ović/-ević (written -ovic) is a surname, East Slavic -ovich a patronymic.
    // Polish -wicz and German -witsch spell the same suffix as -vich (Macierewicz = Мацеревич).
    case 'h':
      return ends({"vich", "vych", "vitch", "witsch"}) ? SlavicEnding::kPatronymic
                                                       : SlavicEnding::kNone;
    case 'z':
      return ends({"wicz", "wycz"}) ? SlavicEnding::kPatronymic : SlavicEnding::kNone;
    case 'a':
      if (ends({"vna", "ichna"})) return SlavicEnding::kPatronymic;
      // Polish and Czech -cki/-cka, -dzki are -цкий/-цкая (Krasnowiecki = Красновецкий).
      return ends({"ova", "eva", "ina", "yna", "skaya", "skaja", "ska", "cka"})
                 ? SlavicEnding::kFeminine
                 : SlavicEnding::kNone;
    case 'v':
      return ends({"ov", "ev"}) ? SlavicEnding::kMasculine : SlavicEnding::kNone;
    case 'f':
      return ends({"off", "eff"}) ? SlavicEnding::kMasculine : SlavicEnding::kNone;
    case 'n':
      // (After a vowel, -yn and -in are a diphthong and n: Duane = Дуэйн, Jamain = Жамен.)
      return ends({"in", "yn"}) &&
                     std::string_view("aeiou").find(w[w.size() - 3]) == std::string_view::npos
                 ? SlavicEnding::kMasculine
                 : SlavicEnding::kNone;
    case 'y':
      return ends({"sky", "cky", "skiy"}) ? SlavicEnding::kMasculine : SlavicEnding::kNone;
    case 'i':
      return ends({"ski", "skii", "cki"}) ? SlavicEnding::kMasculine : SlavicEnding::kNone;
    case 'j':
      return ends({"skij"}) ? SlavicEnding::kMasculine : SlavicEnding::kNone;
    case 'c':
      return ends({"ovic", "evic"}) ? SlavicEnding::kMasculine : SlavicEnding::kNone;
    case 's':  // Hungarian cs is ch: -ovics is -ovich (Petrovics = Петрович)
      return ends({"vics"}) ? SlavicEnding::kPatronymic : SlavicEnding::kNone;
    default:
      return SlavicEnding::kNone;
  }
}

namespace {

// Alignment families compare letters, which says little of words of one or two letters or of
// words of very different length (a surname against a surname joined to a given name). An abjad
// writes no short vowels: two letters of it are a word of three or four in Latin (לד = Ladd,
// ين = Yen), and its length is taken as one more.
bool AlignableLengths(KeyFamily f, size_t script, size_t latin) {
  if (f == KeyFamily::kAbjad && script == 2) ++script;
  const size_t lo = std::min(script, latin), hi = std::max(script, latin);
  return lo >= 3 && hi <= lo * 2;
}

bool AlignmentFamily(KeyFamily f) { return f == KeyFamily::kAbjad || f == KeyFamily::kCyrillic; }

// Cyrillic writes every vowel, so a Cyrillic name ending in a consonant against a Latin one ending
// in -a is the masculine against the feminine (Viktor/Victoria, Milan/Milanka), and the reverse
// (Aleksandra/Alexander) too, another name. A final -ah is the Latin spelling of a final -a
// (Abdulla/Abdullah); a Latin final s, t, x, d or z may be silent (French Deblois = Деблуа).
enum class FinalLetter { kA, kConsonant, kOther };
FinalLetter FinalLetterOf(std::string_view w) {
  if (w.ends_with("ah")) w.remove_suffix(1);
  if (w.empty()) return FinalLetter::kOther;
  if (w.back() == 'a') return FinalLetter::kA;
  return std::string_view("eiouyh").find(w.back()) == std::string_view::npos
             ? FinalLetter::kConsonant
             : FinalLetter::kOther;
}
bool GenderedEndingsDiffer(std::string_view cyrillic, std::string_view latin) {
  const FinalLetter fc = FinalLetterOf(cyrillic), fl = FinalLetterOf(latin);
  if (fc == FinalLetter::kConsonant) return fl == FinalLetter::kA;
  return fc == FinalLetter::kA && fl == FinalLetter::kConsonant &&
         std::string_view("stxdz").find(latin.back()) == std::string_view::npos;
}

// A Cyrillic word and a Latin one are different name parts by their Slavic endings
// (SlavicEndingOf) when both have one and they differ, or when one has one and the other does
// not end in its last letter ("ivan"/"ivanov", "ibrahim"/"ibragimov"); a word with no such
// ending that ends like the other is a foreign name whose end only looks Slavic (Chardin =
// Шарден, Katharine = Кэтрин: Russian does not write the silent final e of English and French).
bool SlavicEndingsDiffer(std::string_view cyrillic, std::string_view latin) {
  if (latin.size() > 3 && latin.back() == 'e' &&
      std::string_view("aeiouy").find(latin[latin.size() - 2]) == std::string_view::npos)
    latin.remove_suffix(1);
  const SlavicEnding ec = SlavicEndingOf(cyrillic), el = SlavicEndingOf(latin);
  if (ec == el) return false;
  if (ec != SlavicEnding::kNone && el != SlavicEnding::kNone) return true;
  return cyrillic.empty() || latin.empty() || cyrillic.back() != latin.back();
}

// The similarity of a pair in family f whose keys are equal, 0 if the family's other checks fail.
double SimilarityInFamily(KeyFamily f, const WordView& s, const WordView& l,
                          const CrossScriptUnits* parsed = nullptr,
                          const CrossScriptProbe* probe = nullptr) {
  if (AlignmentFamily(f) && !AlignableLengths(f, s.raw.size(), l.raw.size())) return 0;
  if (f == KeyFamily::kCyrillic &&
      (SlavicEndingsDiffer(s.raw, l.raw) || GenderedEndingsDiffer(s.raw, l.raw)))
    return 0;
  // The Chinese keys' classes are coarse (any system's merge merges them): a Hangul word read as
  // Chinese must read as the Latin word's own syllables.
  if (f == KeyFamily::kHan && s.script == TokenScript::kHangul &&
      !KoreanSpellingReadsAs(s.raw, l.raw))
    return 0;
  const double sim = FamilySimilarity(f, s.raw, l.raw, parsed, probe);
  return sim >= kMinCrossScriptSimilarity ? sim : 0;
}

// CrossScriptMatchInFamily's common path: the words' scripts, then the family's similarity.
WordMatch MatchInFamily(KeyFamily family, const WordView& query, const WordView& list,
                        const CrossScriptUnits* parsed = nullptr,
                        const CrossScriptProbe* probe = nullptr) {
  if (list.script != TokenScript::kLatin || query.script == TokenScript::kLatin) return {};
  const double sim = SimilarityInFamily(family, query, list, parsed, probe);
  if (sim <= 0) return {};
  return {TokenMatch::kCrossScript, std::min(sim, 0.99)};
}

FamilyHit BestFamily(const WordView& s, const WordView& l) {
  FamilyHit best;
  const FamilySet fs = FamiliesOf(s.script);
  for (int i = 0; i < fs.count; ++i) {
    const KeyFamily f = fs.families[i];
    const FamilyKeyList& ks = FamilyKeys(f, s.raw, s.script);
    const FamilyKeyList& kl = FamilyKeys(f, l.raw, TokenScript::kLatin);
    const auto shared = std::find_first_of(ks.begin(), ks.end(), kl.begin(), kl.end());
    if (shared == ks.end()) continue;
    const double sim = SimilarityInFamily(f, s, l);
    if (sim >= kMinCrossScriptSimilarity && sim > best.similarity) best = {f, *shared, sim};
  }
  return best;
}

}  // namespace

WordMatch CrossScriptMatch(const WordView& query, const WordView& list) {
  if (list.script != TokenScript::kLatin) return {};
  const FamilyHit hit = BestFamily(query, list);
  if (hit.similarity <= 0) return {};
  return {TokenMatch::kCrossScript, std::min(hit.similarity, 0.99)};
}

CrossScriptUnits ParseForFamily(KeyFamily family, std::string_view raw, bool from_script) {
  if (!AlignmentFamily(family)) return {};
  return ParseCrossScriptUnits(
      family == KeyFamily::kAbjad ? ScriptFamily::kAbjad : ScriptFamily::kCyrillic, raw,
      from_script);
}

WordMatch CrossScriptMatchInFamily(KeyFamily family, const WordView& query,
                                   const CrossScriptUnits& query_units, const WordView& list,
                                   const CrossScriptUnits& list_units) {
  const CrossScriptUnits parsed[2] = {query_units, list_units};
  return MatchInFamily(family, query, list, parsed);
}

CrossScriptProbe ProbeForFamily(KeyFamily family, const CrossScriptUnits& query_units) {
  return CrossScriptProbe(
      family == KeyFamily::kAbjad ? ScriptFamily::kAbjad : ScriptFamily::kCyrillic, query_units,
      kMinAlignmentSimilarity);
}

WordMatch CrossScriptMatchInFamily(KeyFamily family, const WordView& query,
                                   const CrossScriptProbe& query_probe, const WordView& list,
                                   const CrossScriptUnits& list_units) {
  const CrossScriptUnits parsed[2] = {CrossScriptUnits{}, list_units};
  return MatchInFamily(family, query, list, parsed, &query_probe);
}

bool LengthsMayMatchInFamily(KeyFamily family, size_t query_length, size_t list_length) {
  return !AlignmentFamily(family) || AlignableLengths(family, query_length, list_length);
}

WordMatch CrossScriptMatchInFamily(KeyFamily family, const WordView& query, const WordView& list) {
  return MatchInFamily(family, query, list);
}

std::string DescribeBridge(const WordView& s, const WordView& l) {
  const FamilyHit hit = BestFamily(s, l);
  if (hit.similarity <= 0) return {};
  return std::string(FamilyName(hit.family, s.script)) + " " + hit.key + ": " + std::string(s.raw) +
         " = " + std::string(l.raw);
}

}  // namespace partyscreen
