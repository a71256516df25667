// Helpers shared by the list parser tests: read a file's bytes, find an entity, alias or
// identifier.
#pragma once

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "lists/parsers.h"

namespace partyscreen::testutil {

// The whole file as bytes ("" if it cannot be read; the parse then fails loudly).
inline std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A file of the shared collection, by its path under shared/lists/.
inline std::string ReadSharedList(const std::string& rel) {
  return ReadBytes(std::string(PARTYSCREEN_SHARED_DIR) + "/lists/" + rel);
}

inline const Entity* FindId(const ParsedList& list, std::string_view id) {
  auto it = std::find_if(list.entities.begin(), list.entities.end(),
                         [&](const Entity& e) { return e.id == id; });
  return it == list.entities.end() ? nullptr : &*it;
}

inline const Alias* FindAlias(const Entity& e, std::string_view name) {
  auto it = std::find_if(e.aliases.begin(), e.aliases.end(),
                         [&](const Alias& a) { return a.name == name; });
  return it == e.aliases.end() ? nullptr : &*it;
}

inline const Identifier* FindIdentifier(const Entity& e, std::string_view type) {
  auto it = std::find_if(e.identifiers.begin(), e.identifiers.end(),
                         [&](const Identifier& i) { return i.type == type; });
  return it == e.identifiers.end() ? nullptr : &*it;
}

}  // namespace partyscreen::testutil
