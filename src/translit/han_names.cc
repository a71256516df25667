#include "translit/han_names.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <numeric>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "core/table_lines.h"

namespace partyscreen {

namespace embedded {
extern const std::string_view k_han_places_tsv;
extern const std::string_view k_han_terms_tsv;
}  // namespace embedded

namespace {

// ---------------------------------------------------------------------------------------------
// Syllables and their spellings.

// The syllables of Standard Chinese in Hanyu Pinyin without tones; 'v' stands for u-umlaut.
// Interjection-only syllables (o, yo, lo, m, n, ng, hm...) are left out: they never occur in names
// and would only merge real syllables.
constexpr std::string_view kPinyinSyllables[] = {
    "a",      "ai",    "an",    "ang",   "ao",    "ba",    "bai",   "ban",   "bang",   "bao",
    "bei",    "ben",   "beng",  "bi",    "bian",  "biao",  "bie",   "bin",   "bing",   "bo",
    "bu",     "pa",    "pai",   "pan",   "pang",  "pao",   "pei",   "pen",   "peng",   "pi",
    "pian",   "piao",  "pie",   "pin",   "ping",  "po",    "pou",   "pu",    "ma",     "mai",
    "man",    "mang",  "mao",   "me",    "mei",   "men",   "meng",  "mi",    "mian",   "miao",
    "mie",    "min",   "ming",  "miu",   "mo",    "mou",   "mu",    "fa",    "fan",    "fang",
    "fei",    "fen",   "feng",  "fo",    "fou",   "fu",    "da",    "dai",   "dan",    "dang",
    "dao",    "de",    "dei",   "den",   "deng",  "di",    "dian",  "diao",  "die",    "ding",
    "diu",    "dong",  "dou",   "du",    "duan",  "dui",   "dun",   "duo",   "ta",     "tai",
    "tan",    "tang",  "tao",   "te",    "teng",  "ti",    "tian",  "tiao",  "tie",    "ting",
    "tong",   "tou",   "tu",    "tuan",  "tui",   "tun",   "tuo",   "na",    "nai",    "nan",
    "nang",   "nao",   "ne",    "nei",   "nen",   "neng",  "ni",    "nian",  "niang",  "niao",
    "nie",    "nin",   "ning",  "niu",   "nong",  "nou",   "nu",    "nuan",  "nuo",    "nv",
    "nve",    "la",    "lai",   "lan",   "lang",  "lao",   "le",    "lei",   "leng",   "li",
    "lia",    "lian",  "liang", "liao",  "lie",   "lin",   "ling",  "liu",   "long",   "lou",
    "lu",     "luan",  "lun",   "luo",   "lv",    "lve",   "ga",    "gai",   "gan",    "gang",
    "gao",    "ge",    "gei",   "gen",   "geng",  "gong",  "gou",   "gu",    "gua",    "guai",
    "guan",   "guang", "gui",   "gun",   "guo",   "ka",    "kai",   "kan",   "kang",   "kao",
    "ke",     "ken",   "keng",  "kong",  "kou",   "ku",    "kua",   "kuai",  "kuan",   "kuang",
    "kui",    "kun",   "kuo",   "ha",    "hai",   "han",   "hang",  "hao",   "he",     "hei",
    "hen",    "heng",  "hong",  "hou",   "hu",    "hua",   "huai",  "huan",  "huang",  "hui",
    "hun",    "huo",   "ji",    "jia",   "jian",  "jiang", "jiao",  "jie",   "jin",    "jing",
    "jiong",  "jiu",   "ju",    "juan",  "jue",   "jun",   "qi",    "qia",   "qian",   "qiang",
    "qiao",   "qie",   "qin",   "qing",  "qiong", "qiu",   "qu",    "quan",  "que",    "qun",
    "xi",     "xia",   "xian",  "xiang", "xiao",  "xie",   "xin",   "xing",  "xiong",  "xiu",
    "xu",     "xuan",  "xue",   "xun",   "zha",   "zhai",  "zhan",  "zhang", "zhao",   "zhe",
    "zhei",   "zhen",  "zheng", "zhi",   "zhong", "zhou",  "zhu",   "zhua",  "zhuai",  "zhuan",
    "zhuang", "zhui",  "zhun",  "zhuo",  "cha",   "chai",  "chan",  "chang", "chao",   "che",
    "chen",   "cheng", "chi",   "chong", "chou",  "chu",   "chua",  "chuai", "chuan",  "chuang",
    "chui",   "chun",  "chuo",  "sha",   "shai",  "shan",  "shang", "shao",  "she",    "shei",
    "shen",   "sheng", "shi",   "shou",  "shu",   "shua",  "shuai", "shuan", "shuang", "shui",
    "shun",   "shuo",  "ran",   "rang",  "rao",   "re",    "ren",   "reng",  "ri",     "rong",
    "rou",    "ru",    "ruan",  "rui",   "run",   "ruo",   "za",    "zai",   "zan",    "zang",
    "zao",    "ze",    "zei",   "zen",   "zeng",  "zi",    "zong",  "zou",   "zu",     "zuan",
    "zui",    "zun",   "zuo",   "ca",    "cai",   "can",   "cang",  "cao",   "ce",     "cen",
    "ceng",   "ci",    "cong",  "cou",   "cu",    "cuan",  "cui",   "cun",   "cuo",    "sa",
    "sai",    "san",   "sang",  "sao",   "se",    "sen",   "seng",  "si",    "song",   "sou",
    "su",     "suan",  "sui",   "sun",   "suo",   "ya",    "yan",   "yang",  "yao",    "ye",
    "yi",     "yin",   "ying",  "yong",  "you",   "yu",    "yuan",  "yue",   "yun",    "wa",
    "wai",    "wan",   "wang",  "wei",   "wen",   "weng",  "wo",    "wu",    "e",      "ei",
    "en",     "eng",   "er",    "ou",    "kei",   "nun",   "rua",
};

// Customary spellings of surnames outside the three systems (Hong Kong and Macau Cantonese,
// Hokkien and Teochew in Southeast Asia), with the pinyin of the surname they most often write.
// Only spellings that are not already a spelling of some syllable are used (a collision such as
// Cantonese "chan" = chen vs pinyin chan is skipped, never merged): they add matches, no merges.
constexpr std::pair<std::string_view, std::string_view> kCustomarySurnames[] = {
    {"cheung", "zhang"}, {"leung", "liang"}, {"yeung", "yang"}, {"wong", "huang"},
    {"ng", "wu"},        {"suen", "sun"},    {"lau", "liu"},    {"lam", "lin"},
    {"lee", "li"},       {"kwok", "guo"},    {"kwan", "guan"},  {"fung", "feng"},
    {"choi", "cai"},     {"tsoi", "cai"},    {"chow", "zhou"},  {"chau", "zhou"},
    {"tam", "tan"},      {"kwong", "kuang"}, {"yuen", "yuan"},  {"cheuk", "zhuo"},
    {"leong", "liang"},  {"siu", "xiao"},    {"poon", "pan"},   {"mok", "mo"},
    {"yip", "ye"},       {"yap", "ye"},      {"au", "ou"},      {"ngai", "wei"},
    {"ngan", "yan"},     {"shek", "shi"},    {"sze", "shi"},    {"law", "luo"},
    {"mak", "mai"},      {"mui", "mei"},     {"fok", "huo"},    {"shum", "cen"},
    {"yim", "yan"},      {"yiu", "yao"},     {"lim", "lin"},    {"teo", "zhang"},
    {"goh", "wu"},       {"koh", "xu"},      {"yeo", "yang"},   {"quek", "guo"},
    {"khoo", "qiu"},     {"ooi", "huang"},   {"oei", "huang"},  {"seah", "xie"},
    {"phua", "pan"},     {"ong", "wang"},    {"sim", "shen"},   {"tsang", "zeng"},
};

bool In(std::string_view x, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), x) != set.end();
}

