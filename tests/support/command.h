// Test support: running a shell command (usually the built partyscreen binary) and capturing
// what it printed and how it exited. Header-only; tests include it as "support/command.h".
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace partyscreen::testing_support {

struct CommandRun {
  int exit_code = -1;  // -1: could not run, or killed by a signal
  std::string out;     // what the command printed (stdout, and stderr when the command merges it)
};

// Runs `cmd` with /bin/sh; the caller adds any redirection ("2>&1").
inline CommandRun RunShell(const std::string& cmd) {
  CommandRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// The built binary with `args`; stderr merged into `out` or dropped.
inline CommandRun RunPartyscreen(const std::string& args, bool merge_stderr = true) {
  return RunShell(std::string(PARTYSCREEN_BINARY) + " " + args +
                  (merge_stderr ? " 2>&1" : " 2>/dev/null"));
}

// Issue 12 item 1's input: 40 CSV rows (id,name,country); row c11 opens a quote it never closes,
// row c25 has a quoted field. The old reader paired the two and swallowed rows c12-c25.
inline std::string FortyRowsWithAStrayQuote() {
  std::string data = "id,name,country\n";
  for (int i = 1; i <= 40; ++i) {
    // Appended piece by piece: GCC 12's -Wrestrict misfires on `"c" + to_string(i) + ...`.
    const std::string n = std::to_string(i);
    data.append("c").append(n);
    if (i == 11)
      data.append(",\"Bad quote Ltd,CN\n");
    else if (i == 25)
      data.append(",\"Quoted, Name\",DE\n");
    else
      data.append(",Company ").append(n).append(",FR\n");
  }
  return data;
}

}  // namespace partyscreen::testing_support
