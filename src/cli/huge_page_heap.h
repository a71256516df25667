// The heap on transparent huge pages. Loading the lists and their index makes some hundred
// thousand small allocations; with glibc's default heap each first touch of a 4 KiB page is a
// page fault, and on a virtual machine those faults are half of a command's start (a one-query
// `batch`: 0.50 s, 0.24 s with the heap on 2 MiB pages; docs/BENCHMARKS.md). glibc puts its heap
// on huge pages only when the tunable glibc.malloc.hugetlb=1 is set in the environment it starts
// with, so the program sets it and executes itself again, once, before anything else.
//
// Not done when GLIBC_TUNABLES is already set (the user's choice, or this re-execution),
// PARTYSCREEN_HUGE_PAGE_HEAP=0, the kernel has transparent huge pages off ("never"), under
// valgrind or a sanitizer (their allocators ignore the tunable), or the program cannot be
// executed: the program then runs on as it is. The process keeps its id, arguments and files.
#pragma once

namespace partyscreen::cli {

// Executes `program` (main: "/proc/self/exe") with `argv` and the tunable set; returns only when
// it does not (then the environment is as it was).
void ReexecWithHugePageHeap(const char* program, char** argv);

}  // namespace partyscreen::cli