struct Syllable {
  std::string_view initial;  // "" for syllables spelled from y, w or a vowel
  std::string final;         // u-umlaut finals written with 'v' ("v", "ve", "van", "vn")
};

Syllable SplitSyllable(std::string_view s) {
  for (std::string_view ini : {"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l",
                               "g",  "k",  "h",  "j", "q", "x", "r", "z", "c", "s"}) {
    if (s.substr(0, ini.size()) != ini) continue;
    std::string fin(s.substr(ini.size()));
    if (In(ini, {"j", "q", "x"}) && !fin.empty() && fin[0] == 'u') fin[0] = 'v';
    return {ini, fin};
  }
  return {"", std::string(s)};
}

// Spellings of y-, w- and vowel-initial syllables, which no system builds from initial + final.
std::vector<std::string> WholeSyllable(std::string_view s, bool palladius) {
  static const std::unordered_map<std::string_view, std::pair<std::string_view, std::string_view>>
      kTable = {
          // pinyin  {Wade-Giles, Palladius-BGN}
          {"yi", {"i", "i"}},         {"ya", {"ya", "ya"}},      {"yao", {"yao", "yao"}},
          {"ye", {"yeh", "ye"}},      {"you", {"yu", "yu"}},     {"yan", {"yen", "yan"}},
          {"yin", {"yin", "in"}},     {"yang", {"yang", "yan"}}, {"ying", {"ying", "in"}},
          {"yong", {"yung", "yun"}},  {"yu", {"yu", "yuy"}},     {"yue", {"yueh", "yue"}},
          {"yuan", {"yuan", "yuan"}}, {"yun", {"yun", "yun"}},   {"wu", {"wu", "u"}},
          {"wa", {"wa", "va"}},       {"wo", {"wo", "vo"}},      {"wai", {"wai", "vay"}},
          {"wei", {"wei", "vey"}},    {"wan", {"wan", "van"}},   {"wen", {"wen", "ven"}},
          {"wang", {"wang", "van"}},  {"weng", {"weng", "ven"}}, {"a", {"a", "a"}},
          {"ai", {"ai", "ay"}},       {"an", {"an", "an"}},      {"ang", {"ang", "an"}},
          {"ao", {"ao", "ao"}},       {"e", {"o", "e"}},         {"ei", {"ei", "ey"}},
          {"en", {"en", "en"}},       {"eng", {"eng", "en"}},    {"er", {"erh", "er"}},
          {"ou", {"ou", "ou"}},
      };
  const auto it = kTable.find(s);
  if (it == kTable.end()) return {};
  if (palladius) return {std::string(it->second.second)};
  std::vector<std::string> out = {std::string(it->second.first)};
  if (s == "e") out.push_back("e");  // Wade-Giles writes it "o" or "ê"
  return out;
}

