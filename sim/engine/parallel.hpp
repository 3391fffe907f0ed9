#pragma once
// The one way the engine splits work over threads.

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstddef>

namespace civicsim::sim {

/// Runs body(i) for i in [0, n) as TBB tasks, one index per task. What a task computes must not
/// depend on which thread runs it or when: every result is written to its own index.
template <class Body>
void for_each_index(std::size_t n, const Body& body) {
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, n, 1),
        [&](const tbb::blocked_range<std::size_t>& r) {
            for (std::size_t i = r.begin(); i != r.end(); ++i) body(i);
        },
        tbb::simple_partitioner());
}

}  // namespace civicsim::sim
