#include "match/index_cache.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/binary_io.h"
#include "core/sha256.h"
#include "lists/snapshot_file.h"

namespace partyscreen {

namespace {

constexpr std::string_view kSuffix = ".psidx";

// The GNU build id of a loaded object (its PT_NOTE segments), as raw bytes; empty if it has none.
std::string BuildIdOf(const dl_phdr_info* info) {
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    const char* end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      ElfW(Nhdr) note;
      std::memcpy(&note, p, sizeof note);
      const char* name = p + sizeof note;
      const char* desc = name + ((note.n_namesz + 3) & ~3u);
      if (desc + note.n_descsz > end) break;
      if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0)
        return std::string(desc, note.n_descsz);
      p = desc + ((note.n_descsz + 3) & ~3u);
    }
  }
  return {};
}

// The libraries whose code takes part in computing an index (transliteration, Chinese
// conversion, the C and C++ runtimes with their maths): with the program, what the key names.
// Other libraries a host process happens to load (a Python interpreter's modules) do not count,
// so that processes of one installation share their files.
constexpr std::string_view kComputingLibraries[] = {"libicu",  "libopencc", "libstdc++",
                                                    "libc.so", "libm.so",   "libtbb"};

struct LoadedObjects {
  const void* own_code = nullptr;  // an address inside the object holding this function
  std::string ids;                 // the name and build id of each object that counts
  bool own_has_id = false;
};

int CollectBuildIds(dl_phdr_info* info, size_t, void* data) {
  auto* objects = static_cast<LoadedObjects*>(data);
  const std::string id = BuildIdOf(info);
  // Is the code of this module in this object?
  const auto own = reinterpret_cast<ElfW(Addr)>(objects->own_code);
  bool is_own = false;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    const ElfW(Addr) begin = info->dlpi_addr + ph.p_vaddr;
    if (ph.p_type == PT_LOAD && own >= begin && own < begin + ph.p_memsz) is_own = true;
  }
  const std::string_view path = info->dlpi_name ? info->dlpi_name : "";
  const std::string_view base = path.substr(path.rfind('/') + 1);  // npos + 1 == 0
  bool counts = is_own;
  for (std::string_view prefix : kComputingLibraries) counts = counts || base.starts_with(prefix);
  if (!counts) return 0;
  if (is_own) objects->own_has_id = !id.empty();
  objects->ids.append(is_own ? "(program)" : base).append(1, '\0').append(id).append(1, '\0');
  return 0;
}

// What the code and data computing an index are: empty when the program has no build id (a
// rebuilt binary could then not be told from the one that wrote a file).
std::string CodeIdentity() {
  LoadedObjects objects;
  objects.own_code = reinterpret_cast<const void*>(&CollectBuildIds);
  dl_iterate_phdr(&CollectBuildIds, &objects);
  if (!objects.own_has_id) return {};
  // OpenCC's dictionaries are data files, not code: their sizes and times.
  for (const char* f : {"/usr/share/opencc/t2s.json", "/usr/share/opencc/TSPhrases.ocd2",
                        "/usr/share/opencc/TSCharacters.ocd2"}) {
    struct stat st {};
    if (stat(f, &st) == 0)
      objects.ids.append(f)
          .append(std::to_string(st.st_size))
          .append(1, ':')
          .append(std::to_string(st.st_mtim.tv_sec));
  }
  return objects.ids;
}

// A fast check sum of the file's body: catches a damaged file (the key rules out foreign ones).
uint64_t Checksum(std::string_view bytes) {
  uint64_t sum = bytes.size();
  constexpr size_t kChunk = 1 << 20;
  for (size_t i = 0; i < bytes.size(); i += kChunk)
    sum = sum * 0x9e3779b97f4a7c15ULL ^ std::hash<std::string_view>()(bytes.substr(i, kChunk));
  return sum;
}

// A read-only mapping of a whole file; empty() if it cannot be mapped.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    if (fstat(fd, &st) == 0 && st.st_size > 0) {
      void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED) {
        data_ = static_cast<const char*>(p);
        size_ = static_cast<size_t>(st.st_size);
        madvise(p, size_, MADV_SEQUENTIAL | MADV_WILLNEED);
      }
    }
    close(fd);
  }
  ~MappedFile() {
    if (data_) munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {data_, size_}; }
  bool empty() const { return data_ == nullptr; }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

