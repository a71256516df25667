// Test support: reading a whole file. Header-only; tests include it as "support/files.h".
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace partyscreen::testing_support {

// The file's bytes; "" when it cannot be read.
inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace partyscreen::testing_support
