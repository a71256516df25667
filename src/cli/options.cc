#include "cli/options.h"

#include <cmath>
#include <cstdlib>
#include <sstream>

#include "records/query_record.h"

namespace partyscreen::cli {

CLI::Option* AddListOption(CLI::App* cmd, std::vector<std::string>* lists,
                           double* max_list_age_days, const std::string& help) {
  cmd->add_option_function<std::string>(
         "--max-list-age",
         [max_list_age_days](const std::string& text) {
           double seconds = 0;
           if (!ParsePeriod(text, seconds))
             throw CLI::ValidationError("--max-list-age",
                                        "'" + text + "' is not a period such as 2d, 36h or 90m");
           *max_list_age_days = seconds / 86400;
         },
         "Warn when a loaded list is older than this (7d, 36h; default 2d)")
      ->type_name("PERIOD");
  return cmd->add_option("--list,-l", *lists, help);
}

CLI::Option* AddThresholdOption(CLI::App* cmd, double* threshold, const std::string& help) {
  return cmd->add_option("--threshold,-t", *threshold, help)
      ->check(CLI::Range(0.0, 1.0).description("a score from 0 to 1, e.g. 0.8"));
}

CLI::Option* AddJsonFlag(CLI::App* cmd, bool* json, const std::string& help) {
  return cmd->add_flag("--json", *json, help);
}

CLI::Option* AddProgressFlag(CLI::App* cmd, bool* progress) {
  return cmd->add_flag(
      "--progress", *progress,
      "Rows done, rate and ETA on stderr (default: only when stderr is a terminal)");
}

CLI::Option* AddHitLimitOption(CLI::App* cmd, size_t* limit, const std::string& help) {
  return cmd->add_option("--limit,-k", *limit, help);
}

std::string DefaultDbPath() {
  const char* env = std::getenv("PARTYSCREEN_DB");
  return env && *env ? env : "partyscreen.db";
}

CLI::Option* AddStoreDbOption(CLI::App* cmd, std::string* db) {
  *db = DefaultDbPath();
  return cmd
      ->add_option("--db", *db,
                   "Database: a SQLite file (created on first use) or a postgresql:// URL")
      ->capture_default_str();
}

CLI::Option* AddAuditDbOption(CLI::App* cmd, std::string* db, const std::string& help) {
  return cmd->add_option("--db", *db, help);
}

bool ParsePeriod(const std::string& text, double& seconds) {
  if (text.empty()) return false;
  double unit = 1;
  std::string number = text;
  switch (text.back()) {
    case 'd':
      unit = 86400;
      number.pop_back();
      break;
    case 'h':
      unit = 3600;
      number.pop_back();
      break;
    case 'm':
      unit = 60;
      number.pop_back();
      break;
    case 's':
      number.pop_back();
      break;
    default:
      break;
  }
  try {
    size_t used = 0;
    seconds = std::stod(number, &used) * unit;
    return used == number.size() && seconds > 0;
  } catch (const std::exception&) {
    return false;
  }
}

Status CheckMaxListAge(double days) {
  if (days > 0 && std::isfinite(days)) return Status::Ok();
  std::ostringstream text;
  text << "--max-list-age: " << days << " days is not a positive age";
  return Status::InvalidArgument(text.str());
}

Status CheckThreshold(double threshold) {
  if (threshold == kEngineDefaultThreshold || (threshold >= 0 && threshold <= 1))
    return Status::Ok();
  std::ostringstream text;
  text << "--threshold: " << threshold << " is not a score from 0 to 1, e.g. 0.8";
  return Status::InvalidArgument(text.str());
}

Status CheckSchemaName(const std::string& schema) {
  const Result<Schema> parsed = SchemaFromName(schema, "--schema");
  return parsed.ok() ? Status::Ok() : parsed.status();
}

}  // namespace partyscreen::cli
