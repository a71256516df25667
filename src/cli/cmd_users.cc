#include "cli/cmd_users.h"

#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/options.h"
#include "cli/store_access.h"
#include "partyscreen/store.h"

namespace partyscreen::cli {

int RunUsersAdd(const UsersAddArgs& args, std::ostream& out, std::ostream& err) {
  const std::optional<Role> role = ParseRole(args.role);
  if (!role) {
    PrintError(err, "--role: expected analyst, supervisor or admin, got '" + args.role + "'");
    return 2;
  }
  if (args.password.size() < 10) {
    PrintError(err, "password: at least 10 characters (first line of stdin or --password-file)");
    return 2;
  }
  auto db = OpenDbOrReport(args.db, err);
  if (!db) return 1;
  auto user = UserStore(*db).Add(args.name, args.password, *role);
  if (!user.ok()) {
    PrintError(err, user.status().message());
    return user.status().code() == Status::Code::kInvalidArgument &&
                   user.status().message().find("exists") == std::string::npos
               ? 2
               : 1;
  }
  out << "added " << user->name << " (" << RoleName(user->role) << ")\n";
  return 0;
}

int RunUsersList(const UsersListArgs& args, std::ostream& out, std::ostream& err) {
  auto db = OpenDbOrReport(args.db, err);
  if (!db) return 1;
  auto users = UserStore(*db).List();
  if (!users.ok()) {
    PrintError(err, users.status().ToString());
    return 1;
  }
  for (const User& u : *users)
    out << u.name << "\t" << RoleName(u.role) << "\t" << (u.disabled ? "disabled" : "enabled")
        << "\tcreated " << u.created_at << " by " << u.created_by << "\n";
  return 0;
}

int RunUsersDisable(const UsersDisableArgs& args, std::ostream& out, std::ostream& err) {
  auto db = OpenDbOrReport(args.db, err);
  if (!db) return 1;
  auto done = UserStore(*db).Disable(args.name);
  if (!done.ok()) {
    PrintError(err, done.status().ToString());
    return 1;
  }
  if (!*done) {
    PrintError(err, "no user " + args.name);
    return 1;
  }
  out << "disabled " << args.name << "\n";
  return 0;
}

namespace {

// The first line of `path` ("" or "-": standard input), without its line end.
std::string ReadPasswordLine(const std::string& path) {
  std::string line;
  if (path.empty() || path == "-") {
    std::getline(std::cin, line);
  } else {
    std::ifstream in(path);
    std::getline(in, line);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

void RegisterUsersCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group =
      app.add_subcommand("users", "Accounts of the web workbench (serve /ui/): add, list, disable");
  group->require_subcommand(1);
  {
    auto a = std::make_shared<UsersAddArgs>();
    auto file = std::make_shared<std::string>();
    CLI::App* cmd = group->add_subcommand(
        "add", "Add a user; the password is the first line of stdin (or of --password-file)");
    cmd->add_option("name", a->name, "User name (letters, digits, . - _)")->required();
    cmd->add_option("--role", a->role, "analyst, supervisor or admin")->capture_default_str();
    cmd->add_option("--password-file", *file, "File whose first line is the password");
    AddStoreDbOption(cmd, &a->db);
    cmd->callback([a, file, &ctx] {
      a->password = ReadPasswordLine(*file);
      ctx.exit_code = RunUsersAdd(*a, std::cout, std::cerr);
    });
  }
  {
    auto a = std::make_shared<UsersListArgs>();
    CLI::App* cmd = group->add_subcommand("list", "List the users with their roles");
    AddStoreDbOption(cmd, &a->db);
    cmd->callback([a, &ctx] { ctx.exit_code = RunUsersList(*a, std::cout, std::cerr); });
  }
  {
    auto a = std::make_shared<UsersDisableArgs>();
    CLI::App* cmd = group->add_subcommand("disable", "Disable a user (cannot log in any more)");
    cmd->add_option("name", a->name, "User name")->required();
    AddStoreDbOption(cmd, &a->db);
    cmd->callback([a, &ctx] { ctx.exit_code = RunUsersDisable(*a, std::cout, std::cerr); });
  }
}

}  // namespace partyscreen::cli
