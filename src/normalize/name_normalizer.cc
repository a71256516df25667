#include "normalize/name_normalizer.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <climits>

#include "core/strings.h"
#include "normalize/country.h"
#include "normalize/name_tables.h"
#include "normalize/sound_fold.h"
#include "translit/transliterate.h"

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
    } else if ((c == '\'' || c == '`' || c == '"') && !current.empty()) {
      continue;  // inside a word: o'brien -> obrien; BGN's soft and hard signs (vikent'yev)
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

bool IsStopword(std::string_view token) { return DefaultNameTables().stopwords.Contains(token); }

bool IsJoiningWord(std::string_view token) {
  const bool* joins = DefaultNameTables().stopwords.Find(token);
  return joins != nullptr && *joins;
}

bool IsLegalWord(std::string_view token) { return DefaultNameTables().legal_words.Contains(token); }

bool IsNonprofitWord(std::string_view token) {
  return DefaultNameTables().nonprofit_words.Contains(token);
}

bool HasCommercialForm(const std::vector<std::string>& legal_form_codes) {
  const auto& nonprofit = DefaultNameTables().nonprofit_forms;
  return std::any_of(legal_form_codes.begin(), legal_form_codes.end(),
                     [&](const std::string& code) { return !nonprofit.count(code); });
}

bool IsPlaceQualifier(std::string_view token) {
  if (DefaultNameTables().qualifiers.Contains(token)) return true;
  return token.size() >= 4 && !CountryCode(token).empty();
}

namespace {

// "SiemensAG" -> "Siemens AG": a word of ASCII letters ending in a lower-case letter followed by
// 2-5 upper-case letters that spell a legal form is two words; "WinthoughtTech" -> "Winthought
// Tech" (below). Other text is left as it is.
std::string SplitCamelLegalForms(std::string_view name, bool split_words) {
  std::string out;
  out.reserve(name.size() + 4);
  const NameTables& t = DefaultNameTables();
  size_t i = 0;
  while (i < name.size()) {
    const auto is_letter = [&](size_t k) {
      const char c = name[k];
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    };
    if (!is_letter(i)) {
      out += name[i++];
      continue;
    }
    size_t end = i;
    while (end < name.size() && is_letter(end)) ++end;
    size_t upper = end;
    while (upper > i && name[upper - 1] >= 'A' && name[upper - 1] <= 'Z') --upper;
    const size_t tail = end - upper;
    // Two lower-case letters before the form: one is a slip in a name written in capitals
    // ("TOBApCO").
    const auto lower = [&](size_t k) { return name[k] >= 'a' && name[k] <= 'z'; };
    const bool glued = tail >= 2 && tail <= 5 && upper > i + 2 && lower(upper - 1) &&
                       lower(upper - 2) &&
                       t.legal_forms.count(AsciiLower(name.substr(upper, tail))) > 0;
    // Words written together with a capital inside ("WinthoughtTech", "InfomayaTech"): a lower-
    // case letter followed by a capital and a lower-case letter starts a word when 2+ letters
    // precede it in the word ("iPhone" stays). The matcher reads two neighbouring words joined
    // ("Winthought Tech" = "WINTHOUGHTTECH"), so a side written the other way still meets it.
    size_t from = i;
    for (size_t k = i + 2; split_words && k + 1 < upper; ++k)
      if (lower(k - 1) && !lower(k) && lower(k + 1) && k - from >= 2) {
        out.append(name.substr(from, k - from)).append(1, ' ');
        from = k;
      }
    out.append(name.substr(from, upper - from));
    if (glued) out += ' ';
    out.append(name.substr(upper, end - upper));
    i = end;
  }
  return out;
}

// True when `token` is the legal-form word `form` written with one typo: one edit (a letter
// changed, added, left out, or two swapped) in a word of 5+ letters, or a letter slipped into an
// abbreviation of consonants ("ltvd" for "ltd"; a pronounceable short form such as "spa" is left
// alone: "sapa" is a name).
bool TypoOfLegalWord(std::string_view form, std::string_view token) {
  if (form == token) return false;
  if (form.size() >= 5) return token.size() >= 4 && WithinOneEdit(form, token);
  if (form.size() < 3 || token.size() != form.size() + 1) return false;
  if (form.find_first_of("aeiouy") != std::string_view::npos) return false;
  for (size_t i = 1; i + 1 < token.size(); ++i)  // the added letter is inside the word
    if (token.substr(0, i) == form.substr(0, i) && token.substr(i + 1) == form.substr(i))
      return true;
  return false;
}

// Length (in tokens) of the longest legal form starting at `begin` (forward) or ending at `end`
// (backward), with its code; 0 when none.
size_t LegalFormAt(const std::vector<std::string>& tokens, size_t begin, size_t end, bool from_end,
                   std::string* code) {
  const NameTables& t = DefaultNameTables();
  const size_t most = std::min(t.max_legal_form_tokens, end - begin);
  // Tokens counted from the boundary inward: how many are form words in a row (an exact form
  // needs all of them), whether any is (a form with a typo needs one), whether all are short.
  size_t form_run = 0, form_any = 0, short_run = 0, long_run = 0;
  bool in_run = true;
  for (size_t k = 0; k < most; ++k) {
    const std::string& w = tokens[from_end ? end - 1 - k : begin + k];
    const bool form_word = t.form_words.Contains(w);
    in_run = in_run && form_word;
    if (in_run) form_run = k + 1;
    if (form_word && form_any == 0) form_any = k + 1;
    if (short_run == k && w.size() <= 3) short_run = k + 1;
    if (long_run == k && w.size() >= 6) long_run = k + 1;
  }
  // With no form word and no short word, only a form written as one word, or one of long words
  // each mistyped, can be here.
  if (long_run >= 2) {  // the word at the boundary must be one edit from a long form word
    const std::string& w = tokens[from_end ? end - 1 : begin];
    if (std::none_of(t.long_multi_form_words.begin(), t.long_multi_form_words.end(),
                     [&](const std::string& f) { return TypoOfLegalWord(f, w); }))
      long_run = 0;
  }
  const bool one_word_only = form_any == 0 && short_run == 0 && long_run < 2;
  for (size_t n = one_word_only ? std::min<size_t>(most, 1) : most; n >= 1; --n) {
    const size_t first = from_end ? end - n : begin;
    if (n <= form_run) {
      std::string key;
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
    // The same form with its letters grouped otherwise ("s ro" = "s r o") or a space lost
    // ("jointstock company", "limitedliabilitycompany"); and a one-word form with its letters
    // written apart ("s a s", "SA S", "EIR L": short words only, one of them a single letter).
    if (n <= short_run || n == 1 || (form_any != 0 && form_any <= n)) {
      std::string compact;
      bool single_letter = false;
      for (size_t i = first; i < first + n; ++i) {
        compact += tokens[i];
        single_letter = single_letter || tokens[i].size() == 1;
      }
      const std::string* key = nullptr;
      if (auto c = t.compact_legal_forms.find(compact); c != t.compact_legal_forms.end())
        key = &c->second;
      else if (auto sp = t.spaced_legal_forms.find(compact);
               sp != t.spaced_legal_forms.end() && n >= 2 && n <= short_run && single_letter)
        key = &sp->second;
      if (key != nullptr) {
        const NameTables::LegalForm& f = t.legal_forms.at(*key);
        if (from_end || f.at_start) {
          *code = f.code;
          return n;
        }
      }
    }
    // The same form with a typo in some of its words, one of them written right, or in each of
    // its words when all are long ("aktsoinernoe osbhchestvo": two words of 7+ letters each one
    // edit from a form's are that form, not a name).
    if (n < 2) continue;
    const bool with_form_word = form_any != 0 && form_any <= n;
    if (!with_form_word && n > long_run) continue;
    for (const NameTables::MultiWordForm& form : t.multi_word_forms) {
      if (form.words.size() != n || !(from_end || form.at_start)) continue;
      bool one_exact = false;
      bool all_close = true;
      bool all_long = true;
      for (size_t i = 0; i < n && all_close; ++i) {
        const bool exact = tokens[first + i] == form.words[i];
        one_exact = one_exact || exact;
        all_long = all_long && form.words[i].size() >= 7;
        all_close = exact || TypoOfLegalWord(form.words[i], tokens[first + i]);
      }
      if (all_close && (one_exact ? with_form_word : all_long)) {
        *code = form.code;
        return n;
      }
    }
  }
  return 0;
}

// The code of a legal form written with one typo ("aktiengeselschaft"): single words of 7+ letters.
bool FuzzyLegalWord(const std::string& token, std::string* code) {
  const NameTables& t = DefaultNameTables();
  if (token.size() == 4 || token.size() == 5) {  // "ltvd": a letter slipped into "ltd", "gmbh"
    for (size_t i = 1; i + 1 < token.size(); ++i) {
      const std::string form = token.substr(0, i) + token.substr(i + 1);
      auto it = t.legal_forms.find(form);
      if (it != t.legal_forms.end() && TypoOfLegalWord(form, token)) {
        *code = it->second.code;
        return true;
      }
    }
  }
  for (const std::string& form : t.short_legal_words) {  // "lta" for "ltda": a letter left out
    if (form.size() != token.size() + 1) continue;
    for (size_t i = 0; i < form.size(); ++i)
      if (form.compare(0, i, token, 0, i) == 0 &&
          form.compare(i + 1, std::string::npos, token, i) == 0) {
        *code = t.legal_forms.at(form).code;
        return true;
      }
  }
  if (token.size() < 6) return false;
  for (const std::string& form : t.long_legal_words) {
    if (form.size() + 1 < token.size() || token.size() + 1 < form.size()) continue;
    if (WithinOneEdit(form, token)) {
      *code = t.legal_forms.at(form).code;
      return true;
    }
  }
  return false;
}

// A legal form of 2+ words at the start of a name whose last word is glued to the name's first
// word ("zakrytoe aktsionernoe obshchestvorassvet"): splits that token in two so that the form
// can be taken off; the earlier words may carry a typo as in LegalFormAt. Only a last word of 5+
// letters is split off.
void SplitGluedStartForm(std::vector<std::string>* tokens, std::vector<TokenScript>* scripts,
                         size_t begin, size_t end) {
  const NameTables& t = DefaultNameTables();
  for (const NameTables::MultiWordForm& form : t.multi_word_forms) {
    const size_t n = form.words.size();
    if (!form.at_start || begin + n > end) continue;
    const std::string& glued = (*tokens)[begin + n - 1];
    const std::string& last = form.words[n - 1];
    // A short last word ("co") begins too many names ("cobalt") to be split off.
    if (last.size() < 5 || glued.size() < last.size() + 3 ||
        glued.compare(0, last.size(), last) != 0 || t.legal_words.Find(glued) != nullptr)
      continue;
    bool close = true;
    for (size_t i = 0; i + 1 < n && close; ++i)
      close = (*tokens)[begin + i] == form.words[i] ||
              TypoOfLegalWord(form.words[i], (*tokens)[begin + i]);
    if (!close) continue;
    const size_t at = begin + n - 1;
    std::string rest = glued.substr(last.size());
    (*tokens)[at].resize(last.size());
    tokens->insert(tokens->begin() + static_cast<std::ptrdiff_t>(at) + 1, std::move(rest));
    scripts->insert(scripts->begin() + static_cast<std::ptrdiff_t>(at) + 1, (*scripts)[at]);
    return;
  }
}

// A start form that begins no word ("ooo", "jsc": NameTables::glued_start_forms) written
// together with the first word ("ooovmk"): split off so that the form can be taken off. 3+
// letters must follow ("jscb", a bank's abbreviation, stays).
void SplitGluedStartWord(std::vector<std::string>* tokens, std::vector<TokenScript>* scripts,
                         size_t begin) {
  const NameTables& t = DefaultNameTables();
  const std::string& first = (*tokens)[begin];
  if (t.form_words.Contains(first)) return;
  for (const std::string& form : t.glued_start_forms) {
    if (first.size() < form.size() + 3 || !first.starts_with(form)) continue;
    std::string rest = first.substr(form.size());
    (*tokens)[begin] = form;
    tokens->insert(tokens->begin() + static_cast<std::ptrdiff_t>(begin) + 1, std::move(rest));
    scripts->insert(scripts->begin() + static_cast<std::ptrdiff_t>(begin) + 1, (*scripts)[begin]);
    return;
  }
}

// A single-word legal form of 7+ letters glued to the end of the last word ("caprikatlimited",
// "stockcompany"): split off so that the form (or the longer form it ends) can be taken off.
// 4+ letters must remain ("unlimited" stays a word).
void SplitGluedEndForm(std::vector<std::string>* tokens, std::vector<TokenScript>* scripts,
                       size_t end) {
  const NameTables& t = DefaultNameTables();
  const std::string& last = (*tokens)[end - 1];
  if ((*scripts)[end - 1] != TokenScript::kLatin || t.form_words.Contains(last)) return;
  for (const std::string& form : t.long_legal_words) {
    if (last.size() < form.size() + 4 || !last.ends_with(form)) continue;
    std::string word = last.substr(0, last.size() - form.size());
    (*tokens)[end - 1] = form;
    tokens->insert(tokens->begin() + static_cast<std::ptrdiff_t>(end) - 1, std::move(word));
    scripts->insert(scripts->begin() + static_cast<std::ptrdiff_t>(end) - 1, TokenScript::kLatin);
    return;
  }
}

// True when a legal form's letters could end no word: it has no vowel ("gmbh", "ltd", "llc"),
// unlike "oy", "co", "ab" or "est", which end words ("URENGOY", "JALISCO", "SHABAAB", "INVEST").
bool EndsNoWord(std::string_view form) {
  return form.find_first_of("aeiouy") == std::string_view::npos;
}

// A legal form glued to the end of the last word of an organisation's name ("gomeltd"): the
// form's length (2+ letters), leaving 4+ letters; 0 when none. With `any_form` false only a form
// that ends no word counts: a form that could end a word is split off only with evidence (a form
// following it, NameReadings; or the capital of "SiemensAG", SplitCamelLegalForms).
size_t GluedLegalForm(const std::string& token, bool any_form, std::string* code) {
  const NameTables& t = DefaultNameTables();
  for (size_t len = std::min<size_t>(5, token.size() >= 5 ? token.size() - 3 : 0); len >= 2;
       --len) {
    // 4+ letters must remain, 3 if the form has 3+ ("beesrl" = "bee" + SRL).
    if (token.size() - len < (len >= 3 ? 3u : 4u)) continue;
    const std::string_view letters = std::string_view(token).substr(token.size() - len);
    auto it = t.legal_forms.find(std::string(letters));
    if (it != t.legal_forms.end() && (any_form || EndsNoWord(letters))) {
      *code = it->second.code;
      return len;
    }
  }
  return 0;
}

// A short one-word legal form that could end a word ("oy", "co", "sa"), as the word after an
// organisation's last name word: a writer may glue it on ("ACEX OY" written "ACEXOY").
bool GluableForm(const std::string& token, TokenScript script) {
  return script == TokenScript::kLatin && token.size() >= 2 && token.size() <= 5 &&
         !EndsNoWord(token) && DefaultNameTables().legal_forms.count(token) > 0;
}

}  // namespace

// The name in the order a reader sees it: bidirectional formatting characters (embeddings,
// overrides, isolates, marks) removed, and the text under a right-to-left override (U+202E, up
// to its U+202C or the end) reversed, as it is displayed ("\u202Enoisivkih" reads "hikvision").
std::string InReadingOrder(std::string_view utf8) {
  auto is_bidi = [](char32_t c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
           c == 0x200F || c == 0x061C;
  };
  if (utf8.find("\xE2\x80") == std::string_view::npos &&
      utf8.find("\xE2\x81") == std::string_view::npos &&
      utf8.find("\xD8\x9C") == std::string_view::npos)
    return std::string(utf8);  // no bidi control can be there
  std::string out;
  std::vector<std::string_view> reversed;  // code points under an override, in logical order
  bool overriding = false;
  const int32_t length = static_cast<int32_t>(std::min<size_t>(utf8.size(), INT32_MAX));
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(utf8.data(), i, length, c);  // invalid bytes: c < 0, kept as they are
    const std::string_view cp =
        utf8.substr(static_cast<size_t>(start), static_cast<size_t>(i - start));
    if (c >= 0 && is_bidi(static_cast<char32_t>(c))) {
      if (c == 0x202C || c == 0x202E) {  // pop or a new override: what was overridden ends
        for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) out.append(*it);
        reversed.clear();
      }
      overriding = c == 0x202E || (overriding && c != 0x202C);
      continue;
    }
    if (overriding) {
      reversed.push_back(cp);
    } else {
      out.append(cp);
    }
  }
  for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) out.append(*it);
  return out;
}

