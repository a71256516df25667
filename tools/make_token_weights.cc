// make_token_weights: writes the engine's fixed word tables (match/token_weights.h).
//
//   build/tools/make_token_weights $(tools/all_lists.sh | sed 's/--list //g') >
//   data/tables/token_weights.tsv
//   build/tools/make_token_weights --names ../shared/eval/innocent_dev.jsonl >
//   data/tables/background_words.tsv
//   build/tools/make_token_weights --words POPULATION_NAMES.jsonl >
//   data/tables/common_person_names.tsv   (tools/make_population_names.py writes the input)
//   build/tools/make_token_weights --dictionary /usr/share/dict/american-english >
//   data/tables/common_words.tsv          (Debian's wamerican)
//
// Counts, over the distinct normalised names (NormalizeName, as the engine indexes them), in how
// many names each word occurs: the names of every list given (the word-rarity table), or with
// --names the "name" (and "schema") of each line of a JSON Lines file of ordinary names (the
// background table: how common a word is among real names that are on no list). The engine turns
// a count into a weight; words seen only once are left out (they take the unseen-word weight,
// which is the same). With --words, the distinct normalised words of the JSON Lines names, one a
// line (the common-person-name table). With --dictionary, the words of a spelling dictionary
// written in lower case (so no proper nouns: "golden", "systems", not "Intel"), of 3+ letters, as
// the engine's words (the common-word table). The output is sorted, so the same input gives the
// same file byte for byte.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "normalize/name_normalizer.h"
#include "partyscreen/snapshot.h"

namespace {

using namespace partyscreen;
using NameSet = std::set<std::vector<std::string>>;

// Adds the distinct words of one normalised name: the same name seen twice counts once.
void AddName(std::string_view name, Schema schema, NameSet* names) {
  NormalizedName norm = NormalizeName(name, schema);
  if (norm.tokens.empty()) return;
  std::sort(norm.tokens.begin(), norm.tokens.end());
  norm.tokens.erase(std::unique(norm.tokens.begin(), norm.tokens.end()), norm.tokens.end());
  names->insert(std::move(norm.tokens));
}

// Every alias of every entity of the lists (as for --list: [FORMAT:]PATH).
bool CountLists(const std::vector<std::string>& args, NameSet* names, std::string* sources) {
  std::vector<ListSpec> specs;
  for (const std::string& a : args) specs.push_back(ParseListSpec(a));
  auto snapshot = LoadSnapshot(specs);
  if (!snapshot.ok()) {
    std::cerr << "make_token_weights: " << snapshot.status().ToString() << "\n";
    return false;
  }
  for (const Entity& e : snapshot->entities)
    for (std::string_view n : e.AllNames()) AddName(n, e.schema, names);
  for (const ListSpec& s : specs) {
    const size_t at = s.path.find("lists/");  // print paths relative to shared/lists
    *sources += "#   " + (s.format.empty() ? "" : s.format + ":") +
                (at == std::string::npos ? s.path : s.path.substr(at)) + "\n";
  }
  return true;
}

// The "name" of each JSON line; "schema" (Person, Organization...) when given.
bool CountJsonLines(const std::string& path, NameSet* names, std::string* sources) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "make_token_weights: cannot read " << path << "\n";
    return false;
  }
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("name") || !j["name"].is_string()) {
      std::cerr << "make_token_weights: " << path << ":" << number << ": no \"name\" string\n";
      return false;
    }
    const std::string schema = j.value("schema", std::string("LegalEntity"));
    AddName(j["name"].get<std::string>(), ParseSchema(schema), names);
  }
  const size_t at = path.find("eval/");
  const std::string shown = at != std::string::npos ? path.substr(at)
                            : path.rfind('/') == std::string::npos
                                ? path
                                : path.substr(path.rfind('/') + 1);
  *sources += "#   names of " + shown + "\n";
  return true;
}

// The lower-case words (a-z, 3+ letters) of a spelling dictionary, one a line, that the
// normaliser keeps as one word of an organisation's name.
bool ReadDictionary(const std::string& path, std::set<std::string>* words) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "make_token_weights: cannot read " << path << "\n";
    return false;
  }
  for (std::string line; std::getline(in, line);) {
    if (line.size() < 3 ||
        !std::all_of(line.begin(), line.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      continue;
    const NormalizedName norm = NormalizeName(line, Schema::kOrganization);
    if (norm.tokens.size() == 1 && norm.tokens[0] == line) words->insert(line);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const bool words_only = !args.empty() && args[0] == "--words";
  const bool dictionary = !args.empty() && args[0] == "--dictionary";
  const bool json_lines = !args.empty() && (args[0] == "--names" || words_only);
  if (args.empty() || ((json_lines || dictionary) && args.size() != 2)) {
    std::cerr << "usage: make_token_weights LIST... (as for --list: [FORMAT:]PATH)\n"
                 "       make_token_weights --names NAMES.jsonl\n"
                 "       make_token_weights --words NAMES.jsonl\n"
                 "       make_token_weights --dictionary WORDS\n";
    return 2;
  }
  if (dictionary) {
    std::set<std::string> words;
    if (!ReadDictionary(args[1], &words)) return 1;
    const size_t slash = args[1].rfind('/');
    std::cout << "# Ordinary words of the language as the engine's words "
                 "(src/match/token_weights.h).\n"
                 "# Generated by tools/make_token_weights --dictionary; do not edit by hand. "
                 "Words of:\n#   "
              << (slash == std::string::npos ? args[1] : args[1].substr(slash + 1))
              << " (Debian's wamerican), lower case, 3+ letters\n"
                 "# One word a line, sorted.\n";
    for (const std::string& w : words) std::cout << w << '\n';
    return std::cout.good() ? 0 : 1;
  }
  NameSet names;
  std::string sources;
  if (!(json_lines ? CountJsonLines(args[1], &names, &sources)
                   : CountLists(args, &names, &sources)))
    return 1;
  if (words_only) {
    std::set<std::string> words;
    for (const auto& tokens : names) words.insert(tokens.begin(), tokens.end());
    std::cout << "# Common given names and surnames as the engine's words "
                 "(src/match/token_weights.h).\n"
                 "# Generated by tools/make_token_weights --words; do not edit by hand. Names:\n"
              << sources << "# One normalised word a line, sorted.\n";
    for (const std::string& w : words) std::cout << w << '\n';
    return std::cout.good() ? 0 : 1;
  }
  std::map<std::string, uint32_t> df;
  for (const auto& tokens : names)
    for (const std::string& t : tokens) ++df[t];
  std::cout
      << "# Word document frequencies for the engine's word weights (src/match/token_weights.h).\n"
         "# Generated by tools/make_token_weights; do not edit by hand. "
      << (json_lines ? "Names" : "Lists") << " counted:\n"
      << sources
      << "# Line 'names<TAB>N': distinct normalised names counted; then word<TAB>count for\n"
         "# every word in 2+ names, sorted.\n";
  std::cout << "names\t" << names.size() << "\n";
  for (const auto& [token, count] : df)
    if (count >= 2) std::cout << token << '\t' << count << '\n';
  return std::cout.good() ? 0 : 1;
}
