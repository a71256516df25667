// STUB: replaced by the parser implementation.
#include "lists/parsers.h"
#include "lists/formats.h"

namespace partyscreen {
Result<ParsedList> ParseOfacCsv(std::string_view, ParseLog& log) { return Status::Unsupported(log.file() + ": ParseOfacCsv not implemented yet"); }
Result<ParsedList> ParseOfacConsCsv(std::string_view, ParseLog& log) { return Status::Unsupported(log.file() + ": ParseOfacConsCsv not implemented yet"); }
Result<ParsedList> ParseOfacCsvSet(const OfacCsvSet&, ParseLog& log) { return Status::Unsupported(log.file() + ": not implemented yet"); }
Result<FormatLoad> LoadOfacCsvSet(const std::string& path, ParseLog&) { return Status::Unsupported(path + ": not implemented yet"); }
}  // namespace partyscreen