// The body of a cached file whose check sum holds (NotFound: no file; Corrupt: damaged).
Result<std::string_view> CheckedBody(const MappedFile& file, std::string_view what) {
  if (file.empty()) return Status::NotFound("no cached " + std::string(what));
  const std::string_view bytes = file.bytes();
  if (bytes.size() < sizeof(uint64_t))
    return Status::Corrupt("cached " + std::string(what) + " is damaged");
  const std::string_view body = bytes.substr(0, bytes.size() - sizeof(uint64_t));
  uint64_t stored = 0;
  std::memcpy(&stored, bytes.data() + body.size(), sizeof stored);
  if (stored != Checksum(body))
    return Status::Corrupt("cached " + std::string(what) + " is damaged");
  return body;
}

Result<std::unique_ptr<Screener>> ReadCached(std::shared_ptr<const Snapshot> snapshot,
                                             const std::string& path) {
  const MappedFile file(path);
  auto body = CheckedBody(file, "index");
  if (!body.ok()) return body.status();
  return Screener::LoadIndex(std::move(snapshot), *body);
}

// Writes `bytes` and their check sum beside the final name and renames the file into place, so
// that a reader sees a whole file or none. No fsync: a file cut short by a crash fails its check
// sum and is rebuilt.
Status WriteCached(std::string bytes, const std::string& path) {
  const uint64_t sum = Checksum(bytes);
  bytes.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  const std::string tmp = path + ".tmp." + std::to_string(getpid());
  {
    // Owner-only (0600 whatever the umask): the index holds every listed name, an
    // organisation's own lists included.
    const int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return Status::IoError("cannot create " + tmp + ": " + std::strerror(errno));
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    const int write_errno = errno;
    if (close(fd) != 0 || done < bytes.size()) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return Status::IoError("cannot write " + tmp + ": " + std::strerror(write_errno));
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    return Status::IoError("cannot rename " + tmp + " to " + path);
  }
  return Status::Ok();
}

// Creates `dir` and any missing parent as owner-only directories (0700, like the XDG base
// directory specification asks of $XDG_CACHE_HOME); existing directories are left as they are.
Status CreatePrivateDirectories(const std::string& dir) {
  std::string prefix;
  size_t at = 0;
  while (at <= dir.size()) {
    size_t slash = dir.find('/', at);
    if (slash == std::string::npos) slash = dir.size();
    prefix = dir.substr(0, slash);
    at = slash + 1;
    if (prefix.empty()) continue;
    if (mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST)
      return Status::IoError("cannot create " + prefix + ": " + std::strerror(errno));
  }
  struct stat st {};
  if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return Status::IoError(dir + " is not a directory");
  return Status::Ok();
}

// Removes all but the `keep` most recently used cached files ending in `suffix` (and their
// temporaries over a day old).
void Evict(const std::string& dir, std::string_view suffix, size_t keep) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    const fs::file_time_type t = e.last_write_time(ec);
    if (ec) continue;
    if (name.size() > suffix.size() && name.ends_with(suffix)) {
      files.emplace_back(t, e.path());
    } else if (name.find(std::string(suffix) + ".tmp.") != std::string::npos &&
               fs::file_time_type::clock::now() - t > std::chrono::hours(24)) {
      fs::remove(e.path(), ec);
    }
  }
  if (files.size() <= keep) return;
  std::sort(files.begin(), files.end(), std::greater<>());
  for (size_t i = keep; i < files.size(); ++i) fs::remove(files[i].second, ec);
}

// Marks a cached file used now (eviction keeps the most recently used).
void MarkUsed(const std::string& path) {
  std::error_code ec;
  std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now(), ec);
}

// Writes `bytes` as the cached file `path` in `dir` (created owner-only if missing), then keeps
// the `keep` most recently used files of its kind; a failure is a note ("<what> not written").
void Store(const std::string& dir, const std::string& path, std::string bytes,
           std::string_view suffix, size_t keep, std::string_view what, IndexCacheOutcome& out) {
  if (Status s = CreatePrivateDirectories(dir); !s.ok()) {
    out.note = std::string(what) + " not written: " + s.message();
  } else if (Status s = WriteCached(std::move(bytes), path); !s.ok()) {
    out.note = std::string(what) + " not written: " + s.message();
  } else {
    out.written = true;
    Evict(dir, suffix, keep);
  }
}

}  // namespace