// Wade-Giles spellings as lists and passports write them: no aspiration apostrophe, no umlaut,
// no circumflex ("Ch'en" -> "chen", "Hsü" -> "hsu", "Hsieh", "Tzu", "Ssu").
std::vector<std::string> WadeGiles(std::string_view syllable) {
  const Syllable s = SplitSyllable(syllable);
  if (s.initial.empty()) return WholeSyllable(syllable, /*palladius=*/false);
  const std::string_view ini = s.initial;
  const std::string& fin = s.final;
  if (In(ini, {"z", "c"}) && fin == "i") return {"tzu"};
  if (ini == "s" && fin == "i") return {"ssu", "szu"};
  std::vector<std::string> initials;
  if (In(ini, {"b", "p"}))
    initials = {"p"};
  else if (In(ini, {"d", "t"}))
    initials = {"t"};
  else if (In(ini, {"g", "k"}))
    initials = {"k"};
  else if (In(ini, {"j", "q", "zh", "ch"}))
    initials = {"ch"};
  else if (ini == "x")
    initials = {"hs"};
  else if (ini == "r")
    initials = {"j"};
  else if (In(ini, {"z", "c"}))
    initials = {"ts"};
  else
    initials = {std::string(ini)};
  std::vector<std::string> finals;
  if (fin == "i")
    finals = {In(ini, {"zh", "ch", "sh", "r"}) ? "ih" : "i"};
  else if (fin == "e")
    finals = {In(ini, {"g", "k", "h"}) ? "o" : "e"};
  else if (fin == "ie")
    finals = {"ieh"};
  else if (fin == "ian")
    finals = {"ien"};
  else if (fin == "ong")
    finals = {"ung"};
  else if (fin == "iong")
    finals = {"iung"};
  else if (fin == "uo")
    finals = {In(ini, {"g", "k", "h", "sh"}) ? "uo" : "o"};
  else if (fin == "ui")
    finals = In(ini, {"g", "k"}) ? std::vector<std::string>{"uei", "ui"}
                                 : std::vector<std::string>{"ui"};
  else if (fin == "v")
    finals = {"u"};
  else if (fin == "ve")
    finals = {"ueh"};
  else if (fin == "van")
    finals = {"uan"};
  else if (fin == "vn")
    finals = {"un"};
  else
    finals = {fin};
  // Taiwan also writes ts as tz ("Tzeng"); not before u, where "tzu" is zi and ci.
  if (In(ini, {"z", "c"}) && fin != "u") initials.push_back("tz");
  std::vector<std::string> out;
  for (const std::string& i : initials)
    for (const std::string& f : finals) out.push_back(i + f);
  return out;
}

// Palladius Cyrillic as ICU Russian-Latin/BGN writes it, soft signs and the dots BGN puts between
// ambiguous letter pairs dropped: Цзиньпин -> "tszinpin", Чжоу -> "chzhou", Сюй -> "syuy".
std::vector<std::string> PalladiusBgn(std::string_view syllable) {
  const Syllable s = SplitSyllable(syllable);
  if (s.initial.empty()) return WholeSyllable(syllable, /*palladius=*/true);
  const std::string_view ini = s.initial;
  const std::string& fin = s.final;
  static const std::unordered_map<std::string_view, std::string_view> kInitials = {
      {"h", "kh"}, {"j", "tsz"}, {"q", "ts"}, {"x", "s"},   {"zh", "chzh"},
      {"r", "zh"}, {"z", "tsz"}, {"c", "ts"}, {"ch", "ch"}, {"sh", "sh"},
  };
  static const std::unordered_map<std::string_view, std::string_view> kFinals = {
      {"ai", "ay"},    {"ei", "ey"},    {"ang", "an"},   {"eng", "en"}, {"ong", "un"},
      {"ia", "ya"},    {"iao", "yao"},  {"ie", "e"},     {"iu", "yu"},  {"ian", "yan"},
      {"iang", "yan"}, {"ing", "in"},   {"iong", "yun"}, {"uo", "o"},   {"uai", "uay"},
      {"ui", "uy"},    {"uang", "uan"}, {"v", "yuy"},    {"ve", "yue"}, {"van", "yuan"},
      {"vn", "yun"},
  };
  const auto i_it = kInitials.find(ini);
  std::string out(i_it == kInitials.end() ? ini : i_it->second);
  if (fin == "i") {
    out += In(ini, {"z", "c", "s"}) ? "y" : "i";
  } else if (fin == "ui" && ini == "h") {
    out += "uey";  // Хуэй
  } else {
    const auto f_it = kFinals.find(fin);
    out += f_it == kFinals.end() ? std::string_view(fin) : f_it->second;
  }
  return {out};
}

