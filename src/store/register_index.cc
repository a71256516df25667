#include "store/register_index.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "core/atomic_file.h"
#include "core/binary_io.h"
#include "core/parallel.h"
#include "core/sha256.h"
#include "fmt/format.h"
#include "store/store_rows.h"

namespace partyscreen::store {

namespace {

constexpr char kMagic[] = "partyscreen-register-index";
constexpr uint32_t kFormatVersion = 1;
constexpr size_t kChecksumChars = 64;  // SHA-256 in hex of everything before it

Result<int64_t> CurrentRevision(SqlConnection& conn) {
  auto rows = conn.Query("SELECT value FROM store_meta WHERE name = 'register_revision'");
  if (!rows.ok()) return rows.status();
  return rows->empty() ? int64_t{0} : AsInt((*rows)[0][0]);
}

// The customers `where` selects, as a part of the index.
Result<RegisterIndex::Part> IndexCustomers(SqlConnection& conn, const std::string& where,
                                           const std::vector<SqlParam>& params, size_t threads) {
  RegisterIndex::Part part;
  std::vector<Query> queries;
  Status s = conn.ForEachRow(
      std::string("SELECT ") + kCustomerColumns + ", c.content_hash FROM customers c" + where,
      params, [&](const SqlRow& row) {
        Customer c = CustomerFromRow(row);
        part.ids.push_back(c.id);
        part.tags.push_back(ContentTag(AsText(row[6])));
        queries.push_back(std::move(c));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  part.queries = PreparedQueries::Build(queries, threads);
  return part;
}

Status Save(const std::string& path, const std::string& database_id, int64_t revision,
            const RegisterIndex::Part& part) {
  BinaryWriter out;
  out.Str(kMagic);
  out.Pod<uint32_t>(kFormatVersion);
  out.Str(database_id);
  out.Pod<int64_t>(revision);
  out.StrVector(part.ids);
  out.PodVector(part.tags);
  out.Str(part.queries->Serialize());
  std::string& bytes = out.bytes();
  bytes += Sha256Hex(bytes);
  // Written aside and renamed: a reader sees the old file or the new one, never half of one.
  auto file = AtomicFile::Create(path);
  if (!file.ok()) return file.status();
  (*file)->stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return (*file)->Commit();
}

using SavedPart = RegisterIndex::Saved;

// A file mapped read-only into memory (no copy: the decoder reads the page cache directly).
class MappedFile {
 public:
  static Result<std::unique_ptr<MappedFile>> Open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::NotFound("no saved register index");
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      ::close(fd);
      return Status::IoError(path + ": cannot stat");
    }
    std::unique_ptr<MappedFile> f(new MappedFile());
    f->size_ = static_cast<size_t>(st.st_size);
    if (f->size_ > 0) {
      void* p = ::mmap(nullptr, f->size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (p == MAP_FAILED) {
        ::close(fd);
        return Status::IoError(path + ": cannot map");
      }
      f->data_ = static_cast<const char*>(p);
    }
    ::close(fd);
    return f;
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {data_ ? data_ : "", size_}; }

 private:
  MappedFile() = default;
  const char* data_ = nullptr;
  size_t size_ = 0;
};

Result<SavedPart> Load(const std::string& path, const std::string& database_id, size_t threads) {
  const auto started = std::chrono::steady_clock::now();
  auto file = MappedFile::Open(path);
  if (!file.ok()) return file.status();
  const std::string_view bytes = (*file)->bytes();
  const auto damaged = [&](const std::string& why) { return Status::Corrupt(path + ": " + why); };
  if (bytes.size() < kChecksumChars) return damaged("truncated");
  const std::string_view body(bytes.data(), bytes.size() - kChecksumChars);
  // The checksum is verified while the body is decoded (decoding never trusts the bytes: a
  // damaged body gives an error or a sane index, which a wrong checksum then discards).
  bool checksum_ok = false;
  std::thread verify([&] { checksum_ok = Sha256Hex(body) == bytes.substr(body.size()); });
  auto decode = [&]() -> Result<SavedPart> {
    BinaryReader in(body);
    if (in.Str() != kMagic || in.Pod<uint32_t>() != kFormatVersion)
      return damaged("not a register index of this version");
    if (in.Str() != database_id) return damaged("made for another database");
    SavedPart saved;
    saved.revision = in.Pod<int64_t>();
    saved.part.ids = in.StrVector();
    saved.part.tags = in.PodVector<uint64_t>();
    const std::string_view index_bytes = in.StrView();
    if (in.failed() || !in.at_end()) return damaged("malformed");
    auto queries = PreparedQueries::Deserialize(index_bytes, threads);
    if (!queries.ok()) return damaged(queries.status().message());
    saved.part.queries = std::move(queries).value();
    if (saved.part.ids.size() != saved.part.queries->size() ||
        saved.part.tags.size() != saved.part.ids.size())
      return damaged("customer count disagrees with the index");
    return saved;
  };
  Result<SavedPart> saved = decode();
  verify.join();
  if (!checksum_ok) return damaged("checksum does not match (damaged or partly written)");
  if (saved.ok())
    saved->read_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return saved;
}

// Builds the whole register's index and saves it (when the database has a file). The index is
// derived data: if it cannot be saved, it is still returned, and `*not_saved` says why.
Result<RegisterIndex::Part> RebuildAndSave(Database& db, size_t threads, std::string* not_saved) {
  SqlConnection& conn = store::ConnectionOf(db);
  // Read before the scan: a customer written during it gets a larger revision and is indexed
  // afresh by the next Open, whether or not the scan saw it.
  auto revision = CurrentRevision(conn);
  if (!revision.ok()) return revision.status();
  auto part = IndexCustomers(conn, "", {}, threads);
  if (!part.ok()) return part.status();
  if (const std::string path = RegisterIndexPath(db); !path.empty()) {
    Status s = Save(path, db.id(), *revision, *part);
    if (!s.ok()) *not_saved = s.message();
  }
  return part;
}

// Whether a saved index lags so far behind that building anew is cheaper than catching up.
bool FarBehind(size_t saved, size_t written_since) {
  return written_since > 1000 && written_since > saved / 4;
}

Result<uint64_t> CountWrittenSince(SqlConnection& conn, int64_t revision) {
  auto rows = conn.Query("SELECT COUNT(*) FROM customers WHERE revision > ?", {revision});
  if (!rows.ok()) return rows.status();
  return static_cast<uint64_t>(AsInt((*rows)[0][0]));
}

// Whether a saved index (as read, or the error reading it) can serve the register as it is now.
struct Usability {
  std::string why_not;   // empty: usable
  uint64_t written = 0;  // customers written since it was saved
};
Result<Usability> CheckUsable(SqlConnection& conn, const Result<SavedPart>& saved) {
  if (!saved.ok()) return Usability{saved.status().message(), 0};
  auto written = CountWrittenSince(conn, saved->revision);
  if (!written.ok()) return written.status();
  if (FarBehind(saved->part.ids.size(), *written))
    return Usability{fmt::format("{} customers written since the saved index", *written), *written};
  return Usability{"", *written};
}

}  // namespace

Result<int64_t> NextRegisterRevision(SqlConnection& conn) {
  // The row exists before it is read for update, so that concurrent writers queue on its lock
  // (PostgreSQL; SQLite write transactions are serialised anyway) and never share a revision.
  Status created = conn.Run(
      "INSERT INTO store_meta (name, value) VALUES ('register_revision', '0') ON CONFLICT DO "
      "NOTHING");
  if (!created.ok()) return created;
  auto rows = conn.Query("SELECT value FROM store_meta WHERE name = 'register_revision'" +
                         std::string(conn.ForUpdate()));
  if (!rows.ok()) return rows.status();
  const int64_t last = rows->empty() ? 0 : AsInt((*rows)[0][0]);
  const int64_t now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  const int64_t next = std::max(last + 1, now_us);
  Status s = conn.Run(
      "INSERT INTO store_meta (name, value) VALUES ('register_revision', ?)"
      " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
      {std::to_string(next)});
  if (!s.ok()) return s;
  return next;
}

std::string RegisterIndexPath(const Database& db) {
  const std::string& location = db.location();
  if (IsPostgresLocation(location)) {
    const char* dir = std::getenv("PARTYSCREEN_REGISTER_INDEX_DIR");
    if (dir == nullptr || *dir == '\0') return "";
    return (std::filesystem::path(dir) / (db.id() + ".register-index")).string();
  }
  if (IsInMemoryLocation(location)) return "";
  return location + ".register-index";
}

uint64_t ContentTag(std::string_view content_hash) {
  uint64_t tag = 0;
  for (size_t i = 0; i < 16 && i < content_hash.size(); ++i) {
    const char c = content_hash[i];
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0;
    tag = tag << 4 | static_cast<uint64_t>(digit);
  }
  return tag;
}

std::future<Result<RegisterIndex::Saved>> RegisterIndex::StartReading(const Database& db,
                                                                      size_t threads) {
  return std::async(std::launch::async,
                    [path = RegisterIndexPath(db), id = db.id(),
                     threads = std::max<size_t>(1, threads)]() -> Result<Saved> {
                      if (path.empty()) return Status::NotFound("no file for this database");
                      return Load(path, id, threads);
                    });
}

Result<std::unique_ptr<RegisterIndex>> RegisterIndex::Open(Database& db, const Screener& screener,
                                                           size_t threads,
                                                           std::future<Result<Saved>> started) {
  std::unique_ptr<RegisterIndex> out(new RegisterIndex(screener));
  out->threads_ = std::max<size_t>(1, threads);
  SqlConnection& conn = store::ConnectionOf(db);
  const std::string path = RegisterIndexPath(db);
  Result<Saved> saved = Status::NotFound("no file for this database");
  if (started.valid()) {
    saved = started.get();
  } else if (!path.empty()) {
    saved = Load(path, db.id(), out->threads_);
  }
  auto usable = CheckUsable(conn, saved);
  if (!usable.ok()) return usable.status();
  if (usable->why_not.empty()) {
    out->saved_ = std::move(saved->part);
    out->read_seconds_ = saved->read_seconds;
    if (usable->written > 0) {
      auto fresh = IndexCustomers(conn, " WHERE c.revision > ?", {saved->revision}, out->threads_);
      if (!fresh.ok()) return fresh.status();
      out->fresh_ = std::move(fresh).value();
      out->fresh_ids_.insert(out->fresh_.ids.begin(), out->fresh_.ids.end());
    }
    out->source_ = fmt::format("saved index of {} customers + {} written since",
                               out->saved_.ids.size(), out->fresh_.ids.size());
    return out;
  }
  std::string not_saved;
  auto built = RebuildAndSave(db, out->threads_, &not_saved);
  if (!built.ok()) return built.status();
  out->saved_ = std::move(built).value();
  out->source_ = fmt::format("built from the register ({} customers): {}", out->saved_.ids.size(),
                             usable->why_not);
  if (!not_saved.empty()) out->source_ += "; not saved: " + not_saved;
  return out;
}

Result<std::string> RegisterIndex::Refresh(Database& db, size_t threads) {
  threads = std::max<size_t>(1, threads);
  const std::string path = RegisterIndexPath(db);
  if (path.empty()) return std::string("no register index file for this database");
  auto usable = CheckUsable(store::ConnectionOf(db), Load(path, db.id(), threads));
  if (!usable.ok()) return usable.status();
  if (usable->why_not.empty())
    return fmt::format("register index kept ({} customers written since are indexed when used)",
                       usable->written);
  std::string not_saved;
  auto built = RebuildAndSave(db, threads, &not_saved);
  if (!built.ok()) return built.status();
  if (!not_saved.empty()) return Status::IoError(not_saved);
  return fmt::format("register index rebuilt ({} customers)", built->ids.size());
}

RegisterMatches RegisterIndex::Search(const std::vector<SearchedEntity>& entities,
                                      const ScreenOptions& options) const {
  RegisterMatches out;
  for (const Part* part : {&saved_, &fresh_}) {
    if (!part->queries || part->ids.empty()) continue;
    const QueryIndex index(screener_, part->queries);
    std::vector<std::vector<QueryIndex::Match>> per_entity(entities.size());
    ParallelFor(entities.size(), threads_, [&](size_t i) {
      const SearchedEntity& e = entities[i];
      per_entity[i] =
          e.before ? index.FindChanged(e.index, *e.before, options) : index.Find(e.index, options);
    });
    for (std::vector<QueryIndex::Match>& matches : per_entity)
      for (QueryIndex::Match& m : matches) {
        const std::string& id = part->ids[m.query];
        if (part == &saved_ && fresh_ids_.count(id)) continue;  // written since: see fresh_
        CustomerHits& c = out.by_customer[id];
        c.content_tag = part->tags[m.query];
        c.hits.push_back(std::move(m.hit));
        ++out.pairs;
      }
  }
  return out;
}

size_t RegisterIndex::size() const { return saved_.ids.size() + fresh_.ids.size(); }

}  // namespace partyscreen::store
