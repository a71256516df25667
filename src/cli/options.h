// The options several commands share, declared once so that the flag names, help text and checks
// are the same everywhere: --list, --threshold, --json, --db, --limit and a party's --schema,
// --country and --birth-date. Each Add* binds the option to a field of the command's Args (the
// field keeps its default when the option is not given). CLI11 checks what it can while parsing (a
// threshold outside 0-1 is a usage error, exit 2); the Check* functions repeat those checks for
// Args filled without CLI11, and the Run* functions call them before any list is loaded.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "lists/staleness.h"
#include "partyscreen/status.h"

namespace partyscreen::cli {

// The value of a threshold field when --threshold is not given: the engine's documented default.
inline constexpr double kEngineDefaultThreshold = -1;

// --list,-l (repeatable): a list file or directory, FORMAT:PATH or PATH; none = the bundled
// snapshot. With it, --max-list-age PERIOD ("2d", "36h"; ParsePeriod): a loaded list older than
// this is warned about (lists/staleness.h); stored in days, a bad period is a usage error.
CLI::Option* AddListOption(
    CLI::App* cmd, std::vector<std::string>* lists, double* max_list_age_days,
    const std::string& help =
        "List file or directory, optionally FORMAT:PATH (default: bundled snapshot)");

// --threshold,-t: a score from 0 to 1 (checked); kEngineDefaultThreshold when not given.
CLI::Option* AddThresholdOption(
    CLI::App* cmd, double* threshold,
    const std::string& help = "Minimum score (default: the engine's documented default)");

// --json.
CLI::Option* AddJsonFlag(CLI::App* cmd, bool* json, const std::string& help = "Print JSON");

// --progress: rows done, rate and ETA on stderr even when it is not a terminal (cli/progress.h).
CLI::Option* AddProgressFlag(CLI::App* cmd, bool* progress);

// --limit,-k: at most this many hits (per query).
CLI::Option* AddHitLimitOption(CLI::App* cmd, size_t* limit,
                               const std::string& help = "At most this many hits");

// --db of the store commands (customers, audit, review, diff, rescreen): set to DefaultDbPath()
// now, shown as the default in --help.
CLI::Option* AddStoreDbOption(CLI::App* cmd, std::string* db);

// --db of the screening commands (screen, batch): the audit trail to append each screening to;
// empty (no audit) when not given.
CLI::Option* AddAuditDbOption(CLI::App* cmd, std::string* db, const std::string& help);

// $PARTYSCREEN_DB, else "partyscreen.db" (created on first use).
std::string DefaultDbPath();

// A party's fields (records/query_record.h checks their values). T is std::string or
// std::optional<std::string> (customers update: absent = unchanged).
template <typename T>
CLI::Option* AddSchemaOption(CLI::App* cmd, T* schema) {
  return cmd->add_option("--schema", *schema, "Person, Organization, Vessel or Aircraft");
}
template <typename T>
CLI::Option* AddCountryOption(CLI::App* cmd, T* country) {
  return cmd->add_option("--country", *country, "Country (ISO2 or name) of the party");
}
template <typename T>
CLI::Option* AddBirthDateOption(CLI::App* cmd, T* birth_date) {
  return cmd->add_option("--birth-date", *birth_date,
                         "Birth date, full or partial (1955, 1955-11-03)");
}

// A period: "7d", "6h", "30m", "90s" or a number of seconds (serve --update-every,
// --webhook-retry-every, alerts --new-since). False when none of these or not positive.
bool ParsePeriod(const std::string& text, double& seconds);

// kDefaultMaxListAgeDays or any positive age; else InvalidArgument naming --max-list-age.
Status CheckMaxListAge(double days);

// kEngineDefaultThreshold or 0-1; else InvalidArgument "--threshold: 80 is not a score from 0 to
// 1".
Status CheckThreshold(double threshold);

// "" or a schema name records/query_record.h knows; else InvalidArgument "--schema: unknown
// schema 'X'".
Status CheckSchemaName(const std::string& schema);

}  // namespace partyscreen::cli
