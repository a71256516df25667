// STUB: replaced by the parser implementation.
#include "lists/parsers.h"

namespace partyscreen {
Result<ParsedList> ParseOfacSdnXml(std::string_view, ParseLog& log) { return Status::Unsupported(log.file() + ": ParseOfacSdnXml not implemented yet"); }
Result<ParsedList> ParseOfacEnhancedXml(std::string_view, ParseLog& log) { return Status::Unsupported(log.file() + ": ParseOfacEnhancedXml not implemented yet"); }
}  // namespace partyscreen