std::string PinyinAscii(std::string_view syllable) {
  std::string out(syllable);
  std::replace(out.begin(), out.end(), 'v', 'u');
  return out;
}

// Spelling -> the pinyin spelling that stands for its merge class.
struct SoundTable {
  std::unordered_map<std::string, std::string> class_of_spelling;
  // Spelling -> the syllables (indexes into kPinyinSyllables) it writes in a system Latin lists
  // use: pinyin, Wade-Giles, the customary surname spellings (not Palladius: "khan" is not han).
  std::unordered_map<std::string, std::vector<uint16_t>> latin_syllables_of_spelling;
  size_t max_spelling = 0;
};

size_t Find(std::vector<size_t>& parent, size_t x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

SoundTable BuildSoundTable() {
  constexpr size_t kCount = std::size(kPinyinSyllables);
  // Every spelling of every syllable in every system, with the syllables it can stand for.
  std::unordered_map<std::string, std::vector<size_t>> readings;
  // The same, for the systems a Latin list writes (pinyin, Wade-Giles; not Palladius).
  std::unordered_map<std::string, std::vector<uint16_t>> latin_readings;
  for (size_t i = 0; i < kCount; ++i) {
    const std::string_view syl = kPinyinSyllables[i];
    std::vector<std::string> spellings = {PinyinAscii(syl)};
    if (syl.find('v') != std::string_view::npos) spellings.emplace_back(syl);  // "lv", "nve"
    for (std::string& w : WadeGiles(syl)) spellings.push_back(std::move(w));
    const size_t latin_systems = spellings.size();
    for (std::string& p : PalladiusBgn(syl)) spellings.push_back(std::move(p));
    for (size_t k = 0; k < spellings.size(); ++k) {
      std::vector<size_t>& r = readings[spellings[k]];
      if (std::find(r.begin(), r.end(), i) == r.end()) r.push_back(i);
      if (k >= latin_systems) continue;
      std::vector<uint16_t>& l = latin_readings[spellings[k]];
      if (std::find(l.begin(), l.end(), i) == l.end()) l.push_back(static_cast<uint16_t>(i));
    }
  }
  // Syllables sharing a spelling cannot be told apart: merge them.
  std::vector<size_t> parent(kCount);
  std::iota(parent.begin(), parent.end(), size_t{0});
  for (const auto& [spelling, syllables] : readings)
    for (size_t s : syllables) parent[Find(parent, s)] = Find(parent, syllables.front());
  // Each class is named by its member listed first (xi before si, an before ang), so that the
  // names of two syllables joined mostly spell the name of the syllable they also read as
  // ("xi" + "an" = "xian").
  std::vector<std::string> name(kCount);
  for (size_t i = 0; i < kCount; ++i) {
    std::string& n = name[Find(parent, i)];
    if (n.empty()) n = PinyinAscii(kPinyinSyllables[i]);
  }
  SoundTable table;
  for (const auto& [spelling, syllables] : readings) {
    table.class_of_spelling[spelling] = name[Find(parent, syllables.front())];
    table.max_spelling = std::max(table.max_spelling, spelling.size());
  }
  table.latin_syllables_of_spelling = std::move(latin_readings);
  for (const auto& [spelling, pinyin] : kCustomarySurnames) {
    const std::string key(spelling);
    if (table.class_of_spelling.count(key) != 0) continue;
    const auto it = table.class_of_spelling.find(std::string(pinyin));
    if (it == table.class_of_spelling.end()) continue;
    table.class_of_spelling[key] = it->second;
    const auto syl = std::find(std::begin(kPinyinSyllables), std::end(kPinyinSyllables), pinyin);
    if (syl != std::end(kPinyinSyllables))
      table.latin_syllables_of_spelling[key] = {
          static_cast<uint16_t>(syl - std::begin(kPinyinSyllables))};
    table.max_spelling = std::max(table.max_spelling, key.size());
  }
  return table;
}

const SoundTable& Sounds() {
  static const SoundTable table = BuildSoundTable();
  return table;
}

// ---------------------------------------------------------------------------------------------
// Chinese syllables as Korean writes them: the National Institute of Korean Language's standard
// (외래어 표기법, the table of Chinese zhuyin/pinyin and Hangul), in Revised Romanization as
// HangulToLatin spells each Hangul syllable letter for letter.

// The standard's Hangul for a pinyin syllable, romanised: peng 펑 "peong", xi 시 "si", shi 스
// "seu", jiang 장 "jang" (after ㅈ, ㅉ, ㅊ the standard writes ya, ye, yo, yu as a, e, o, u),
// guo 궈 "gwo", hui 후이 "hui", yuan 위안 "wian".
std::string KoreanStandardSpelling(std::string_view syllable) {
  static const std::unordered_map<std::string_view, std::string_view> kWhole = {
      {"yi", "i"},    {"ya", "ya"},     {"ye", "ye"},     {"yao", "yao"},  {"you", "yu"},
      {"yan", "yen"}, {"yin", "in"},    {"yang", "yang"}, {"ying", "ing"}, {"yong", "yung"},
      {"yu", "wi"},   {"yue", "we"},    {"yuan", "wian"}, {"yun", "win"},  {"wu", "u"},
      {"wa", "wa"},   {"wo", "wo"},     {"wai", "wai"},   {"wei", "wei"},  {"wan", "wan"},
      {"wen", "won"}, {"wang", "wang"}, {"weng", "wong"}, {"a", "a"},      {"ai", "ai"},
      {"an", "an"},   {"ang", "ang"},   {"ao", "ao"},     {"e", "eo"},     {"ei", "ei"},
      {"en", "eon"},  {"eng", "eong"},  {"er", "eol"},    {"ou", "eou"},
  };
  static const std::unordered_map<std::string_view, std::string_view> kInitials = {
      {"b", "b"},  {"p", "p"},   {"m", "m"},  {"f", "p"}, {"d", "d"},  {"t", "t"},  {"n", "n"},
      {"l", "r"},  {"g", "g"},   {"k", "k"},  {"h", "h"}, {"j", "j"},  {"q", "ch"}, {"x", "s"},
      {"zh", "j"}, {"ch", "ch"}, {"sh", "s"}, {"r", "r"}, {"z", "jj"}, {"c", "ch"}, {"s", "ss"},
  };
  static const std::unordered_map<std::string_view, std::string_view> kFinals = {
      {"a", "a"},      {"o", "o"},       {"e", "eo"},     {"ai", "ai"},  {"ei", "ei"},
      {"ao", "ao"},    {"ou", "eou"},    {"an", "an"},    {"en", "eon"}, {"ang", "ang"},
      {"eng", "eong"}, {"ong", "ung"},   {"i", "i"},      {"ia", "ya"},  {"ie", "ye"},
      {"iao", "yao"},  {"iu", "yu"},     {"ian", "yen"},  {"in", "in"},  {"iang", "yang"},
      {"ing", "ing"},  {"iong", "yung"}, {"u", "u"},      {"ua", "wa"},  {"uo", "wo"},
      {"uai", "wai"},  {"ui", "ui"},     {"uan", "wan"},  {"un", "un"},  {"uang", "wang"},
      {"v", "wi"},     {"ve", "we"},     {"van", "wian"}, {"vn", "win"},
  };
  const Syllable s = SplitSyllable(syllable);
  if (s.initial.empty()) {
    const auto it = kWhole.find(syllable);
    return it == kWhole.end() ? std::string() : std::string(it->second);
  }
  const auto ini = kInitials.find(s.initial);
  const auto fin = kFinals.find(s.final);
  if (ini == kInitials.end() || fin == kFinals.end()) return "";
  std::string_view vowel = fin->second;
  // The apical i of zhi, chi, shi, ri, zi, ci, si is 으.
  if (s.final == "i" && In(s.initial, {"zh", "ch", "sh", "r", "z", "c", "s"})) vowel = "eu";
  // After ㅈ, ㅉ, ㅊ: 쟈 -> 자, 졔 -> 제, 쥬 -> 주 (jiang 장, jie 제, qiu 추).
  if (In(ini->second, {"j", "jj", "ch"}) && vowel.size() > 1 && vowel[0] == 'y')
    vowel.remove_prefix(1);
  return std::string(ini->second) + std::string(vowel);
}

// Korean spelling -> the sound classes (SoundTable names) of the syllables the standard writes
// so, sorted ("jang" -> jiang, zhang).
struct KoreanReadings {
  std::unordered_map<std::string, std::vector<std::string>> classes_of_spelling;
  std::unordered_map<std::string, std::vector<uint16_t>> syllables_of_spelling;
  size_t max_spelling = 0;
};

const KoreanReadings& KoreanReadingsTable() {
  static const KoreanReadings table = [] {
    KoreanReadings t;
    const SoundTable& sounds = Sounds();
    for (size_t i = 0; i < std::size(kPinyinSyllables); ++i) {
      const std::string_view syl = kPinyinSyllables[i];
      const std::string spelling = KoreanStandardSpelling(syl);
      const auto cls = sounds.class_of_spelling.find(PinyinAscii(syl));
      if (spelling.empty() || cls == sounds.class_of_spelling.end()) continue;
      std::vector<std::string>& classes = t.classes_of_spelling[spelling];
      if (std::find(classes.begin(), classes.end(), cls->second) == classes.end())
        classes.push_back(cls->second);
      t.syllables_of_spelling[spelling].push_back(static_cast<uint16_t>(i));
      t.max_spelling = std::max(t.max_spelling, spelling.size());
    }
    for (auto& [spelling, classes] : t.classes_of_spelling)
      std::sort(classes.begin(), classes.end());
    return t;
  }();
  return table;
}

// ---------------------------------------------------------------------------------------------
// Organisation names.

struct HanEntry {
  std::string english;  // lower-case ASCII words; "" drops the piece
  bool organisation_term = false;
  bool head = false;  // an organisation term that can end a name: 公司, 局, 大学, not 全国
};

struct HanDictionary {
  std::unordered_map<std::u32string, HanEntry> entries;
  size_t max_length = 0;
};

std::u32string CodePoints(std::string_view utf8) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::u32string out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) out += u.char32At(i);
  return out;
}

