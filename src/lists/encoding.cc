#include "lists/encoding.h"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <memory>
#include <vector>

namespace partyscreen {

namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

}  // namespace

Result<std::string> Windows1252ToUtf8(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> converter(ucnv_open("windows-1252", &status));
  if (U_FAILURE(status))
    return Status::Internal(std::string("ICU has no windows-1252 converter: ") +
                            u_errorName(status));
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);

  // Every Windows-1252 byte is one UTF-16 unit.
  std::vector<UChar> utf16(bytes.size() + 1);
  UChar* target = utf16.data();
  const char* source = bytes.data();
  ucnv_toUnicode(converter.get(), &target, utf16.data() + utf16.size(), &source,
                 bytes.data() + bytes.size(), nullptr, /*flush=*/true, &status);
  if (U_FAILURE(status)) {
    // The STOP callback leaves `source` just past the offending byte.
    const size_t offset =
        source > bytes.data() ? static_cast<size_t>(source - bytes.data()) - 1 : 0;
    char hex[8];
    std::snprintf(hex, sizeof(hex), "0x%02X", static_cast<unsigned char>(bytes[offset]));
    return Status::Corrupt(std::string("byte ") + hex + " at offset " + std::to_string(offset) +
                           " is not a Windows-1252 character");
  }
  const int32_t units = static_cast<int32_t>(target - utf16.data());
  // ICU maps the five bytes Windows-1252 leaves undefined to the C1 controls U+0081, U+008D...;
  // no list writes those on purpose, so they mean the text is not Windows-1252 after all.
  for (int32_t i = 0; i < units; ++i) {
    if (utf16[i] < 0x80 || utf16[i] > 0x9F) continue;
    char hex[8];
    std::snprintf(hex, sizeof(hex), "0x%02X",
                  static_cast<unsigned char>(bytes[static_cast<size_t>(i)]));
    return Status::Corrupt(std::string("byte ") + hex + " at offset " + std::to_string(i) +
                           " is not a Windows-1252 character");
  }
  std::string utf8(static_cast<size_t>(units) * 3, '\0');
  int32_t written = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(utf8.data(), static_cast<int32_t>(utf8.size()), &written, utf16.data(), units,
              &status);
  if (U_FAILURE(status))
    return Status::Internal(std::string("UTF-16 to UTF-8 failed: ") + u_errorName(status));
  utf8.resize(static_cast<size_t>(written));
  return utf8;
}

std::string ScriptOf(std::string_view utf8) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED ||
        script == USCRIPT_LATIN)
      continue;
    return uscript_getName(script);
  }
  return "";
}

}  // namespace partyscreen
