// The partyscreen commands' CLI11 registrations. main.cc calls every Register* function (in this
// order: it is the order of `partyscreen --help`). Each lives in the cmd_*.cc of its command,
// declares the command's options (the shared ones through options.h) into the command's Args
// (cmd_*.h) and, when the command is parsed, sets ctx.exit_code to Run*(args, std::cout,
// std::cerr). Nothing else happens in a registration: the work is in Run*, tested in-process.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>

namespace partyscreen::cli {

struct CliContext {
  int exit_code = 0;
  // What a command is done with but need not free (its screener with the lists): main exits
  // without destroying the context, and the operating system takes the memory back at once
  // instead of a million frees (see LeftAtExit in common.h).
  std::shared_ptr<const void> left_at_exit;
};

void RegisterListsCommand(CLI::App& app, CliContext& ctx);       // lists      (cmd_lists.h)
void RegisterScreenCommand(CLI::App& app, CliContext& ctx);      // screen     (cmd_screen.h)
void RegisterBatchCommand(CLI::App& app, CliContext& ctx);       // batch      (cmd_batch.h)
void RegisterCompareCommand(CLI::App& app, CliContext& ctx);     // compare    (cmd_compare.h)
void RegisterBenchCommand(CLI::App& app, CliContext& ctx);       // bench      (cmd_bench.h)
void RegisterServeCommand(CLI::App& app, CliContext& ctx);       // serve      (cmd_serve.h)
void RegisterCustomersCommands(CLI::App& app, CliContext& ctx);  // customers  (cmd_customers.h)
void RegisterAuditCommands(CLI::App& app, CliContext& ctx);      // audit      (cmd_audit.h)
void RegisterReviewCommand(CLI::App& app, CliContext& ctx);      // review     (cmd_review.h)
void RegisterDiffCommand(CLI::App& app, CliContext& ctx);        // diff       (cmd_diff.h)
void RegisterRescreenCommand(CLI::App& app, CliContext& ctx);    // rescreen   (cmd_rescreen.h)
void RegisterAlertsCommand(CLI::App& app, CliContext& ctx);      // alerts     (cmd_alerts.h)
void RegisterCheckCommand(CLI::App& app, CliContext& ctx);       // check      (cmd_check.h)
void RegisterPartiesCommand(CLI::App& app, CliContext& ctx);     // parties    (cmd_parties.h)
void RegisterUsersCommands(CLI::App& app, CliContext& ctx);      // users      (cmd_users.h)

}  // namespace partyscreen::cli
