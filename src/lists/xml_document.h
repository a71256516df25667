// Loading a list published as XML (OFAC sdn.xml and ENHANCED_XML, the UN list, the UK Sanctions
// List): one set of rules for every XML parser.
//  - invalid UTF-8 is refused (pugixml would copy the bytes into text nodes unchecked);
//  - a document without the format's root element is not that format;
//  - a document with its root but an XML error part-way (cut short, damaged) is refused whole:
//    loading the records before the damage would silently drop every one after it.
// Errors name `label` (the file), the format and the line of an XML error.
#pragma once

#include <cstdint>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "partyscreen/status.h"

namespace partyscreen {

// `format` names the format with its article, as in "not <format>": "an OFAC sdn.xml file", "a
// UN consolidated list". On success `*root` is the root element `root_name` of `doc`.
Status LoadListXml(std::string_view text, const char* root_name, std::string_view format,
                   const std::string& label, pugi::xml_document& doc, pugi::xml_node* root);

// The 1-based line of byte `offset` of `text` (clamped to the text).
uint64_t LineAt(std::string_view text, ptrdiff_t offset);

}  // namespace partyscreen
