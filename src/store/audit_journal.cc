// The audit journal file: framing, checksums, torn-tail detection, locking. See audit_journal.h.
#include "store/audit_journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "core/binary_io.h"
#include "fmt/format.h"

namespace partyscreen::store {

namespace {

constexpr std::string_view kMagic = "partyscreen audit journal 1 ";
constexpr size_t kFrameHeader = 16;          // length, checksum, id
constexpr uint32_t kMaxPayload = 64u << 20;  // far above any record: a larger length is garbage

uint32_t PayloadCrc(std::string_view payload) {
  // zlib takes a uInt length; payloads are below kMaxPayload.
  return static_cast<uint32_t>(crc32(crc32(0L, Z_NULL, 0),
                                     reinterpret_cast<const Bytef*>(payload.data()),
                                     static_cast<uInt>(payload.size())));
}

// CRC-32 of the id's 8 bytes followed by the payload, from the payload's own CRC.
uint32_t Crc(uint64_t id, uint32_t payload_crc, size_t payload_size) {
  const uLong id_crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(&id), sizeof(id));
  return static_cast<uint32_t>(
      crc32_combine(id_crc, payload_crc, static_cast<z_off_t>(payload_size)));
}

uint32_t Crc(uint64_t id, std::string_view payload) {
  return Crc(id, PayloadCrc(payload), payload.size());
}

std::string EncodeRecord(const AuditRecord& r) {
  BinaryWriter w;
  w.Str(r.kind);
  w.Str(r.who);
  w.Str(r.query_json);
  w.Str(r.snapshot);
  w.Str(r.engine);
  w.Pod<double>(r.threshold);
  w.Pod<uint64_t>(r.hits.size());
  for (const AuditHit& h : r.hits) {
    w.Str(h.entity_id);
    w.Pod<double>(h.score);
    w.Str(h.matched_name);
    w.Str(h.state);
  }
  w.Str(r.detail_json);
  w.Str(r.time);
  return std::move(w.bytes());
}

bool DecodeRecord(std::string_view bytes, AuditRecord* r) {
  BinaryReader in(bytes);
  r->kind = in.Str();
  r->who = in.Str();
  r->query_json = in.Str();
  r->snapshot = in.Str();
  r->engine = in.Str();
  r->threshold = in.Pod<double>();
  const uint64_t hits = in.Pod<uint64_t>();
  if (hits > bytes.size()) return false;
  r->hits.resize(hits);
  for (AuditHit& h : r->hits) {
    h.entity_id = in.Str();
    h.score = in.Pod<double>();
    h.matched_name = in.Str();
    h.state = in.Str();
  }
  r->detail_json = in.Str();
  r->time = in.Str();
  return !in.failed() && in.at_end();
}

bool AllZero(std::string_view s) { return s.find_first_not_of('\0') == std::string_view::npos; }

std::string Errno() { return std::strerror(errno); }

}  // namespace

std::string EncodeJournalHeader(std::string_view database_id) {
  return std::string(kMagic) + std::string(database_id) + "\n";
}

PreparedFrame PrepareJournalFrame(const AuditRecord& record) {
  const std::string payload = EncodeRecord(record);
  BinaryWriter w;
  w.Pod<uint32_t>(static_cast<uint32_t>(payload.size()));
  w.Pod<uint32_t>(0);  // checksum and id: SealJournalFrame
  w.Pod<uint64_t>(0);
  w.bytes() += payload;
  return PreparedFrame{std::move(w.bytes()), PayloadCrc(payload)};
}

void SealJournalFrame(uint64_t id, PreparedFrame& frame) {
  const uint32_t crc = Crc(id, frame.payload_crc, frame.bytes.size() - kFrameHeader);
  std::memcpy(frame.bytes.data() + 4, &crc, sizeof(crc));
  std::memcpy(frame.bytes.data() + 8, &id, sizeof(id));
}

std::string EncodeJournalFrame(uint64_t id, const AuditRecord& record) {
  PreparedFrame frame = PrepareJournalFrame(record);
  SealJournalFrame(id, frame);
  return std::move(frame.bytes);
}

