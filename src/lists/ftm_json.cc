// STUB: replaced by the parser implementation.
#include "lists/parsers.h"

namespace partyscreen {
Result<ParsedList> ParseFtmJson(std::string_view, ParseLog& log) { return Status::Unsupported(log.file() + ": ParseFtmJson not implemented yet"); }
}  // namespace partyscreen
