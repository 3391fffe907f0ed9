#pragma once
// The one way the engine splits work over threads.

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstddef>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace civicsim::sim {

/// Tells ThreadSanitizer what TBB promises of a parallel loop: everything before the loop happens
/// before every task, and every task before what follows the loop. Debian's libtbb is not built
/// with ThreadSanitizer, so it cannot see the synchronisation inside the library and would report
/// every value a task writes and the caller reads after the loop. Tasks of one loop stay unordered
/// among themselves, so a race between them is still reported (docs/reliability.md). Outside a
/// ThreadSanitizer build, every member does nothing.
class fork_join_marks {
public:
    fork_join_marks() noexcept { release(&fork_); }
    fork_join_marks(const fork_join_marks&) = delete;
    fork_join_marks& operator=(const fork_join_marks&) = delete;
    ~fork_join_marks() { acquire(&join_); }
    void task_begins() const noexcept { acquire(&fork_); }
    void task_ends() const noexcept { release(&join_); }

private:
    static void release([[maybe_unused]] const void* sync) noexcept {
#if defined(__SANITIZE_THREAD__)
        __tsan_release(const_cast<void*>(sync));
#endif
    }
    static void acquire([[maybe_unused]] const void* sync) noexcept {
#if defined(__SANITIZE_THREAD__)
        __tsan_acquire(const_cast<void*>(sync));
#endif
    }
    char fork_ = 0, join_ = 0;
};

/// Runs body(i) for i in [0, n) as TBB tasks, one index per task. What a task computes must not
/// depend on which thread runs it or when: every result is written to its own index.
template <class Body>
void for_each_index(std::size_t n, const Body& body) {
    const fork_join_marks marks;
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, n, 1),
        [&](const tbb::blocked_range<std::size_t>& r) {
            marks.task_begins();
            for (std::size_t i = r.begin(); i != r.end(); ++i) body(i);
            marks.task_ends();
        },
        tbb::simple_partitioner());
}

}  // namespace civicsim::sim
