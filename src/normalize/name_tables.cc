#include "normalize/name_tables.h"

#include <algorithm>

#include "core/strings.h"
#include "normalize/name_normalizer.h"
#include "normalize/sound_fold.h"
#include "normalize/transliterate.h"

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

std::string NormalizedKey(std::string_view written) {
  return Join(TokenizeAscii(ToLatinAscii(written)), " ");
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
    bool latin = true;
    for (char c : line.substr(0, tab)) latin = latin && static_cast<unsigned char>(c) < 0x80;
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
    const std::vector<std::string> words = TokenizeAscii(ToLatinAscii(line.substr(tab + 1)));
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

std::vector<std::string_view> TableLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    const std::string_view trimmed = Trim(line);
    if (!trimmed.empty() && trimmed.front() != '#') lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

const NameTables& DefaultNameTables() {
  static const NameTables tables = ParseTables();
  return tables;
}

}  // namespace partyscreen