// Joins runs of kMinSpacedLetters or more one-letter Latin words into one word: a name written
// letter-spaced ("H i k v i s i o n"). Shorter runs are initials ("J R R Tolkien"); the
// matcher also reads them as one word (match/name_score.h, ForEachLetterRun).
constexpr size_t kMinSpacedLetters = 4;
void JoinSpacedLetters(std::vector<std::string>* tokens, std::vector<TokenScript>* scripts) {
  size_t write = 0;
  for (size_t i = 0; i < tokens->size();) {
    size_t run = i;
    while (run < tokens->size() && (*tokens)[run].size() == 1 &&
           (*scripts)[run] == TokenScript::kLatin &&
           std::isalpha(static_cast<unsigned char>((*tokens)[run][0])))
      ++run;
    if (run - i >= kMinSpacedLetters) {
      std::string joined;
      for (size_t k = i; k < run; ++k) joined += (*tokens)[k];
      (*tokens)[write] = std::move(joined);
      (*scripts)[write++] = TokenScript::kLatin;
      i = run;
      continue;
    }
    const size_t next = std::max(run, i + 1);
    for (; i < next; ++i, ++write) {
      if (write != i) {
        (*tokens)[write] = std::move((*tokens)[i]);
        (*scripts)[write] = (*scripts)[i];
      }
    }
  }
  tokens->resize(write);
  scripts->resize(write);
}

