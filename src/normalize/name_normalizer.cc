#include "normalize/name_normalizer.h"

#include <algorithm>

#include "core/strings.h"
#include "normalize/country.h"
#include "normalize/name_tables.h"
#include "normalize/transliterate.h"

namespace partyscreen {

std::string NormalizedName::Display() const {
  std::string out = Join(tokens, " ");
  for (const std::string& f : legal_forms) out += (out.empty() ? "[" : " [") + f + "]";
  return out;
}

std::vector<std::string> TokenizeAscii(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      current += c;
    } else if ((c == '\'' || c == '`') && !current.empty()) {
      continue;  // inside a word: o'brien -> obrien
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

bool IsStopword(std::string_view token) {
  const auto& stop = DefaultNameTables().stopwords;
  return stop.find(std::string(token)) != stop.end();
}

bool IsLegalWord(std::string_view token) {
  const auto& words = DefaultNameTables().legal_words;
  return words.find(std::string(token)) != words.end();
}

bool IsPlaceQualifier(std::string_view token) {
  const auto& q = DefaultNameTables().qualifiers;
  if (q.find(std::string(token)) != q.end()) return true;
  return token.size() >= 4 && !CountryCode(token).empty();
}

namespace {

// Length (in tokens) of the longest legal form starting at `begin` (forward) or ending at `end`
// (backward), with its code; 0 when none.
size_t LegalFormAt(const std::vector<std::string>& tokens, size_t begin, size_t end, bool from_end,
                   std::string* code) {
  const NameTables& t = DefaultNameTables();
  const size_t available = end - begin;
  for (size_t n = std::min(t.max_legal_form_tokens, available); n >= 1; --n) {
    std::string key;
    const size_t first = from_end ? end - n : begin;
    for (size_t i = first; i < first + n; ++i) {
      if (!key.empty()) key += ' ';
      key += tokens[i];
    }
    auto it = t.legal_forms.find(key);
    if (it != t.legal_forms.end() && (from_end || it->second.at_start)) {
      *code = it->second.code;
      return n;
    }
  }
  return 0;
}

}  // namespace

NormalizedName NormalizeName(std::string_view name, Schema schema) {
  NormalizedName out;
  std::vector<std::string> tokens = TokenizeAscii(ToLatinAscii(name));
  size_t begin = 0;
  size_t end = tokens.size();
  if (schema == Schema::kPerson || schema == Schema::kUnknown) {
    const auto& honorifics = DefaultNameTables().honorifics;
    while (end - begin > 1 && honorifics.count(tokens[begin]))
      out.dropped.push_back(tokens[begin++]);
  }
  if (schema != Schema::kPerson) {
    // Legal forms at the end (repeatedly: "co ltd", "jsc co"), then at the start ("ooo romashka"),
    // never consuming the last name word.
    std::vector<std::string> trailing;
    std::string code;
    while (end - begin > 1) {
      const size_t n = LegalFormAt(tokens, begin, end, /*from_end=*/true, &code);
      if (n == 0 || n >= end - begin) break;
      trailing.insert(trailing.begin(), code);
      end -= n;
    }
    while (end - begin > 1) {
      const size_t n = LegalFormAt(tokens, begin, end, /*from_end=*/false, &code);
      if (n == 0 || n >= end - begin) break;
      out.legal_forms.push_back(code);
      begin += n;
    }
    out.legal_forms.insert(out.legal_forms.end(), trailing.begin(), trailing.end());
  }
  out.tokens.assign(std::make_move_iterator(tokens.begin() + begin),
                    std::make_move_iterator(tokens.begin() + end));
  return out;
}

}  // namespace partyscreen
