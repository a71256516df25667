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

// The size of the intact frame at the start of `in` (its entry in `e`), or 0.
size_t ParseFrame(std::string_view in, JournalEntry* e) {
  if (in.size() < kFrameHeader) return 0;
  BinaryReader r(in);
  const uint32_t length = r.Pod<uint32_t>();
  const uint32_t crc = r.Pod<uint32_t>();
  const uint64_t id = r.Pod<uint64_t>();
  if (length == 0 || length > kMaxPayload || kFrameHeader + length > in.size()) return 0;
  const std::string_view payload = in.substr(kFrameHeader, length);
  if (Crc(id, payload) != crc) return 0;
  e->id = id;
  if (!DecodeRecord(payload, &e->record)) return 0;
  return kFrameHeader + length;
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
  const auto note = [&](std::string what) {
    out.dropped += (out.dropped.empty() ? "" : "; ") + what;
  };
  while (pos < bytes.size()) {
    JournalEntry e;
    if (const size_t n = ParseFrame(bytes.substr(pos), &e); n > 0) {
      out.entries.push_back(std::move(e));
      pos += n;
      out.valid_bytes = pos;
      continue;
    }
    // No intact frame here: a write cut short. Intact frames after it were written by others.
    size_t next = pos + 1;
    while (next + kFrameHeader <= bytes.size() && ParseFrame(bytes.substr(next), &e) == 0) ++next;
    if (next + kFrameHeader > bytes.size()) {
      note(fmt::format("a torn last record at byte {} ({} bytes{})", pos, bytes.size() - pos,
                       AllZero(bytes.substr(pos)) ? ", zeros" : ""));
      break;
    }
    note(fmt::format("a record cut short at byte {} ({} bytes skipped, intact records follow)", pos,
                     next - pos));
    pos = next;
  }
  return out;
}

AuditJournal::AuditJournal(std::string path, int fd, std::string header)
    : path_(std::move(path)), fd_(fd), header_(std::move(header)) {}

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
  std::unique_ptr<AuditJournal> j(new AuditJournal(path, fd, EncodeJournalHeader(database_id)));
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
  j->size_ = contents->valid_bytes;
  if (contents->valid_bytes == 0) {  // new (or a header cut short): start it
    if (Status s = j->Reset(); !s.ok()) return s;
  } else if (contents->valid_bytes < bytes.size() &&
             ::ftruncate(fd, static_cast<off_t>(contents->valid_bytes)) != 0)
    return Status::IoError(
        fmt::format("{}: cannot cut the torn tail of the audit journal: {}", path, Errno()));
  *found = std::move(contents).value();
  return j;
}

Status AuditJournal::Append(std::string_view frames) {
  std::string_view rest = frames;
  while (!rest.empty()) {  // more than one round only after a signal or a short write
    const ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      return Status::IoError(fmt::format("{}: audit journal write failed: {}", path_,
                                         n < 0 ? Errno() : "nothing written"));
    rest.remove_prefix(static_cast<size_t>(n));
  }
  size_.fetch_add(frames.size(), std::memory_order_relaxed);
  return Status::Ok();
}

Status AuditJournal::Reset() {
  if (::ftruncate(fd_, 0) != 0)
    return Status::IoError(fmt::format("{}: cannot empty the audit journal: {}", path_, Errno()));
  size_ = 0;
  if (Status s = Append(header_); !s.ok()) {
    (void)::ftruncate(fd_, 0);  // a header cut short is read as an empty journal
    return s;
  }
  return Status::Ok();
}

Status AuditJournal::Remove() {
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT)
    return Status::IoError(fmt::format("{}: cannot remove the audit journal: {}", path_, Errno()));
  return Status::Ok();
}

}  // namespace partyscreen::store