namespace {

// Which reading of a name's words ReadWords makes (NameReadings).
enum class Reading {
  kPlain,             // NormalizeName
  kGluedBeforeForms,  // a form glued to the last word taken off before further forms
  kFormGluedOn,       // the first form after the last word glued onto it, as a writer may
};

// Whether a lower-case ASCII letter is followed by a capital ("AdCom", "SiemensAG").
bool HasCapitalInsideAWord(std::string_view name) {
  for (size_t k = 1; k < name.size(); ++k)
    if (name[k - 1] >= 'a' && name[k - 1] <= 'z' && name[k] >= 'A' && name[k] <= 'Z') return true;
  return false;
}

// "BLUE-STAR" -> "BLUESTAR": a hyphen between two ASCII letters removed when a part it joins
// has at most `kShortPart` letters: a part too short to take a typo alone once a letter is
// lost (similarity.h, kMinFuzzyLength); longer parts are compared alone, typo allowed.
constexpr size_t kShortPart = 4;
std::string JoinHyphenatedWords(std::string_view name) {
  const auto letter = [&](size_t k) { return std::isalpha(static_cast<unsigned char>(name[k])); };
  std::string out;
  out.reserve(name.size());
  for (size_t k = 0; k < name.size(); ++k) {
    if (name[k] == '-' && k > 0 && k + 1 < name.size() && letter(k - 1) && letter(k + 1)) {
      size_t before = 0, after = 0;
      while (before < k && letter(k - 1 - before)) ++before;
      while (k + 1 + after < name.size() && letter(k + 1 + after)) ++after;
      if (std::min(before, after) <= kShortPart) continue;
    }
    out += name[k];
  }
  return out;
}

// The text a name's words are cut from: in reading order; for an organisation, legal forms and
// words glued by case split apart ("SiemensAG", "WinthoughtTech"); with `compounds_joined`, short
// hyphenated compounds and words glued by case read as one word instead (JoinHyphenatedWords).
std::string NameText(std::string_view raw_name, Schema schema, bool compounds_joined) {
  std::string name = InReadingOrder(raw_name);
  if (compounds_joined) name = JoinHyphenatedWords(name);
  if (schema != Schema::kPerson) name = SplitCamelLegalForms(name, !compounds_joined);
  return name;
}

// The words of a name's text: transliterated, cut, letter-spaced runs joined.
struct NameWords {
  std::vector<std::string> tokens;
  std::vector<TokenScript> scripts;
};
NameWords CutWords(std::string_view text) {
  NameWords words;
  for (ScriptedText& piece : ToLatinAsciiPieces(text)) {
    for (std::string& t : TokenizeAscii(piece.ascii)) {
      words.tokens.push_back(std::move(t));
      words.scripts.push_back(piece.script);
    }
  }
  JoinSpacedLetters(&words.tokens, &words.scripts);
  return words;
}

// NormalizeName's reading of the words, or another one; `*other` says whether the other reading
// differs (false: `out` is not that reading).
NormalizedName ReadWords(NameWords words, Schema schema, Reading reading, bool* other) {
  NormalizedName out;
  std::vector<std::string>& tokens = words.tokens;
  std::vector<TokenScript>& scripts = words.scripts;
  size_t begin = 0;
  size_t end = tokens.size();
  if (schema == Schema::kPerson || schema == Schema::kUnknown) {
    const auto& honorifics = DefaultNameTables().honorifics;
    while (end - begin > 1 && honorifics.Contains(SoundFold(tokens[begin])))
      out.dropped.push_back(tokens[begin++]);
  }
  if (schema != Schema::kPerson) {
    // Legal forms at the end (repeatedly: "co ltd", "jsc co"), then at the start ("ooo romashka"),
    // never consuming the last name word.
    std::vector<std::string> trailing;
    std::string code;
    if (end > begin) {
      const size_t before = tokens.size();
      SplitGluedEndForm(&tokens, &scripts, end);
      end += tokens.size() - before;
    }
    const auto take_trailing_forms = [&] {
      while (end - begin > 1) {
        size_t n = LegalFormAt(tokens, begin, end, /*from_end=*/true, &code);
        if (n == 0 && FuzzyLegalWord(tokens[end - 1], &code)) n = 1;
        if (n == 0 || n >= end - begin) break;
        trailing.insert(trailing.begin(), code);
        end -= n;
      }
    };
    take_trailing_forms();
    if (!trailing.empty()) {  // a long form glued to the word before further forms
      const size_t before = tokens.size();
      SplitGluedEndForm(&tokens, &scripts, end);  // "everfitcompany limited"
      if (tokens.size() != before) {
        end = tokens.size();
        trailing.clear();
        take_trailing_forms();
      }
    }
    if (reading == Reading::kFormGluedOn) {
      if (trailing.empty() || end - begin < 1 || scripts[end - 1] != TokenScript::kLatin ||
          !GluableForm(tokens[end], scripts[end]))
        return out;  // no such reading
      const size_t last_word = end - 1;
      tokens[last_word] += tokens[end];
      tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(end));
      scripts.erase(scripts.begin() + static_cast<std::ptrdiff_t>(end));
      end = tokens.size();
      trailing.clear();
      take_trailing_forms();
      if (end != last_word + 1) return out;  // the words after it were no forms on their own
      *other = true;
    }
    const bool before_forms = reading == Reading::kGluedBeforeForms && !trailing.empty();
    if ((trailing.empty() || before_forms) && schema == Schema::kOrganization && end > begin &&
        scripts[end - 1] == TokenScript::kLatin) {
      if (const size_t glued = GluedLegalForm(tokens[end - 1], before_forms, &code)) {
        tokens[end - 1].resize(tokens[end - 1].size() - glued);
        if (before_forms) *other = true;
        trailing.insert(trailing.begin(), code);
      }
    }
    if (end - begin > 1 && LegalFormAt(tokens, begin, end, /*from_end=*/false, &code) == 0) {
      const size_t before = tokens.size();
      SplitGluedStartForm(&tokens, &scripts, begin, end);
      end += tokens.size() - before;
    }
    if (end > begin) {
      const size_t before = tokens.size();
      SplitGluedStartWord(&tokens, &scripts, begin);
      end += tokens.size() - before;
    }
    while (end - begin > 1) {
      const size_t n = LegalFormAt(tokens, begin, end, /*from_end=*/false, &code);
      if (n == 0 || n >= end - begin) break;
      out.legal_forms.push_back(code);
      begin += n;
    }
    out.legal_forms.insert(out.legal_forms.end(), trailing.begin(), trailing.end());
  }
  const auto& abbreviations = DefaultNameTables().abbreviations;
  for (size_t i = begin; i < end; ++i) {
    auto it = schema == Schema::kPerson ? abbreviations.end() : abbreviations.find(tokens[i]);
    if (it == abbreviations.end()) {
      out.tokens.push_back(std::move(tokens[i]));
      out.scripts.push_back(scripts[i]);
      continue;
    }
    for (const std::string& w : it->second) {
      out.tokens.push_back(w);
      out.scripts.push_back(scripts[i]);
    }
  }
  return out;
}

}  // namespace

