// STUB: replaced by the parser implementation.
#include "lists/parsers.h"

namespace partyscreen {
Result<ParsedList> ParseBisDpl(std::string_view, ParseLog& log) { return Status::Unsupported(log.file() + ": ParseBisDpl not implemented yet"); }
}  // namespace partyscreen
