// STUB: replaced by the parser implementation.
#include "lists/parsers.h"

namespace partyscreen {
Result<ParsedList> ParseCustomCsv(std::string_view, ParseLog& log) { return Status::Unsupported(log.file() + ": ParseCustomCsv not implemented yet"); }
}  // namespace partyscreen