Result<JournalContents> DecodeJournal(std::string_view bytes, std::string_view database_id,
                                      const std::string& path) {
  JournalContents out;
  if (bytes.empty()) return out;
  const size_t eol = bytes.find('\n');
  if (eol == std::string_view::npos) {  // a header cut short: nothing was ever appended after it
    if (std::string_view(kMagic).substr(0, bytes.size()) == bytes.substr(0, kMagic.size()) ||
        AllZero(bytes)) {
      out.dropped = fmt::format("an incomplete header ({} bytes)", bytes.size());
      return out;
    }
    return Status::Corrupt(path + ": not a partyscreen audit journal");
  }
  const std::string_view header = bytes.substr(0, eol);
  if (header.substr(0, kMagic.size()) != kMagic)
    return Status::Corrupt(path + ": not a partyscreen audit journal");
  if (header.substr(kMagic.size()) != database_id)
    return Status::Corrupt(fmt::format(
        "{}: audit journal of another database (id {}, this one is {}); move it aside after "
        "checking that its records are not needed",
        path, header.substr(kMagic.size()), database_id));
  size_t pos = eol + 1;
  out.valid_bytes = pos;
  while (pos < bytes.size()) {
    const std::string_view rest = bytes.substr(pos);
    const auto torn = [&](std::string why) {
      out.dropped =
          fmt::format("a torn last record at byte {} ({} bytes: {})", pos, rest.size(), why);
      return out;
    };
    if (AllZero(rest)) return torn("zeros");
    if (rest.size() < kFrameHeader) return torn("cut short in its frame header");
    BinaryReader in(rest);
    const uint32_t length = in.Pod<uint32_t>();
    const uint32_t crc = in.Pod<uint32_t>();
    const uint64_t id = in.Pod<uint64_t>();
    if (length > kMaxPayload)
      return Status::Corrupt(
          fmt::format("{}: damaged record at byte {} (length {})", path, pos, length));
    if (kFrameHeader + length > rest.size()) return torn("cut short");
    const std::string_view payload = rest.substr(kFrameHeader, length);
    const bool last = kFrameHeader + length == rest.size();
    if (Crc(id, payload) != crc) {
      if (last) return torn("checksum mismatch");
      return Status::Corrupt(fmt::format(
          "{}: damaged record at byte {} (checksum mismatch) with {} bytes after it; refusing to "
          "drop them: move the journal aside and recover its records by hand",
          path, pos, rest.size() - kFrameHeader - length));
    }
    JournalEntry e;
    e.id = id;
    if (!DecodeRecord(payload, &e.record))
      return Status::Corrupt(
          fmt::format("{}: record {} at byte {} does not decode", path, id, pos));
    if (!out.entries.empty() && id != out.entries.back().id + 1)
      return Status::Corrupt(fmt::format("{}: record {} at byte {} follows record {}", path, id,
                                         pos, out.entries.back().id));
    out.entries.push_back(std::move(e));
    pos += kFrameHeader + length;
    out.valid_bytes = pos;
  }
  return out;
}

AuditJournal::AuditJournal(std::string path, int fd, std::string header, uint64_t size)
    : path_(std::move(path)), fd_(fd), header_(std::move(header)), size_(size) {}

AuditJournal::~AuditJournal() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::unique_ptr<AuditJournal>> AuditJournal::Open(const std::string& path,
                                                         std::string_view database_id,
                                                         JournalContents* found) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    return Status::IoError(fmt::format("{}: cannot open the audit journal: {}", path, Errno()));
  // From here the descriptor belongs to the journal (closed by its destructor on every return).
  std::unique_ptr<AuditJournal> j(new AuditJournal(path, fd, EncodeJournalHeader(database_id), 0));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0)
    return Status::IoError(fmt::format(
        "{}: the audit journal is in use (another partyscreen serve on this database?)", path));
  std::string bytes;
  char buf[1 << 16];
  for (off_t at = 0;;) {
    const ssize_t n = ::pread(fd, buf, sizeof(buf), at);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(fmt::format("{}: cannot read the audit journal: {}", path, Errno()));
    }
    if (n == 0) break;
    bytes.append(buf, static_cast<size_t>(n));
    at += n;
  }
  auto contents = DecodeJournal(bytes, database_id, path);
  if (!contents.ok()) return contents.status();
  j->size_ = bytes.size();
  if (contents->valid_bytes < bytes.size()) {
    if (::ftruncate(fd, static_cast<off_t>(contents->valid_bytes)) != 0)
      return Status::IoError(
          fmt::format("{}: cannot cut the torn tail of the audit journal: {}", path, Errno()));
    j->size_ = contents->valid_bytes;
  }
  *found = std::move(contents).value();
  return j;
}

Status AuditJournal::WriteAll(std::string_view frames) {
  // An empty file gets its header with its first frames (so it is never frames without one).
  const std::string with_header = size_ == 0 ? header_ + std::string(frames) : std::string();
  const std::string_view data = size_ == 0 ? std::string_view(with_header) : frames;
  if (broken_)
    return Status::IoError(path_ +
                           ": an earlier failed write could not be undone; the audit journal takes "
                           "no more records until the server restarts");
  std::string_view rest = data;
  while (!rest.empty()) {
    const ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = n < 0 ? Errno() : "nothing written";
      // Cut the partial frame off, so that the next one follows the last intact frame.
      if (rest.size() != data.size() && ::ftruncate(fd_, static_cast<off_t>(size_)) != 0)
        broken_ = true;
      return Status::IoError(fmt::format("{}: audit journal write failed: {}", path_, why));
    }
    rest.remove_prefix(static_cast<size_t>(n));
  }
  size_ += data.size();
  return Status::Ok();
}

Status AuditJournal::Append(std::string_view frames) { return WriteAll(frames); }

Status AuditJournal::Reset() {
  if (::ftruncate(fd_, 0) != 0)
    return Status::IoError(fmt::format("{}: cannot empty the audit journal: {}", path_, Errno()));
  size_ = 0;
  broken_ = false;
  return Status::Ok();
}

Status AuditJournal::Remove() {
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT)
    return Status::IoError(fmt::format("{}: cannot remove the audit journal: {}", path_, Errno()));
  return Status::Ok();
}

}  // namespace partyscreen::store
