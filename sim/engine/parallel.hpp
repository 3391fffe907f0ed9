#pragma once
// The one way the engine splits work over threads.

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstddef>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace civicsim::sim {

namespace fork_join_marks_detail {
inline void release([[maybe_unused]] const void* sync) noexcept {
#if defined(__SANITIZE_THREAD__)
    __tsan_release(const_cast<void*>(sync));
#endif
}
inline void acquire([[maybe_unused]] const void* sync) noexcept {
#if defined(__SANITIZE_THREAD__)
    __tsan_acquire(const_cast<void*>(sync));
#endif
}

/// TBB recycles task objects in its own (uninstrumented) pool: whoever made or ran the last object
/// at an address is ordered before whoever builds the next one there. A first base, so that it is
/// constructed before, and destroyed after, the object's members.
struct reused_memory {
    reused_memory() noexcept { acquire(this); }
    reused_memory(const reused_memory&) noexcept : reused_memory() {}
    reused_memory& operator=(const reused_memory&) = delete;
    ~reused_memory() { release(this); }
};
}  // namespace fork_join_marks_detail

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
    static void release(const void* sync) noexcept { fork_join_marks_detail::release(sync); }
    static void acquire(const void* sync) noexcept { fork_join_marks_detail::acquire(sync); }
    char fork_ = 0, join_ = 0;
};

/// A parallel loop's body as TBB copies it into each task (and again when it splits a range):
/// each copy is marked released by the thread that made it and acquired by the thread that runs
/// it, so that ThreadSanitizer sees what TBB promises, that a task reads a finished copy of the
/// body. Without it, every task's first read of a captured variable is reported, since the copy
/// is made after fork_join_marks's fork. Only the copy's own address is synchronised: tasks stay
/// unordered among themselves. Outside a ThreadSanitizer build it is the body itself (the base is
/// empty).
template <class Body>
class task_body : private fork_join_marks_detail::reused_memory {
public:
    explicit task_body(const Body& body) : body_(body) { fork_join_marks_detail::release(this); }
    task_body(const task_body& other)
        : reused_memory(), body_((fork_join_marks_detail::acquire(&other), other.body_)) {
        fork_join_marks_detail::release(this);
    }
    task_body& operator=(const task_body&) = delete;
    ~task_body() = default;
    template <class Range>
    void operator()(const Range& range) const {
        fork_join_marks_detail::acquire(this);
        body_(range);
    }

private:
    Body body_;
};

/// Runs body(i) for i in [0, n) as TBB tasks, one index per task. What a task computes must not
/// depend on which thread runs it or when: every result is written to its own index.
template <class Body>
void for_each_index(std::size_t n, const Body& body) {
    const fork_join_marks marks;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1),
                      task_body([&](const tbb::blocked_range<std::size_t>& r) {
                          marks.task_begins();
                          for (std::size_t i = r.begin(); i != r.end(); ++i) body(i);
                          marks.task_ends();
                      }),
                      tbb::simple_partitioner());
}

}  // namespace civicsim::sim
