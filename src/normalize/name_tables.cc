#include "normalize/name_tables.h"

#include <algorithm>
#include <optional>

#include "core/strings.h"
#include "core/table_lines.h"
#include "normalize/name_normalizer.h"
#include "normalize/sound_fold.h"
#include "normalize/table_keys.h"
#include "translit/transliterate.h"

namespace partyscreen {

namespace embedded {
extern const std::string_view k_legal_forms_tsv;
extern const std::string_view k_honorifics_txt;
extern const std::string_view k_stopwords_txt;
extern const std::string_view k_qualifiers_txt;
extern const std::string_view k_nonprofit_words_txt;
extern const std::string_view k_abbreviations_tsv;
}  // namespace embedded

namespace {

// ToLatinAscii of a table cell; a non-ASCII one from the build's results (table_keys.h), so that
// making the tables builds no transliterator. A cell the build did not see (it cannot happen
// while tools/make_table_keys.cc reads the cells as this file does) is transliterated here.
std::string LatinOfCell(std::string_view cell) {
  cell = Trim(cell);
  if (std::optional<std::string_view> latin = PrecomputedLatin(cell)) return std::string(*latin);
  return ToLatinAscii(cell);
}

std::string NormalizedKey(std::string_view written) {
  return Join(TokenizeAscii(LatinOfCell(written)), " ");
}

NameTables ParseTables() {
  NameTables t;
  for (std::string_view line : TableLines(embedded::k_legal_forms_tsv)) {
    line = Trim(line);
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    const std::string key = NormalizedKey(line.substr(0, tab));
    if (key.empty()) continue;
    const std::vector<std::string> columns = Split(line.substr(tab + 1), "\t");
    if (columns.empty()) continue;
    // Column 3: marks, space-separated: "start" (also at a name's start), "glued" (may be written
    // together with the name's first word).
    const std::vector<std::string> marks =
        columns.size() > 1 ? Split(columns[1], " ") : std::vector<std::string>{};
    const bool at_start = std::find(marks.begin(), marks.end(), "start") != marks.end();
    const bool glued = std::find(marks.begin(), marks.end(), "glued") != marks.end();
    if (std::find(marks.begin(), marks.end(), "nonprofit") != marks.end())
      t.nonprofit_forms.insert(columns[0]);
    t.legal_forms.emplace(key, NameTables::LegalForm{columns[0], at_start});
    if (at_start && glued && key.find(' ') == std::string::npos) t.glued_start_forms.push_back(key);
    const std::vector<std::string> words = Split(key, " ");
    t.max_legal_form_tokens = std::max(t.max_legal_form_tokens, words.size());
    const bool latin = IsAscii(line.substr(0, tab));
    for (const std::string& w : words)
      if (latin && w.size() >= 3) t.legal_words.Set(w, true);
    if (latin && words.size() == 1 && key.size() >= 7) t.long_legal_words.push_back(key);
    if (latin && words.size() == 1 && key.size() >= 4 && key.size() < 7)
      t.short_legal_words.push_back(key);
    for (const std::string& w : words) t.form_words.Set(w, true);
    if (latin && words.size() >= 2) t.multi_word_forms.push_back({words, columns[0], at_start});
    if (latin && words.size() >= 2)
      for (const std::string& w : words)
        if (w.size() >= 7) t.long_multi_form_words.push_back(w);
    if (latin && words.size() >= 2) t.compact_legal_forms.emplace(Join(words, ""), key);
    if (latin && words.size() == 1 && key.size() >= 2 && key.size() <= 5)
      t.spaced_legal_forms.emplace(key, key);
  }
  for (std::string_view line : TableLines(embedded::k_honorifics_txt))
    t.honorifics.Set(SoundFold(NormalizedKey(Trim(line))), true);
  for (std::string_view line : TableLines(embedded::k_stopwords_txt)) {
    const size_t tab = line.find('\t');
    const bool joins = tab != std::string_view::npos && Trim(line.substr(tab + 1)) == "joins";
    t.stopwords.Set(NormalizedKey(Trim(line.substr(0, tab))), joins);
  }
  for (std::string_view line : TableLines(embedded::k_qualifiers_txt))
    t.qualifiers.Set(NormalizedKey(Trim(line)), true);
  for (std::string_view line : TableLines(embedded::k_nonprofit_words_txt))
    t.nonprofit_words.Set(NormalizedKey(Trim(line)), true);
  for (std::string_view line : TableLines(embedded::k_abbreviations_tsv)) {
    line = Trim(line);
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    const std::string key = NormalizedKey(line.substr(0, tab));
    const std::vector<std::string> words = TokenizeAscii(LatinOfCell(line.substr(tab + 1)));
    if (key.empty() || key.find(' ') != std::string::npos || words.empty()) continue;
    t.abbreviations.emplace(key, words);
  }
  for (std::vector<std::string>* v : {&t.long_legal_words, &t.long_multi_form_words}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  return t;
}

}  // namespace

const NameTables& DefaultNameTables() {
  static const NameTables tables = ParseTables();
  return tables;
}

}  // namespace partyscreen