NormalizedName NormalizeName(std::string_view raw_name, Schema schema) {
  bool other = false;
  return ReadWords(CutWords(NameText(raw_name, schema, false)), schema, Reading::kPlain, &other);
}

std::vector<NormalizedName> NameReadings(std::string_view name, Schema schema) {
  const std::string text = NameText(name, schema, false);
  const NameWords words = CutWords(text);
  std::vector<NormalizedName> readings;
  bool other = false;
  readings.push_back(ReadWords(words, schema, Reading::kPlain, &other));
  const auto add = [&](NormalizedName n) {
    if (!n.tokens.empty() && n.tokens != readings.front().tokens) readings.push_back(std::move(n));
  };
  if (name.find('-') != std::string_view::npos || HasCapitalInsideAWord(name)) {
    const std::string joined = NameText(name, schema, true);
    if (joined != text) add(ReadWords(CutWords(joined), schema, Reading::kPlain, &other));
  }
  if (schema == Schema::kPerson || readings.front().legal_forms.empty()) return readings;
  for (Reading r : {Reading::kGluedBeforeForms, Reading::kFormGluedOn}) {
    if (r == Reading::kGluedBeforeForms && schema != Schema::kOrganization) continue;
    other = false;
    NormalizedName n = ReadWords(words, schema, r, &other);
    if (other) add(std::move(n));
  }
  return readings;
}

}  // namespace partyscreen
