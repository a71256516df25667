#include "lists/manifest.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace partyscreen {

namespace fs = std::filesystem;

Result<Manifest> ReadManifest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open the list manifest");
  std::stringstream text;
  text << in.rdbuf();
  const auto j = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || !j.contains("sources") || !j["sources"].is_array())
    return Status::Corrupt(path + ": not a partyscreen list manifest");
  Manifest m;
  try {
    m.number = j.value("number", uint64_t{0});
    m.created = j.value("created", "");
    for (const auto& s : j["sources"]) {
      ManifestSource src;
      src.id = s.at("id").get<std::string>();
      src.format = s.at("format").get<std::string>();
      src.path = s.at("path").get<std::string>();
      src.sha256 = s.value("sha256", "");
      src.retrieved = s.value("retrieved", "");
      src.entities = s.value("entities", uint64_t{0});
      if (src.path.empty() || fs::path(src.path).is_absolute() ||
          src.path.find("..") != std::string::npos)
        return Status::Corrupt(path + ": source " + src.id + " has an invalid path");
      m.sources.push_back(std::move(src));
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::Corrupt(path + ": malformed list manifest: " + e.what());
  }
  return m;
}

std::string ManifestToJson(const Manifest& m) {
  nlohmann::json sources = nlohmann::json::array();
  for (const ManifestSource& s : m.sources)
    sources.push_back({{"id", s.id},
                       {"format", s.format},
                       {"path", s.path},
                       {"sha256", s.sha256},
                       {"retrieved", s.retrieved},
                       {"entities", s.entities}});
  return nlohmann::json{{"number", m.number}, {"created", m.created}, {"sources", sources}}.dump(
             2) +
         "\n";
}

Result<std::vector<ListSpec>> ManifestListSpecs(const std::string& dir) {
  auto m = ReadManifest((fs::path(dir) / kManifestFile).string());
  if (!m.ok()) return m.status();
  if (m->sources.empty()) return Status::NotFound(dir + ": the list manifest names no source");
  std::vector<ListSpec> specs;
  for (const ManifestSource& s : m->sources) {
    ListSpec spec((fs::path(dir) / s.path).string(), s.format);
    spec.retrieved = s.retrieved;
    specs.push_back(std::move(spec));
  }
  return specs;
}

}  // namespace partyscreen
