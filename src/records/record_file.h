// Files of screening records: the query files of `batch` and the customer files of
// `customers import`, one reader for both.
//
// Two formats, told apart by the first non-blank character: JSON lines (`{` first: one record
// object a line, QueryFromJson) or CSV with a header row naming the columns (case and spaces
// ignored): name (required), id, schema, country, birth_date, identifiers (QueryFromFields). The
// CSV delimiter is a comma, or the header's semicolon or tab when it has no comma.
// Every record line is handed to the callback with its physical line number, parsed or with the
// error that kept it from parsing (a malformed CSV row, a line that is not a JSON object, a field
// breaking a rule of query_record.h): nothing is skipped without the callback seeing it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "partyscreen/status.h"
#include "records/query_record.h"

namespace partyscreen {

// Returns what the callback returned first that was not OK (the reader stops there), or
// InvalidArgument naming `label` for a CSV header without a name column (or without an id
// column when `require_id`). A record without an id gets none here: callers decide.
using RecordCallback = std::function<Status(uint64_t line, Result<Query> record)>;
Status ForEachRecord(std::string_view text, std::string_view label, bool require_id,
                     const RecordCallback& each, size_t max_name_chars = kDefaultMaxNameChars);

}  // namespace partyscreen