// Lower-case ASCII words of `text`, single-spaced; apostrophes vanish ("people's" -> "peoples").
std::string CleanWords(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    const char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += l;
    } else if (l != '\'') {
      space = true;
    }
  }
  return out;
}

icu::Transliterator* HanToPinyin() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        u"Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, parse_error, status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  return transliterator.get();
}

// Pinyin of some Han characters as one word ("中关村" -> "zhongguancun").
std::string PinyinWord(std::u32string_view han) {
  std::string utf8;
  for (char32_t c : han) icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(utf8);
  std::string out;
  for (const std::string& syllable : HanSyllables(utf8)) out += syllable;
  return out;
}

// Lines "han<TAB>english[<TAB>mark]"; places may leave english empty (then it is the pinyin,
// joined). Mark "-": a term that is no organisation word on its own; "m": an organisation word
// that does not end a name (全国, 建设), and is also a given name.
void AddTable(std::string_view text, bool places, HanDictionary& dict) {
  for (std::string_view line : TableLines(text)) {
    const std::vector<std::string> columns = Split(line, "\t", /*skip_empty=*/false);
    if (columns.empty()) continue;
    const std::u32string han = CodePoints(Trim(columns[0]));
    if (han.empty()) continue;
    HanEntry entry;
    entry.english = columns.size() > 1 ? CleanWords(columns[1]) : "";
    if (entry.english.empty() && places) entry.english = PinyinWord(han);
    const std::string_view mark = columns.size() > 2 ? Trim(columns[2]) : std::string_view();
    entry.organisation_term = !places && mark != "-";
    entry.head = entry.organisation_term && mark != "m";
    dict.max_length = std::max(dict.max_length, han.size());
    dict.entries[han] = std::move(entry);  // a later line overrides an earlier one
  }
}

