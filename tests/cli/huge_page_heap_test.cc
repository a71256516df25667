// ReexecWithHugePageHeap: the program executed again with glibc's huge-page heap tunable, unless
// the environment or the machine says not to. Executed programs run in a forked child (here
// /usr/bin/env, whose output shows the environment it was given).
#include "cli/huge_page_heap.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace partyscreen::cli {
namespace {

bool KernelHasHugePagesOff() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  return !std::getline(in, modes) || modes.find("[never]") != std::string::npos;
}

// Runs ReexecWithHugePageHeap(program, {"env"}) in a child with `setup` applied to its
// environment first; returns what the child printed (env's listing if it was executed, else
// "returned\n").
std::string RunInChild(const char* program, void (*setup)()) {
  int fds[2];
  if (pipe(fds) != 0) return "pipe failed";
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    setup();
    char arg0[] = "env";
    char* argv[] = {arg0, nullptr};
    ReexecWithHugePageHeap(program, argv);
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    const std::string said = std::string("returned ") + (tunables ? tunables : "(unset)") + "\n";
    (void)!write(STDOUT_FILENO, said.data(), said.size());
    _exit(0);
  }
  close(fds[1]);
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return out;
}

TEST(HugePageHeapTest, ExecutesTheProgramWithTheTunableSet) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "a sanitizer build keeps its own allocator (tools/sanitize.sh)";
#endif
  if (KernelHasHugePagesOff()) GTEST_SKIP() << "transparent huge pages are off on this kernel";
  const std::string out = RunInChild("/usr/bin/env", [] {
    unsetenv("GLIBC_TUNABLES");
    unsetenv("PARTYSCREEN_HUGE_PAGE_HEAP");
  });
  EXPECT_NE(out.find("GLIBC_TUNABLES=glibc.malloc.hugetlb=1\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("returned"), std::string::npos) << out;
}

TEST(HugePageHeapTest, LeavesTunablesTheUserSetAlone) {
  const std::string out =
      RunInChild("/usr/bin/env", [] { setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=2", 1); });
  EXPECT_EQ(out, "returned glibc.malloc.arena_max=2\n");
}

TEST(HugePageHeapTest, OptOutByEnvironment) {
  const std::string out = RunInChild("/usr/bin/env", [] {
    unsetenv("GLIBC_TUNABLES");
    setenv("PARTYSCREEN_HUGE_PAGE_HEAP", "0", 1);
  });
  EXPECT_EQ(out, "returned (unset)\n");
}

TEST(HugePageHeapTest, AProgramThatCannotRunLeavesTheEnvironmentAsItWas) {
  const std::string out = RunInChild("/nonexistent/partyscreen", [] {
    unsetenv("GLIBC_TUNABLES");
    unsetenv("PARTYSCREEN_HUGE_PAGE_HEAP");
  });
  EXPECT_EQ(out, "returned (unset)\n");
}

}  // namespace
}  // namespace partyscreen::cli
