// LoadSnapshot: resolves --list arguments to files, detects formats, runs the parsers, and hashes
// the inputs into the snapshot id.
#include "partyscreen/snapshot.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <thread>

#include "core/input.h"
#include "core/sha256.h"
#include "core/strings.h"
#include "lists/formats.h"
#include "lists/manifest.h"
#include "lists/republished.h"

namespace partyscreen {

namespace fs = std::filesystem;

ListSpec ParseListSpec(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon != std::string_view::npos && FindFormat(text.substr(0, colon)) != nullptr)
    return {std::string(text.substr(colon + 1)), std::string(text.substr(0, colon))};
  return {std::string(text), ""};
}

std::vector<std::string> KnownFormats() {
  std::vector<std::string> names;
  for (const ListFormat& f : ListFormats()) names.emplace_back(f.name);
  return names;
}

const Entity* Snapshot::Find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &entities[it->second];
}

void Snapshot::BuildIdIndex() {
  by_id_.clear();
  by_id_.reserve(entities.size());
  for (uint32_t i = 0; i < entities.size(); ++i) by_id_.emplace(entities[i].id, i);
}

namespace {

bool IsOfacCompanion(const std::string& file) {
  static const std::set<std::string> kCompanions = {"add.csv",          "alt.csv",
                                                    "sdn_comments.csv", "cons_add.csv",
                                                    "cons_alt.csv",     "cons_comments.csv"};
  return kCompanions.count(AsciiLower(file)) > 0;
}

// A directory stands for the list files in it. OFAC companions are read by their primary's loader,
// so they are left out when the primary is there too.
Result<std::vector<ListSpec>> ExpandSpec(const ListSpec& spec) {
  std::error_code ec;
  if (!fs::exists(spec.path, ec)) return Status::IoError(spec.path + ": no such file or directory");
  if (!fs::is_directory(spec.path, ec)) return std::vector<ListSpec>{spec};
  if (fs::exists(fs::path(spec.path) / kManifestFile, ec)) return ManifestListSpecs(spec.path);
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(spec.path, ec))
    if (e.is_regular_file()) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  auto has = [&](const char* name) {
    return std::any_of(files.begin(), files.end(), [&](const std::string& f) {
      return AsciiLower(fs::path(f).filename().string()) == name;
    });
  };
  std::vector<ListSpec> out;
  for (const std::string& f : files) {
    const std::string name = fs::path(f).filename().string();
    const std::string lower = AsciiLower(name);
    if (EndsWith(lower, ".md") || EndsWith(lower, ".txt.sha256") || StartsWith(name, ".")) continue;
    if (IsOfacCompanion(name) &&
        (StartsWith(lower, "cons_") ? has("cons_prim.csv") : has("sdn.csv")))
      continue;
    out.push_back({f, spec.format});
  }
  if (out.empty()) return Status::NotFound(spec.path + ": directory holds no list files");
  return out;
}

}  // namespace

namespace {

// What one list file contributed before merging: parsed entities, the log, hashes.
struct FileLoad {
  ListSpec spec;
  const ListFormat* format = nullptr;
  FormatLoad load;
  ParseLog log{""};
};

std::string HashFileOnDisk(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  Sha256 h;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) h.Update(std::string_view(buf, in.gcount()));
  return h.HexDigest();
}

// Reads, detects and parses one file. Independent of every other file, so files load in parallel.
Result<FileLoad> LoadOneFile(const ListSpec& spec, const LoadOptions& options) {
  FileLoad f;
  f.spec = spec;
  f.log = ParseLog(spec.path);
  std::string data;
  bool have_data = false;
  if (!spec.format.empty()) {
    f.format = FindFormat(spec.format);
    if (!f.format)
      return Status::InvalidArgument(spec.path + ": unknown format name '" + spec.format + "'");
  } else {
    auto bytes = ReadListFile(spec.path);
    if (!bytes.ok()) return bytes.status();
    data = std::move(bytes).value();
    have_data = true;
    auto detected = DetectFormat(spec.path, data);
    if (!detected.ok()) return detected.status();
    f.format = *detected;
  }
  if (f.format->load) {
    auto r = f.format->load(spec.path, f.log);
    if (!r.ok()) return r.status();
    f.load = std::move(r).value();
  } else {
    if (!have_data) {
      auto bytes = ReadListFile(spec.path);
      if (!bytes.ok()) return bytes.status();
      data = std::move(bytes).value();
    }
    auto r = f.format->parse(data, f.log);
    if (!r.ok()) return r.status();
    f.load.list = std::move(r).value();
    // Hash the bytes as they are on disk (compressed files too), so the hash matches sha256sum.
    f.load.files.push_back({spec.path, HashFileOnDisk(spec.path)});
  }
  const ParseLog& log = f.log;
  const uint64_t seen =
      std::max<uint64_t>(log.records_seen(), f.load.list.entities.size() + log.skipped());
  if (seen > 0 &&
      static_cast<double>(log.skipped()) > options.max_bad_fraction * static_cast<double>(seen)) {
    std::string first = log.issues().empty()
                            ? ""
                            : "; first: line " + std::to_string(log.issues()[0].line) + ": " +
                                  log.issues()[0].reason;
    return Status::Corrupt(spec.path + ": " + std::to_string(log.skipped()) + " of " +
                           std::to_string(seen) + " records are malformed; not a usable " +
                           std::string(f.format->name) + " file" + first);
  }
  if (f.load.list.entities.empty())
    return Status::Corrupt(spec.path + ": no records found in this " + std::string(f.format->name) +
                           " file");
  return f;
}

}  // namespace