const HanDictionary& Dictionary() {
  static const HanDictionary dict = [] {
    HanDictionary d;
    AddTable(embedded::k_han_places_tsv, /*places=*/true, d);
    AddTable(embedded::k_han_terms_tsv, /*places=*/false, d);
    return d;
  }();
  return dict;
}

bool IsHan(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN;
}

// Unknown characters in words of two syllables, a last odd one joining the word before it.
void AppendPinyinWords(std::u32string_view han, std::vector<std::string>& words) {
  size_t i = 0;
  while (i < han.size()) {
    const size_t left = han.size() - i;
    const size_t take = left == 3 ? 3 : std::min<size_t>(2, left);
    std::string word = PinyinWord(han.substr(i, take));
    if (!word.empty()) words.push_back(std::move(word));
    i += take;
  }
}

// The longest run of Han characters that is read as a person name when in doubt.
constexpr size_t kPersonNameMaxLength = 3;

struct Piece {
  size_t length = 0;
  const HanEntry* entry = nullptr;  // a place or term
  std::string ordinal;  // or an ordinal number ("第十四" -> "14th"); neither: unknown

  bool known() const { return entry != nullptr || !ordinal.empty(); }
};

int NumeralValue(char32_t c) {
  static constexpr std::u32string_view kDigits = U"零一二三四五六七八九";
  if (c == U'〇') return 0;
  if (c == U'两') return 2;
  const size_t at = kDigits.find(c);
  return at == std::u32string_view::npos ? -1 : static_cast<int>(at);
}

