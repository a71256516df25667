#include "cli/huge_page_heap.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

namespace partyscreen::cli {

namespace {

constexpr const char* kTunables = "GLIBC_TUNABLES";

bool BuiltWithSanitizer() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)  // GCC
  return true;
#elif defined(__has_feature)  // Clang
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
  return true;
#endif
#endif
  return false;
}

// False when the kernel never gives transparent huge pages (then the tunable gains nothing).
bool KernelOffersHugePages() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  if (!std::getline(in, modes)) return false;
  return modes.find("[never]") == std::string::npos;
}

bool UnderValgrind() {
  const char* preload = std::getenv("LD_PRELOAD");
  return preload != nullptr && std::string_view(preload).find("vgpreload") != std::string::npos;
}

}  // namespace

void ReexecWithHugePageHeap(const char* program, char** argv) {
  if (BuiltWithSanitizer() || std::getenv(kTunables) != nullptr || UnderValgrind()) return;
  if (const char* v = std::getenv("PARTYSCREEN_HUGE_PAGE_HEAP"); v && std::string_view(v) == "0")
    return;
  if (!KernelOffersHugePages()) return;
  if (setenv(kTunables, "glibc.malloc.hugetlb=1", /*overwrite=*/0) != 0) return;
  execv(program, argv);
  unsetenv(kTunables);  // not executed: run on as we are
}

}  // namespace partyscreen::cli
