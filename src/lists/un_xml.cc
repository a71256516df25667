// STUB: replaced by the parser implementation.
#include "lists/parsers.h"

namespace partyscreen {
Result<ParsedList> ParseUnXml(std::string_view, ParseLog& log) { return Status::Unsupported(log.file() + ": ParseUnXml not implemented yet"); }
}  // namespace partyscreen