// "第" and a Chinese number at han[i] as the ordinal lists write ("第二十八" -> "28th"), with the
// characters it covers; {0, ""} when there is none.
std::pair<size_t, std::string> OrdinalAt(std::u32string_view han, size_t i) {
  if (han[i] != U'第') return {0, ""};
  int total = 0, current = 0;
  size_t end = i + 1;
  for (; end < han.size() && end - i <= 6; ++end) {
    const char32_t c = han[end];
    if (const int d = NumeralValue(c); d >= 0) {
      current = d;
    } else if (c == U'十' || c == U'百') {
      total += (current == 0 ? 1 : current) * (c == U'十' ? 10 : 100);
      current = 0;
    } else {
      break;
    }
  }
  total += current;
  if (end == i + 1 || total == 0) return {0, ""};
  const int last_two = total % 100;
  const char* suffix = last_two >= 11 && last_two <= 13 ? "th"
                       : total % 10 == 1                ? "st"
                       : total % 10 == 2                ? "nd"
                       : total % 10 == 3                ? "rd"
                                                        : "th";
  return {end - i, std::to_string(total) + suffix};
}

// Segmentation of `han` with the fewest unknown characters, then the fewest pieces.
std::vector<Piece> Segment(const std::u32string& han, const HanDictionary& dict) {
  const size_t n = han.size();
  struct Cost {
    size_t unknown = 0, pieces = 0;
    auto operator<=>(const Cost&) const = default;
  };
  std::vector<Cost> best(n + 1);
  std::vector<Piece> choice(n);
  for (size_t i = n; i-- > 0;) {
    best[i] = {best[i + 1].unknown + 1, best[i + 1].pieces + 1};
    choice[i] = {1, nullptr, ""};
    if (auto [len, ordinal] = OrdinalAt(han, i); len > 0) {
      best[i] = {best[i + len].unknown, best[i + len].pieces + 1};
      choice[i] = {len, nullptr, std::move(ordinal)};
    }
    for (size_t len = 1; len <= dict.max_length && i + len <= n; ++len) {
      const auto it = dict.entries.find(han.substr(i, len));
      if (it == dict.entries.end()) continue;
      const Cost c = {best[i + len].unknown, best[i + len].pieces + 1};
      if (c < best[i] || (c == best[i] && !choice[i].known())) {
        best[i] = c;
        choice[i] = {len, &it->second, ""};
      }
    }
  }
  std::vector<Piece> pieces;
  for (size_t i = 0; i < n; i += choice[i].length) pieces.push_back(std::move(choice[i]));
  return pieces;
}

// Person names are two or three characters, and given names include words such as 全国 or 建设:
// a run that short is an organisation only when it is all terms ("公安局") or ends in a head term
// of two or more characters ("华为公司"). Longer runs need one organisation term.
bool IsOrganisation(size_t characters, const std::vector<Piece>& pieces) {
  bool any_term = false, all_known = true;
  for (const Piece& p : pieces) {
    any_term = any_term || (p.entry != nullptr && p.entry->organisation_term);
    all_known = all_known && p.known();
  }
  if (!any_term) return false;
  if (characters > kPersonNameMaxLength || all_known) return true;
  const Piece& last = pieces.back();
  return last.entry != nullptr && last.entry->head && last.length > 1;
}

}  // namespace

std::optional<std::string> HanOrganisationToLatin(std::string_view utf8_simplified_han) {
  std::u32string han;
  for (char32_t c : CodePoints(utf8_simplified_han))
    if (IsHan(c)) han += c;
  if (han.empty()) return std::nullopt;
  const HanDictionary& dict = Dictionary();
  const std::vector<Piece> pieces = Segment(han, dict);
  if (!IsOrganisation(han.size(), pieces)) return std::nullopt;
  std::vector<std::string> words;
  size_t at = 0;
  size_t unknown_from = 0;
  for (const Piece& p : pieces) {
    if (p.known()) {
      AppendPinyinWords(std::u32string_view(han).substr(unknown_from, at - unknown_from), words);
      const std::string& english = p.entry != nullptr ? p.entry->english : p.ordinal;
      if (!english.empty()) words.push_back(english);
      unknown_from = at + p.length;
    }
    at += p.length;
  }
  AppendPinyinWords(std::u32string_view(han).substr(unknown_from), words);
  return Join(words, " ");
}

