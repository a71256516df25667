#include "translit/han_names.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "translit/transliterate.h"

namespace partyscreen {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : ToLatinAscii(text)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      current += c;
    } else if (c != '\'' && !current.empty()) {  // apostrophes vanish inside words
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

std::set<std::string> WordSet(std::string_view text) {
  const std::vector<std::string> w = Words(text);
  return {w.begin(), w.end()};
}

// The protocol of the cross-script pairs: every token of the non-Latin side (transliterated)
// has a non-empty key equal to that of a Latin token or of two neighbouring Latin tokens joined.
bool KeysMatch(std::string_view non_latin, std::string_view latin) {
  const std::vector<std::string> b = Words(latin);
  std::set<std::string> b_keys;
  for (size_t i = 0; i < b.size(); ++i) {
    b_keys.insert(ChineseSoundKey(b[i]));
    if (i + 1 < b.size()) b_keys.insert(ChineseSoundKey(b[i] + b[i + 1]));
  }
  b_keys.erase("");
  const std::vector<std::string> a = Words(non_latin);
  if (a.empty()) return false;
  for (const std::string& token : a) {
    const std::string key = ChineseSoundKey(token);
    if (key.empty() || b_keys.count(key) == 0) return false;
  }
  return true;
}

TEST(ChineseSoundKey, WadeGilesMeetsPinyin) {
  EXPECT_EQ(ChineseSoundKey("chiahao"), ChineseSoundKey("jiahao"));
  EXPECT_EQ(ChineseSoundKey("chihchiang"), ChineseSoundKey("zhiqiang"));
  EXPECT_EQ(ChineseSoundKey("hsi"), ChineseSoundKey("xi"));
  EXPECT_EQ(ChineseSoundKey("hsieh"), ChineseSoundKey("xie"));
  EXPECT_EQ(ChineseSoundKey("tsetung"), ChineseSoundKey("zedong"));
  EXPECT_EQ(ChineseSoundKey("kuo"), ChineseSoundKey("guo"));
  EXPECT_EQ(ChineseSoundKey("jen"), ChineseSoundKey("ren"));
  EXPECT_EQ(ChineseSoundKey("tzu"), ChineseSoundKey("zi"));
  EXPECT_EQ(ChineseSoundKey("ssu"), ChineseSoundKey("si"));
  EXPECT_EQ(ChineseSoundKey("yen"), ChineseSoundKey("yan"));
  EXPECT_EQ(ChineseSoundKey("kuei"), ChineseSoundKey("gui"));
  EXPECT_EQ(ChineseSoundKey("CHEN"), ChineseSoundKey("chen"));
  EXPECT_FALSE(ChineseSoundKey("chen").empty());
}

TEST(ChineseSoundKey, PalladiusAsBgnWritesIt) {
  EXPECT_EQ(ChineseSoundKey("tsyuango"), ChineseSoundKey("quanguo"));  // Цюаньго
  EXPECT_EQ(ChineseSoundKey("si"), ChineseSoundKey("xi"));             // Си
  EXPECT_EQ(ChineseSoundKey("tszinpin"), ChineseSoundKey("jinping"));  // Цзиньпин
  EXPECT_EQ(ChineseSoundKey("chzhou"), ChineseSoundKey("zhou"));       // Чжоу
  EXPECT_EQ(ChineseSoundKey("syuy"), ChineseSoundKey("xu"));           // Сюй
  EXPECT_EQ(ChineseSoundKey("khuey"), ChineseSoundKey("hui"));         // Хуэй
  EXPECT_EQ(ChineseSoundKey("van"), ChineseSoundKey("wang"));          // Ван
  EXPECT_EQ(ChineseSoundKey("sy"), ChineseSoundKey("si"));             // Сы
  EXPECT_EQ(ChineseSoundKey("tszedun"), ChineseSoundKey("zedong"));    // Цзэдун
}

TEST(ChineseSoundKey, RealCyrillicThroughTheTransliterator) {
  EXPECT_TRUE(KeysMatch("Чэнь Цюаньго", "Chen Quanguo"));
  EXPECT_TRUE(KeysMatch("Си Цзиньпин", "Xi Jinping"));
  EXPECT_TRUE(KeysMatch("Мао Цзэдун", "Mao Zedong"));
  EXPECT_TRUE(KeysMatch("Чжоу Эньлай", "Zhou Enlai"));
  EXPECT_TRUE(KeysMatch("Ли Кэцян", "Li Keqiang"));
  EXPECT_TRUE(KeysMatch("Ху Цзиньтао", "Hu Jintao"));
  EXPECT_TRUE(KeysMatch("Вэнь Цзябао", "Wen Jiabao"));
  EXPECT_TRUE(KeysMatch("Дэн Сяопин", "Deng Xiaoping"));
  EXPECT_TRUE(KeysMatch("Ян Цзечи", "Yang Jiechi"));
  EXPECT_TRUE(KeysMatch("Сюй Цилян", "Xu Qiliang"));
  EXPECT_TRUE(KeysMatch("Чжао Лэцзи", "Zhao Leji"));
  EXPECT_FALSE(KeysMatch("Си Цзиньпин", "Li Jinping"));
  EXPECT_FALSE(KeysMatch("Ху Цзиньтао", "Xu Jintao"));
}

TEST(ChineseSoundKey, HanNamesMeetTheirRomanisations) {
  EXPECT_TRUE(KeysMatch("习近平", "Xi Jinping"));
  EXPECT_TRUE(KeysMatch("習近平", "Hsi Chin-p'ing"));
  EXPECT_TRUE(KeysMatch("毛泽东", "Mao Tse-tung"));
  EXPECT_TRUE(KeysMatch("陈全国", "CHEN Quanguo"));
  EXPECT_TRUE(KeysMatch("朱家豪", "CHU Chia-hao"));
  EXPECT_TRUE(KeysMatch("吴志强", "WU Chih-chiang"));
  EXPECT_TRUE(KeysMatch("張美玲", "CHEUNG Mei-ling"));  // Hong Kong surname spelling
  EXPECT_TRUE(KeysMatch("林志明", "LIM Chih-ming"));    // Hokkien surname spelling
  EXPECT_FALSE(KeysMatch("习近平", "Li Jinping"));
  EXPECT_FALSE(KeysMatch("李浩宇", "LIU Haoyu"));
  EXPECT_FALSE(KeysMatch("徐浩然", "SU Haoran"));
}

TEST(ChineseSoundKey, NotChineseIsEmpty) {
  EXPECT_EQ(ChineseSoundKey(""), "");
  EXPECT_EQ(ChineseSoundKey("smith"), "");
  EXPECT_EQ(ChineseSoundKey("mohammed"), "");
  EXPECT_EQ(ChineseSoundKey("o'brien"), "");
  EXPECT_EQ(ChineseSoundKey("x"), "");
}

// Chinese names written in Hangul by the Korean standard for Chinese, as HangulToLatin romanises
// them: every token's readings must include the key of the pinyin word.
bool KoreanKeysMeet(std::string_view rr_token, std::string_view pinyin) {
  const std::vector<std::string> keys = ChineseSoundKeysOfKoreanSpelling(rr_token, 4);
  return std::find(keys.begin(), keys.end(), ChineseSoundKey(pinyin)) != keys.end();
}

TEST(ChineseSoundKeysOfKoreanSpelling, TheStandardsSpellings) {
  EXPECT_TRUE(KoreanKeysMeet("si", "xi"));            // 시 (shi is 스)
  EXPECT_TRUE(KoreanKeysMeet("jinping", "jinping"));  // 진핑
  EXPECT_TRUE(KoreanKeysMeet("peong", "peng"));       // 펑
  EXPECT_TRUE(KoreanKeysMeet("seu", "shi"));          // 스: the apical i is 으
  EXPECT_TRUE(KoreanKeysMeet("chu", "qiu"));          // 추: after ㅊ, 츄 is written 추
  EXPECT_TRUE(KoreanKeysMeet("jang", "jiang"));       // 장 is jiang and zhang
  EXPECT_TRUE(KoreanKeysMeet("jang", "zhang"));
  EXPECT_TRUE(KoreanKeysMeet("hujintao", "hujintao"));           // 후진타오
  EXPECT_TRUE(KoreanKeysMeet("cheonchwiangwo", "chenquanguo"));  // 천취안궈: quan is 취안
  EXPECT_TRUE(KoreanKeysMeet("wonjiabao", "wenjiabao"));         // 원자바오
  EXPECT_TRUE(KoreanKeysMeet("maojjeodung", "maozedong"));       // 마오쩌둥
  EXPECT_TRUE(KoreanKeysMeet("deongsyaoping", "dengxiaoping"));  // 덩샤오핑
}

TEST(ChineseSoundKeysOfKoreanSpelling, OtherSyllablesAreOtherNames) {
  EXPECT_FALSE(KoreanKeysMeet("si", "shi"));
  EXPECT_FALSE(KoreanKeysMeet("peong", "pang"));
  EXPECT_FALSE(KoreanKeysMeet("jinping", "jinpeng"));
  // Korean names are mostly not the standard's spellings: no final m, no 은, no 김.
  EXPECT_TRUE(ChineseSoundKeysOfKoreanSpelling("gim", 4).empty());
  EXPECT_TRUE(ChineseSoundKeysOfKoreanSpelling("jeongeun", 4).empty());
  EXPECT_TRUE(ChineseSoundKeysOfKoreanSpelling("", 4).empty());
  // At most max_keys, distinct and sorted.
  const std::vector<std::string> keys = ChineseSoundKeysOfKoreanSpelling("jangchang", 4);
  EXPECT_LE(keys.size(), 4u);
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
}

TEST(KoreanSpellingReadsAs, SyllableBySyllable) {
  EXPECT_TRUE(KoreanSpellingReadsAs("peong", "peng"));
  EXPECT_TRUE(KoreanSpellingReadsAs("peong", "feng"));        // 펑 writes peng and feng
  EXPECT_TRUE(KoreanSpellingReadsAs("jinping", "chinping"));  // Wade-Giles
  EXPECT_TRUE(KoreanSpellingReadsAs("wi", "yu"));
  EXPECT_TRUE(KoreanSpellingReadsAs("jang", "cheung"));  // Hong Kong's spelling of zhang
  // Korean given names whose keys meet a Chinese name's through the classes' merges.
  EXPECT_FALSE(KoreanSpellingReadsAs("yujun", "yurong"));
  EXPECT_FALSE(KoreanSpellingReadsAs("minjun", "mingchung"));
  EXPECT_FALSE(KoreanSpellingReadsAs("", "yu"));
  // Palladius is how Russian writes Chinese, not a Latin list: "Khan" is not 한 (han).
  EXPECT_FALSE(KoreanSpellingReadsAs("han", "khan"));
}

// The key does not depend on where the syllables are cut: "xian" is xian or xi'an.
TEST(ChineseSoundKey, SyllableBoundaries) {
  EXPECT_EQ(ChineseSoundKey("xian"), ChineseSoundKey("hsien"));
  EXPECT_EQ(ChineseSoundKey("xian"), ChineseSoundKey("xi") + ChineseSoundKey("an"));
  EXPECT_EQ(ChineseSoundKey("pingan"), ChineseSoundKey("pinan"));  // Пинань
}

bool SameWords(std::string_view han, std::string_view english) {
  const std::optional<std::string> latin = HanOrganisationToLatin(han);
  if (!latin) return false;
  EXPECT_EQ(WordSet(*latin), WordSet(english)) << han << " -> " << *latin;
  return WordSet(*latin) == WordSet(english);
}

TEST(HanOrganisationToLatin, ListedOrganisations) {
  EXPECT_TRUE(SameWords("新疆警察学院", "Xinjiang Police College"));
  EXPECT_TRUE(SameWords("乌鲁木齐市公安局", "Urumqi Municipal Public Security Bureau"));
  EXPECT_TRUE(SameWords("新疆维吾尔自治区公安厅",
                        "Xinjiang Uighur Autonomous Region Public Security Department"));
  EXPECT_TRUE(SameWords("杭州海康威视数字技术股份有限公司",
                        "Hangzhou Hikvision Digital Technology Co., Ltd."));
  EXPECT_EQ(HanOrganisationToLatin("乌鲁木齐市公安局"), "urumqi municipal public security bureau");
}

TEST(HanOrganisationToLatin, UyghurPlacesTakeTheirEnglishNames) {
  EXPECT_TRUE(SameWords("喀什地区公安局", "Kashgar Prefecture Public Security Bureau"));
  EXPECT_TRUE(SameWords("和田县公安局", "Hotan County Public Security Bureau"));
  EXPECT_TRUE(SameWords("吐鲁番市人民政府", "Turpan Municipal People's Government"));
}

TEST(HanOrganisationToLatin, UnknownProperNamesInPinyinWords) {
  // 百度网讯 is in no table: pinyin words of two syllables, as lists write such names.
  EXPECT_EQ(HanOrganisationToLatin("北京百度网讯科技有限公司"),
            "beijing baidu wangxun technology co ltd");
  EXPECT_EQ(HanOrganisationToLatin("北京中关村科技"), "beijing zhongguan village technology");
}

TEST(HanOrganisationToLatin, OrdinalsAsListsWriteThem) {
  EXPECT_EQ(HanOrganisationToLatin("中国电子科技集团公司第十四研究所"),
            "china electronics technology group corporation 14th research institute");
  EXPECT_EQ(HanOrganisationToLatin("第二十八研究所"), "28th research institute");
  EXPECT_EQ(HanOrganisationToLatin("第一中学"), "1st middle school");
}

TEST(HanOrganisationToLatin, PersonNamesAndPlacesAreNotOrganisations) {
  EXPECT_EQ(HanOrganisationToLatin("陈全国"), std::nullopt);
  EXPECT_EQ(HanOrganisationToLatin("习近平"), std::nullopt);
  EXPECT_EQ(HanOrganisationToLatin("王镇"), std::nullopt);
  EXPECT_EQ(HanOrganisationToLatin("张建设"), std::nullopt);  // 建设 is a given name too
  EXPECT_EQ(HanOrganisationToLatin("公安局"), "public security bureau");
  EXPECT_EQ(HanOrganisationToLatin("华为公司"), "huawei company");
  EXPECT_EQ(HanOrganisationToLatin("乌鲁木齐"), std::nullopt);
  EXPECT_EQ(HanOrganisationToLatin(""), std::nullopt);
  EXPECT_EQ(HanOrganisationToLatin("ABC"), std::nullopt);
}

// Minimal reader for the flat one-line JSON objects of the pairs file.
std::string Field(const std::string& line, const std::string& name) {
  const std::string tag = "\"" + name + "\": \"";
  size_t at = line.find(tag);
  if (at == std::string::npos) return "";
  std::string out;
  for (at += tag.size(); at < line.size() && line[at] != '"'; ++at) {
    if (line[at] == '\\' && at + 1 < line.size()) ++at;
    out += line[at];
  }
  return out;
}

// Recall on "zh" pairs and false matches on "zh_neg" pairs of the development file (printed).
// Measured: recall 0.965 (139/144), false match 0.028 (4/144). The four "false" matches are
// negatives whose substituted surname is in fact a spelling of the same character (陳 = CHÉN,
// 吴 = WU, 杨/楊 = Cantonese YEUNG), so the ceiling sits above them; the misses are Cantonese
// spellings that collide with Wade-Giles or pinyin syllables (陳 CHAN, 趙 CHIU), left out on
// purpose because merging them would merge 陈 with 张 or 赵 with 邱.
TEST(ChineseSoundKey, CrossScriptPairsDev) {
  std::ifstream in(std::string(PARTYSCREEN_SHARED_DIR) + "/eval/xscript_pairs_dev.jsonl");
  ASSERT_TRUE(in) << "no xscript_pairs_dev.jsonl";
  int pos = 0, hits = 0, neg = 0, false_hits = 0;
  std::string line;
  while (std::getline(in, line)) {
    const std::string kind = Field(line, "kind");
    if (kind != "zh" && kind != "zh_neg") continue;
    const bool matched = KeysMatch(Field(line, "a"), Field(line, "b"));
    if (kind == "zh") {
      ++pos;
      hits += matched;
      if (!matched && std::getenv("HAN_NAMES_VERBOSE"))
        std::printf("miss: %s | %s\n", Field(line, "a").c_str(), Field(line, "b").c_str());
    } else {
      ++neg;
      false_hits += matched;
      if (matched && std::getenv("HAN_NAMES_VERBOSE"))
        std::printf("false: %s | %s\n", Field(line, "a").c_str(), Field(line, "b").c_str());
    }
  }
  ASSERT_GT(pos, 0);
  ASSERT_GT(neg, 0);
  const double recall = static_cast<double>(hits) / pos;
  const double false_rate = static_cast<double>(false_hits) / neg;
  std::printf("zh pairs: recall %.3f (%d/%d), false match %.3f (%d/%d)\n", recall, hits, pos,
              false_rate, false_hits, neg);
  EXPECT_GE(recall, 0.95);
  EXPECT_LE(false_rate, 0.035);
}

}  // namespace
}  // namespace partyscreen
