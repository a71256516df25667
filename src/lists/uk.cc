// STUB: replaced by the parser implementation.
#include "lists/parsers.h"

namespace partyscreen {
Result<ParsedList> ParseUkHmtCsv(std::string_view, ParseLog& log) { return Status::Unsupported(log.file() + ": ParseUkHmtCsv not implemented yet"); }
Result<ParsedList> ParseUkOfsiXlsx(std::string_view, ParseLog& log) { return Status::Unsupported(log.file() + ": ParseUkOfsiXlsx not implemented yet"); }
}  // namespace partyscreen
