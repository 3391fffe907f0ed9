#pragma once
// Running whole simulations: one run, or the replications of an ensemble, with progress and
// cancellation, at a chosen number of threads.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/parameters.hpp"
#include "sim/results/run_result.hpp"

namespace civicsim::sim {

/// Thrown when a run is cancelled (Ctrl-C); nothing of the run is kept.
class interrupted : public std::runtime_error {
public:
    interrupted() : std::runtime_error("interrupted") {}
};

struct run_identity {
    std::uint32_t run_id = 0;
    std::string strategy = "baseline";
    std::uint32_t replication = 0;
    std::uint64_t seed = 1;
};

struct run_control {
    /// Progress: called after simulated days with the resident-days simulated since the last
    /// call. Only ever called from the thread that started the run(s), never concurrently, so it
    /// need not be thread-safe; runs on other threads report through the calling thread's calls
    /// (and the remainder once they have all ended).
    std::function<void(std::uint64_t resident_days)> on_day;
    /// Checked between days; when it becomes true every run stops and `interrupted` is thrown.
    const std::atomic<bool>* cancel = nullptr;
};

/// Runs one simulation in the calling thread's TBB arena. The random streams are keyed by
/// (seed, replication), so strategies with the same replication share common random numbers.
run_result run_simulation(std::shared_ptr<const models::parameters> params, const run_identity& id,
                          const run_control& control = {});

/// One run of a batch: the parameters it runs with and who it is.
struct run_job {
    std::shared_ptr<const models::parameters> params;
    run_identity id;
};

/// What a batch keeps of each run besides its identity, summary and last-day exposure values:
/// a sweep of thousands of runs need not hold every daily series of every run.
struct run_retention {
    bool all = true;  ///< keep everything; the fields below apply only when false
    /// Daily metrics kept, indices into models::daily_metrics() in ascending order; the run's
    /// timeseries then holds only these, [kept metric][day][neighbourhood].
    std::vector<std::size_t> daily;
    bool breakdowns = false;  ///< keep by_community, by_age_band and by_exposure
};

/// Runs every job with at most `threads` threads, all scheduled together in one arena: whole
/// runs in parallel, and each run's own parallel work. Results are in job order and equal,
/// value for value, to running the jobs one by one at any thread count. Each run is trimmed to
/// `keep` as soon as it ends, so that memory grows with what is kept, not with every series. If
/// a run fails, the others stop and its exception is rethrown; cancellation throws `interrupted`.
/// `on_run_end`, if given, receives each run (its job index and the trimmed result) as soon as
/// it ends, on the thread that ran it, concurrently with other runs (it must be thread-safe);
/// an exception from it stops the batch like a failed run.
std::vector<run_result> run_batch(
    std::span<const run_job> jobs, unsigned threads, const run_control& control = {},
    const run_retention& keep = {},
    const std::function<void(std::size_t job, const run_result& run)>& on_run_end = {});

/// The jobs of `params.scenario.replications` replications of `strategy`, numbered from
/// `first_run_id`, each with the streams (seed, replication).
std::vector<run_job> replication_jobs(std::shared_ptr<const models::parameters> params,
                                      const std::string& strategy, std::uint32_t first_run_id);

/// Runs `params.scenario.replications` replications with at most `threads` threads, in
/// parallel across replications and within each; results are in replication order and do not
/// depend on `threads`. If a run fails, the others stop and its exception is rethrown.
std::vector<run_result> run_replications(std::shared_ptr<const models::parameters> params,
                                         const std::string& strategy, std::uint32_t first_run_id,
                                         unsigned threads, const run_control& control = {});

class world;

/// The summary values of a finished run, from its time series and the world's final state.
std::vector<double> summarise(const models::parameters& params, const run_result& run,
                              const world& w);

}  // namespace civicsim::sim
