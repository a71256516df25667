// Partial dates as lists write them, turned into ISO-8601 prefixes: "1955", "1955-11",
// "1955-11-03".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace partyscreen {

enum class DateOrder {
  kDayFirst,
  kMonthFirst
};  // for "03/11/1955": UK lists day-first, US month-first

// "1955", "1955-11-03", "03 Nov 1955", "Nov 1955", "circa 1955", "03/11/1955", "00/00/1980"
// (unknown day and month -> "1980"). Returns "" when no date can be read.
std::string ToIsoDate(std::string_view text, DateOrder order = DateOrder::kMonthFirst);

// OFAC writes ranges and alternatives: "1960 to 1962", "01 Jan 1960 to 31 Dec 1962". Returns every
// year of a year range (capped at 10) or the single date.
std::vector<std::string> ToIsoDates(std::string_view text,
                                    DateOrder order = DateOrder::kMonthFirst);

}  // namespace partyscreen