Result<Snapshot> LoadSnapshot(const std::vector<ListSpec>& lists, const LoadOptions& options) {
  std::vector<ListSpec> files;
  for (const ListSpec& given : lists) {
    auto expanded = ExpandSpec(given);
    if (!expanded.ok()) return expanded.status();
    files.insert(files.end(), expanded->begin(), expanded->end());
  }
  if (files.empty()) return Status::InvalidArgument("no lists given");

  // Parse every file in parallel (each parser is independent and stateless), then merge in the
  // order given so ids, issues and the hash do not depend on timing.
  std::vector<std::optional<Result<FileLoad>>> loaded(files.size());
  {
    const size_t workers =
        std::min<size_t>(files.size(), std::max(1u, std::thread::hardware_concurrency()));
    std::atomic<size_t> next{0};
    std::vector<std::thread> pool;
    for (size_t w = 0; w < workers; ++w)
      pool.emplace_back([&] {
        for (size_t i; (i = next.fetch_add(1)) < files.size();)
          loaded[i].emplace(LoadOneFile(files[i], options));
      });
    for (std::thread& t : pool) t.join();
  }

  Snapshot snap;
  size_t total = 0;
  for (const auto& slot : loaded)
    if (slot->ok()) total += slot->value().load.list.entities.size();
  snap.entities.reserve(total);          // each entity moved once (an Entity is ~1 KB)
  std::vector<std::string> file_hashes;  // "format sha256" per file, sorted for the snapshot hash
  std::set<std::string> seen_ids;
  for (auto& slot : loaded) {
    if (!slot->ok()) return slot->status();
    FileLoad& f = slot->value();
    SourceInfo info;
    info.path = f.spec.path;
    info.format = std::string(f.format->name);
    info.source = std::string(f.format->source);
    info.list_name = f.load.list.list_name;
    info.published = f.load.list.published.empty() ? f.spec.published : f.load.list.published;
    info.retrieved = f.spec.retrieved;
    info.skipped = f.log.skipped();
    Sha256 set_hash;
    for (const LoadedFile& lf : f.load.files) {
      info.files.push_back(lf.path);
      set_hash.Update(lf.sha256);
      file_hashes.push_back(std::string(f.format->name) + " " + lf.sha256);
    }
    info.sha256 = f.load.files.size() == 1 ? f.load.files[0].sha256 : set_hash.HexDigest();
    for (Entity& e : f.load.list.entities) {
      if (!e.source.empty()) info.source = e.source;
      info.aliases += e.aliases.size();
      ++info.records;
      if (!seen_ids.insert(e.id).second) {
        // Two inputs carry the same id (e.g. two editions of one list): keep both, make the later
        // one unique and say so.
        std::string unique = e.id;
        for (int n = 2; !seen_ids.insert(unique = e.id + "#" + std::to_string(n)).second; ++n) {
        }
        f.log.Note(
            0, "duplicate entity id " + e.id + " (also in an earlier input); renamed " + unique);
        e.id = unique;
      }
      snap.entities.push_back(std::move(e));
    }
    for (ParseIssue& i : f.log.TakeIssues()) snap.issues.push_back(std::move(i));
    snap.sources.push_back(std::move(info));
  }
  std::sort(file_hashes.begin(), file_hashes.end());
  Sha256 h;
  for (const std::string& s : file_hashes) {
    h.Update(s);
    h.Update("\n");
  }
  snap.hash = h.HexDigest();
  CarryOfacAliasQuality(snap.entities);
  snap.BuildIdIndex();
  return snap;
}

std::string DefaultDataDir() {
  if (const char* env = std::getenv("PARTYSCREEN_DATA_DIR"); env && *env) return env;
  // An installed binary (cmake --install, the Debian package) finds its data beside it, under
  // <prefix>/share/partyscreen, wherever the prefix was put.
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path installed = exe.parent_path().parent_path() / "share/partyscreen";
    if (std::filesystem::is_directory(installed / "default", ec)) return installed.string();
  }
  return PARTYSCREEN_DATA_DIR;
}

std::vector<ListSpec> DefaultListSpecs() { return DefaultListSpecs(DefaultDataDir()); }

std::vector<ListSpec> DefaultListSpecs(const std::string& data_dir) {
  const std::string dir = data_dir + "/default";
  // The OFAC CSV files carry no date: theirs are the publication dates data/default/PROVENANCE.md
  // records (the CSL and UN files carry their own).
  return {{dir + "/csl/consolidated.csv.gz", "csl-csv", ""},
          {dir + "/ofac-sdn/sdn.csv", "ofac-csv", "2024-07-02"},
          {dir + "/ofac-nonsdn/cons_prim.csv", "ofac-cons-csv", "2025-12-19"},
          {dir + "/un/UN_consolidated.xml", "un-xml", ""}};
}

}  // namespace partyscreen
