#include "core/input.h"

#include <zip.h>
#include <zlib.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "core/strings.h"

namespace partyscreen {

bool IsGzip(std::string_view d) { return d.size() >= 2 && d[0] == '\x1f' && d[1] == '\x8b'; }
bool IsZip(std::string_view d) {
  return d.size() >= 4 && d.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

Result<std::string> Gunzip(std::string_view data, std::string_view label) {
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return Status::Internal("zlib init failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof(buf);
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return Status::Corrupt(std::string(label) + ": gzip data is corrupt or truncated (" +
                             (zs.msg ? zs.msg : "inflate error") + ") after " +
                             std::to_string(out.size()) + " bytes");
    }
    out.append(buf, sizeof(buf) - zs.avail_out);
    if (out.size() > kMaxInputBytes) {
      inflateEnd(&zs);
      return Status::Corrupt(std::string(label) + ": decompresses to more than 1 GiB");
    }
    if (rc != Z_STREAM_END && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return Status::Corrupt(std::string(label) + ": gzip data is truncated after " +
                             std::to_string(out.size()) + " bytes");
    }
  }
  inflateEnd(&zs);
  return out;
}

Result<std::string> ReadListFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open file");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) return Status::IoError(path + ": cannot read file (is it a directory?)");
  if (static_cast<uint64_t>(size) > kMaxInputBytes)
    return Status::IoError(path + ": file larger than 1 GiB");
  in.seekg(0);
  std::string data(static_cast<size_t>(size), '\0');
  if (!in.read(data.data(), size)) return Status::IoError(path + ": read failed");
  if (IsGzip(data)) return Gunzip(data, path);
  return data;
}

namespace {
struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

Result<std::unique_ptr<zip_t, ZipCloser>> OpenZip(std::string_view zip, std::string_view label) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(zip.data(), zip.size(), 0, &err);
  if (!src) return Status::Corrupt(std::string(label) + ": cannot read zip archive");
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!z) {
    std::string msg = zip_error_strerror(&err);
    zip_source_free(src);
    zip_error_fini(&err);
    return Status::Corrupt(std::string(label) + ": not a readable zip archive (" + msg + ")");
  }
  zip_error_fini(&err);
  return std::unique_ptr<zip_t, ZipCloser>(z);
}
}  // namespace

Result<std::vector<std::string>> ZipMemberNames(std::string_view zip, std::string_view label) {
  auto z = OpenZip(zip, label);
  if (!z.ok()) return z.status();
  std::vector<std::string> names;
  const zip_int64_t n = zip_get_num_entries(z->get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(z->get(), static_cast<zip_uint64_t>(i), 0);
    if (name) names.emplace_back(name);
  }
  return names;
}

Result<std::string> ReadZipMember(std::string_view zip, std::string_view member,
                                  std::string_view label) {
  auto z = OpenZip(zip, label);
  if (!z.ok()) return z.status();
  const zip_int64_t n = zip_get_num_entries(z->get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const zip_uint64_t idx = static_cast<zip_uint64_t>(i);
    const char* cname = zip_get_name(z->get(), idx, 0);
    if (!cname) continue;
    std::string name = cname;
    if (!IEquals(name, member) &&
        !(name.size() > member.size() &&
          IEquals(std::string_view(name).substr(name.size() - member.size()), member) &&
          name[name.size() - member.size() - 1] == '/'))
      continue;
    zip_stat_t st;
    if (zip_stat_index(z->get(), idx, 0, &st) != 0)
      return Status::Corrupt(std::string(label) + ": cannot stat " + name);
    if (st.size > kMaxInputBytes)
      return Status::Corrupt(std::string(label) + ": member " + name + " larger than 1 GiB");
    zip_file_t* f = zip_fopen_index(z->get(), idx, 0);
    if (!f) return Status::Corrupt(std::string(label) + ": cannot open member " + name);
    // Read in chunks rather than trusting the declared size: a few KB of hostile zip can declare
    // a 1 GiB member (found by fuzz_input; docs/FUZZING.md).
    std::string out;
    char chunk[1 << 16];
    zip_int64_t got = 0;
    while (out.size() <= st.size && (got = zip_fread(f, chunk, sizeof(chunk))) > 0)
      out.append(chunk, static_cast<size_t>(got));
    zip_fclose(f);
    if (got < 0 || out.size() != st.size)
      return Status::Corrupt(std::string(label) + ": member " + name + " is truncated or corrupt");
    return out;
  }
  return Status::NotFound(std::string(label) + ": zip has no member " + std::string(member));
}

}  // namespace partyscreen