std::string DefaultIndexCacheDir() {
  if (const char* v = std::getenv("PARTYSCREEN_INDEX_CACHE"))
    return std::string_view(v) == "off" ? std::string() : std::string(v);
  if (const char* v = std::getenv("XDG_CACHE_HOME"); v && *v)
    return std::string(v) + "/partyscreen";
  if (const char* v = std::getenv("HOME"); v && *v) return std::string(v) + "/.cache/partyscreen";
  return {};
}

std::string IndexCacheKey(const Snapshot& snapshot) {
  const std::string code = CodeIdentity();
  if (code.empty()) return {};
  Sha256 h;
  h.Update(EngineVersion());
  h.Update(std::string_view("\0", 1));
  h.Update(snapshot.hash);
  h.Update(std::string_view("\0", 1));
  h.Update(code);
  return h.HexDigest().substr(0, 32);
}

Result<std::unique_ptr<Screener>> BuildWithIndexCache(std::shared_ptr<const Snapshot> snapshot,
                                                      const std::string& dir,
                                                      IndexCacheOutcome* outcome, size_t keep) {
  IndexCacheOutcome ignored;
  IndexCacheOutcome& out = outcome ? *outcome : ignored;
  out = {};
  if (!snapshot || dir.empty()) return Screener::Build(std::move(snapshot));
  const std::string key = IndexCacheKey(*snapshot);
  if (key.empty()) {
    out.note = "index cache off: the program has no build id";
    return Screener::Build(std::move(snapshot));
  }
  const std::string path = dir + "/" + key + std::string(kSuffix);
  auto cached = ReadCached(snapshot, path);
  if (cached.ok()) {
    out.read = true;
    MarkUsed(path);
    return cached;
  }
  if (cached.status().code() != Status::Code::kNotFound)
    out.note = path + ": " + cached.status().message() + "; rebuilt";
  auto built = Screener::Build(std::move(snapshot));
  if (!built.ok()) return built;
  Store(dir, path, (*built)->SaveIndex(), kSuffix, keep, "index cache", out);
  return built;
}

namespace {

constexpr std::string_view kSnapshotSuffix = ".pssnap";
constexpr uint64_t kSnapshotCacheMagic = 0x31434e5353505350ULL;  // "PSPSSNC1"

std::string FileSha256(const std::string& path) {
  const MappedFile file(path);
  return Sha256Hex(file.bytes());  // an empty or unreadable file hashes as empty
}

// What a parse of `lists` read, summed up so that a change shows: every directory given, and the
// directory of every file read (`files`, the snapshot's SourceInfo::files), with the name, size
// and modification time of each regular file in it (a companion file appearing is a change too),
// the contents of the given directories' files (a `lists update` manifest) and of every file read.
// Returns the SHA-256, and in *read_hashes the hash of each file of `files` in order.
std::string InputsFingerprint(const std::vector<ListSpec>& lists,
                              const std::vector<std::string>& files,
                              std::vector<std::string>* read_hashes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::pair<std::string, bool>> dirs;  // (absolute path, hash its files' contents)
  for (const ListSpec& l : lists) {
    const fs::path abs = fs::absolute(l.path, ec);
    if (fs::is_directory(abs, ec))
      dirs.emplace_back(abs.lexically_normal().string(), true);
    else
      dirs.emplace_back(abs.parent_path().lexically_normal().string(), false);
  }
  for (const std::string& f : files)
    dirs.emplace_back(fs::absolute(f, ec).parent_path().lexically_normal().string(), false);
  std::sort(dirs.begin(), dirs.end());
  Sha256 h;
  auto field = [&h](std::string_view v) {
    h.Update(v);
    h.Update(std::string_view("\0", 1));
  };
  for (size_t d = 0; d < dirs.size(); ++d) {
    if (d > 0 && dirs[d].first == dirs[d - 1].first) continue;
    field("dir");
    field(dirs[d].first);
    std::vector<std::string> names;
    for (const fs::directory_entry& e : fs::directory_iterator(dirs[d].first, ec))
      if (e.is_regular_file(ec)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      const std::string path = dirs[d].first + "/" + name;
      struct stat st {};
      if (stat(path.c_str(), &st) != 0) continue;
      field(name);
      field(std::to_string(st.st_size));
      field(std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec));
      if (dirs[d].second) field(FileSha256(path));
    }
  }
  read_hashes->clear();
  for (const std::string& f : files) {
    read_hashes->push_back(FileSha256(f));
    field("read");
    field(f);
    field(read_hashes->back());
  }
  return h.HexDigest();
}

