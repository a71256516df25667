// STUB: replaced by the parser implementation.
#include "lists/parsers.h"

namespace partyscreen {
Result<ParsedList> ParseCslCsv(std::string_view, ParseLog& log) { return Status::Unsupported(log.file() + ": ParseCslCsv not implemented yet"); }
Result<ParsedList> ParseCslJson(std::string_view, ParseLog& log) { return Status::Unsupported(log.file() + ": ParseCslJson not implemented yet"); }
}  // namespace partyscreen
