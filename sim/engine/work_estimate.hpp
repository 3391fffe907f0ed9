#pragma once
// How much a command is about to ask of the machine, worked out from the parameters before
// anything is allocated, so that a scenario of 10^10 residents or a century of a city in ten
// thousand replications is refused with numbers instead of ending in bad_alloc or a lost night.

#include <cstdint>
#include <optional>
#include <string>

#include "models/parameters.hpp"

namespace civicsim::sim {

/// Peak memory a resident costs during a run: 53 B of agent state, the engine's bookkeeping,
/// groups, incident and report buffers (docs/performance.md measures 83 B with results at
/// 1,000,000 residents), rounded up so that the estimate errs on the safe side.
inline constexpr std::uint64_t bytes_per_resident_estimate = 128;

/// What `runs` runs of `params` on `threads` threads ask for.
struct work_estimate {
    std::uint64_t residents = 0;
    std::uint64_t runs = 0;
    std::uint64_t resident_days = 0;  ///< residents x days x runs: the simulation's work
    /// Worlds alive at once (a thread per replication, at most `threads`) times their residents,
    /// plus every run's recorded outcomes, plus the results file built in memory.
    std::uint64_t memory_bytes = 0;
};

/// What the machine (or the user) allows.
struct work_limits {
    std::uint64_t memory_bytes = 0;
    std::uint64_t resident_days = 0;
};

/// The limits of this machine: 80 % of its physical memory, and 10^12 resident-days (about
/// three hours at 100 M resident-days/s, docs/performance.md's rate on two cores).
work_limits machine_limits();

/// The estimate for `runs` runs (replications x strategies) with `threads` threads, of which
/// `kept` (all when not given) keep their recorded outcomes to the end; the others (a robustness
/// comparison's draws) keep only summaries, so their daily outcomes cost memory only while at
/// most `threads` of them run.
work_estimate estimate_work(const models::parameters& params, std::uint64_t runs, unsigned threads,
                            std::optional<std::uint64_t> kept = std::nullopt);

/// "" when `estimate` is within `limits`, else what exceeds which limit, with both numbers, and
/// `override_it` (how the caller lets it run anyway: "pass --allow-large", "pass
/// allow_large=True").
std::string work_problem(const work_estimate& estimate, const work_limits& limits,
                         const std::string& override_it = "pass --allow-large");

}  // namespace civicsim::sim