std::vector<std::string> FilesRead(const Snapshot& snapshot) {
  std::vector<std::string> files;
  for (const SourceInfo& s : snapshot.sources)
    files.insert(files.end(), s.files.begin(), s.files.end());
  return files;
}

// Whether the files hashed after a parse are the ones the parse read (per source: its sha256 is
// the file's, or for a set the hash over its files' hashes): false when a file changed meanwhile.
bool SnapshotMatchesFiles(const Snapshot& snapshot, const std::vector<std::string>& read_hashes) {
  size_t k = 0;
  for (const SourceInfo& s : snapshot.sources) {
    if (k + s.files.size() > read_hashes.size()) return false;
    std::string expected;
    if (s.files.size() == 1) {
      expected = read_hashes[k];
    } else {
      Sha256 set;
      for (size_t i = 0; i < s.files.size(); ++i) set.Update(read_hashes[k + i]);
      expected = set.HexDigest();
    }
    if (expected != s.sha256) return false;
    k += s.files.size();
  }
  return true;
}

std::string SnapshotCacheKey(const std::vector<ListSpec>& lists, const LoadOptions& options) {
  const std::string code = CodeIdentity();
  if (code.empty()) return {};
  namespace fs = std::filesystem;
  std::error_code ec;
  Sha256 h;
  auto field = [&h](std::string_view v) {
    h.Update(v);
    h.Update(std::string_view("\0", 1));
  };
  field("snapshot");
  field(code);
  field(fs::current_path(ec).string());
  field(std::to_string(options.max_bad_fraction));
  for (const ListSpec& l : lists) {
    field(l.path);
    field(l.format);
    field(l.published);
    field(l.retrieved);
  }
  return h.HexDigest().substr(0, 32);
}

Result<Snapshot> ReadCachedSnapshot(const std::vector<ListSpec>& lists, const std::string& path) {
  const MappedFile file(path);
  auto body = CheckedBody(file, "snapshot");
  if (!body.ok()) return body.status();
  BinaryReader in(*body);
  if (in.Pod<uint64_t>() != kSnapshotCacheMagic)
    return Status::Corrupt("cached snapshot is damaged");
  const std::string fingerprint = in.Str();
  if (in.failed()) return Status::Corrupt("cached snapshot is damaged");
  auto snapshot = DecodeSnapshot(body->substr(sizeof(uint64_t) * 2 + fingerprint.size()));
  if (!snapshot.ok()) return snapshot.status();
  std::vector<std::string> read_hashes;
  if (InputsFingerprint(lists, FilesRead(*snapshot), &read_hashes) != fingerprint)
    return Status::NotFound("the list files changed");  // a miss, not damage
  return snapshot;
}

}  // namespace

Result<Snapshot> LoadSnapshotWithCache(const std::vector<ListSpec>& lists, const std::string& dir,
                                       IndexCacheOutcome* outcome, size_t keep) {
  IndexCacheOutcome ignored;
  IndexCacheOutcome& out = outcome ? *outcome : ignored;
  out = {};
  const LoadOptions options;
  if (dir.empty()) return LoadSnapshot(lists, options);
  const std::string key = SnapshotCacheKey(lists, options);
  if (key.empty()) {
    out.note = "list cache off: the program has no build id";
    return LoadSnapshot(lists, options);
  }
  const std::string path = dir + "/" + key + std::string(kSnapshotSuffix);
  auto cached = ReadCachedSnapshot(lists, path);
  if (cached.ok()) {
    out.read = true;
    MarkUsed(path);
    return cached;
  }
  if (cached.status().code() != Status::Code::kNotFound)
    out.note = path + ": " + cached.status().message() + "; parsed again";
  auto loaded = LoadSnapshot(lists, options);
  if (!loaded.ok()) return loaded;
  std::vector<std::string> read_hashes;
  const std::string fingerprint = InputsFingerprint(lists, FilesRead(*loaded), &read_hashes);
  if (!SnapshotMatchesFiles(*loaded, read_hashes)) return loaded;  // a file changed meanwhile
  BinaryWriter header;
  header.Pod<uint64_t>(kSnapshotCacheMagic);
  header.Str(fingerprint);
  std::string bytes = std::move(header.bytes());
  bytes += EncodeSnapshot(*loaded);
  Store(dir, path, std::move(bytes), kSnapshotSuffix, keep, "list cache", out);
  return loaded;
}

}  // namespace partyscreen