std::string ChineseSoundKey(std::string_view ascii_token) {
  const SoundTable& table = Sounds();
  const size_t n = ascii_token.size();
  if (n == 0) return "";
  std::string token(n, ' ');
  for (size_t i = 0; i < n; ++i) {
    const char c = ascii_token[i];
    if (c >= 'A' && c <= 'Z')
      token[i] = static_cast<char>(c - 'A' + 'a');
    else if (c >= 'a' && c <= 'z')
      token[i] = c;
    else
      return "";
  }
  // best[i]: (syllables, key) of the best segmentation of token[i..]; syllables 0 = none.
  std::vector<std::pair<size_t, std::string>> best(n + 1);
  best[n] = {0, ""};
  std::vector<bool> reachable(n + 1, false);
  reachable[n] = true;
  std::string spelling;
  for (size_t i = n; i-- > 0;) {
    for (size_t len = 1; len <= table.max_spelling && i + len <= n; ++len) {
      if (!reachable[i + len]) continue;
      spelling.assign(token, i, len);
      const auto it = table.class_of_spelling.find(spelling);
      if (it == table.class_of_spelling.end()) continue;
      std::pair<size_t, std::string> candidate = {best[i + len].first + 1,
                                                  it->second + best[i + len].second};
      if (!reachable[i] || candidate < best[i]) {
        best[i] = std::move(candidate);
        reachable[i] = true;
      }
    }
  }
  return reachable[0] ? best[0].second : "";
}

std::vector<std::string> ChineseSoundKeysOfKoreanSpelling(std::string_view rr_token,
                                                          size_t max_keys) {
  const KoreanReadings& table = KoreanReadingsTable();
  const size_t n = rr_token.size();
  std::vector<std::string> keys;
  if (n == 0 || max_keys == 0) return keys;
  // fewest[i]: the fewest spellings token[i..] segments into (0 at the end, npos if none).
  constexpr size_t kNone = std::string_view::npos;
  std::vector<size_t> fewest(n + 1, kNone);
  fewest[n] = 0;
  for (size_t i = n; i-- > 0;)
    for (size_t len = 1; len <= table.max_spelling && i + len <= n; ++len)
      if (fewest[i + len] != kNone &&
          table.classes_of_spelling.count(std::string(rr_token.substr(i, len))) != 0)
        fewest[i] = std::min(fewest[i], fewest[i + len] + 1);
  if (fewest[0] == kNone) return keys;
  // Every reading of every segmentation into the fewest spellings (a name has few), then the
  // smallest keys.
  constexpr size_t kMaxReadings = 64;
  std::vector<std::pair<size_t, std::string>> open = {{0, ""}};
  while (!open.empty() && keys.size() < kMaxReadings) {
    auto [at, key] = std::move(open.back());
    open.pop_back();
    if (at == n) {
      keys.push_back(std::move(key));
      continue;
    }
    for (size_t len = 1; len <= table.max_spelling && at + len <= n; ++len) {
      if (fewest[at + len] == kNone || fewest[at + len] + 1 != fewest[at]) continue;
      const auto it = table.classes_of_spelling.find(std::string(rr_token.substr(at, len)));
      if (it == table.classes_of_spelling.end()) continue;
      for (const std::string& cls : it->second) open.emplace_back(at + len, key + cls);
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (keys.size() > max_keys) keys.resize(max_keys);
  return keys;
}

bool KoreanSpellingReadsAs(std::string_view rr_token, std::string_view latin_token) {
  const KoreanReadings& korean = KoreanReadingsTable();
  const SoundTable& sounds = Sounds();
  const size_t n = rr_token.size(), m = latin_token.size();
  if (n == 0 || m == 0) return false;
  // reached[i * (m + 1) + j]: rr_token[..i) and latin_token[..j) read as the same syllables.
  std::vector<bool> reached((n + 1) * (m + 1), false);
  reached[0] = true;
  std::string piece;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < m; ++j) {
      if (!reached[i * (m + 1) + j]) continue;
      for (size_t a = 1; a <= korean.max_spelling && i + a <= n; ++a) {
        piece.assign(rr_token.substr(i, a));
        const auto k = korean.syllables_of_spelling.find(piece);
        if (k == korean.syllables_of_spelling.end()) continue;
        for (size_t b = 1; b <= sounds.max_spelling && j + b <= m; ++b) {
          piece.assign(latin_token.substr(j, b));
          const auto l = sounds.latin_syllables_of_spelling.find(piece);
          if (l == sounds.latin_syllables_of_spelling.end()) continue;
          const bool shared =
              std::find_first_of(k->second.begin(), k->second.end(), l->second.begin(),
                                 l->second.end()) != k->second.end();
          if (shared) reached[(i + a) * (m + 1) + j + b] = true;
        }
      }
    }
  }
  return reached[n * (m + 1) + m];
}

bool IsChineseSyllableSpelling(std::string_view ascii_token) {
  const SoundTable& table = Sounds();
  return ascii_token.size() <= table.max_spelling &&
         table.class_of_spelling.count(std::string(ascii_token)) != 0;
}

std::vector<std::string> HanSyllables(std::string_view utf8_han) {
  std::vector<std::string> syllables;
  icu::Transliterator* t = HanToPinyin();
  if (t == nullptr) return syllables;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8_han);
  t->transliterate(u);
  std::string latin;
  u.toUTF8String(latin);
  std::string current;
  for (char c : latin) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      current += c;
    } else if (!current.empty()) {
      syllables.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) syllables.push_back(std::move(current));
  return syllables;
}

}  // namespace partyscreen
