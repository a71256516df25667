// `partyscreen users add|list|disable --db DB`: the accounts of the web workbench (serve's /ui/,
// docs/WORKBENCH.md), with roles analyst, supervisor and admin. Passwords are read from the first
// line of standard input or of --password-file (never from the command line, where `ps` shows
// them) and stored as Argon2id hashes. Each change is audited with the CLI user as "who".
#pragma once

#include <ostream>
#include <string>

namespace partyscreen::cli {

// Exit codes: 0 done; 1 the database fails or the user exists / does not exist; 2 usage (bad
// role, name or password). `out`: "added NAME (ROLE)".
struct UsersAddArgs {
  std::string db;
  std::string name;
  std::string role = "analyst";
  std::string password;  // filled by the registration from stdin or --password-file
};
int RunUsersAdd(const UsersAddArgs& args, std::ostream& out, std::ostream& err);

// One line per user: name, role, enabled/disabled, created at and by.
struct UsersListArgs {
  std::string db;
};
int RunUsersList(const UsersListArgs& args, std::ostream& out, std::ostream& err);

// Exit 0 when disabled, 1 when there is no such user.
struct UsersDisableArgs {
  std::string db;
  std::string name;
};
int RunUsersDisable(const UsersDisableArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
