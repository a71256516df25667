#include "lists/xml_document.h"

#include <algorithm>

#include "core/strings.h"

namespace partyscreen {

uint64_t LineAt(std::string_view text, ptrdiff_t offset) {
  const size_t end = std::min(static_cast<size_t>(std::max<ptrdiff_t>(offset, 0)), text.size());
  return 1 + static_cast<uint64_t>(
                 std::count(text.begin(), text.begin() + static_cast<ptrdiff_t>(end), '\n'));
}

Status LoadListXml(std::string_view text, const char* root_name, std::string_view format,
                   const std::string& label, pugi::xml_document& doc, pugi::xml_node* root) {
  // The noun without its article: "incomplete or damaged OFAC sdn.xml file".
  const std::string_view noun = format.substr(std::min(format.find(' ') + 1, format.size()));
  if (!IsValidUtf8(text))
    return Status::Corrupt(label + ": not " + std::string(format) + ": not valid UTF-8");
  const pugi::xml_parse_result parsed =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  *root = doc.child(root_name);
  if (!parsed) {
    const std::string where = "XML error at line " + std::to_string(LineAt(text, parsed.offset)) +
                              ": " + parsed.description();
    if (!*root) return Status::Corrupt(label + ": not " + std::string(format) + ": " + where);
    return Status::Corrupt(label + ": incomplete or damaged " + std::string(noun) + ": " + where +
                           "; refused, nothing loaded from it");
  }
  if (!*root)
    return Status::Corrupt(label + ": not " + std::string(format) + ": no <" + root_name +
                           "> root element");
  return Status::Ok();
}

}  // namespace partyscreen
