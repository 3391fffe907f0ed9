#pragma once
// A scenario's baseline run from start to results: the replications, the resolved scenario and
// the static description of its neighbourhoods, ready for a results file.

#include <memory>
#include <span>

#include "sim/engine/run.hpp"
#include "sim/results/run_result.hpp"

namespace civicsim::sim {

/// Neighbourhood descriptions for /neighbourhoods.
std::vector<neighbourhood_record> describe_neighbourhoods(const models::parameters& params);

/// Runs the scenario's replications (baseline strategy) with at most `threads` threads and
/// collects everything but the command line into a results_set.
results_set run_baseline(std::shared_ptr<const models::parameters> params, unsigned threads,
                         const run_control& control = {});

/// What a results file says about `params` besides its runs: the resolved scenario, its seed,
/// neighbourhoods, communities and age bands, and the baseline as the one strategy.
results_set describe_baseline(const models::parameters& params);

/// The runs of a sweep, as run_sweep numbers them: point-major, run_id = job index.
std::vector<run_job> sweep_jobs(const models::parameters& base,
                                std::span<const std::shared_ptr<const models::parameters>> points);

/// Runs every point of a sweep (each point's parameters, typically `base` with overrides), each
/// for its replications, all runs of all points scheduled together (run_batch) with at most
/// `threads` threads. Runs are numbered point-major (run_id = point * replications + r) and
/// replication r of every point draws from the streams (its seed, r): common random numbers
/// across points. Equal, value for value, to running each point's replications on its own. The
/// resolved scenario and neighbourhoods recorded are `base`'s; `keep` trims each run.
results_set run_sweep(const models::parameters& base,
                      std::span<const std::shared_ptr<const models::parameters>> points,
                      unsigned threads, const run_control& control = {},
                      const run_retention& keep = {});

struct scenario;

/// What a comparison's results file says about `sc` besides its runs: describe_baseline's
/// description with every [[strategy]] after the baseline.
results_set describe_comparison(const scenario& sc);

/// The runs of a comparison, as run_comparison numbers them: the baseline's replications, then
/// each [[strategy]]'s, strategy-major (run_id = strategy index * replications + r = job index).
/// Every strategy keeps the baseline's seed and replications, so that runs pair up.
std::vector<run_job> comparison_jobs(const scenario& sc);

/// Runs the baseline and every [[strategy]] of `sc` (comparison_jobs, all scheduled together),
/// each for the scenario's replications. Replication r of every strategy uses the random streams
/// (seed, r): common random numbers, so differences between strategies are measured pairwise.
results_set run_comparison(const scenario& sc, unsigned threads, const run_control& control = {});

/// The values of a robustness comparison's draws, [draw][parameter]: `draws` Latin-hypercube
/// points (latin_hypercube, from the scenario's seed) over the ranges of params.uncertain.
std::vector<std::vector<double>> robust_draws(const models::parameters& params, std::size_t draws);

/// The runs of a robustness comparison: in every draw (`values`, [draw][parameter], for the keys
/// of sc.params.uncertain), the baseline and then every strategy (its overrides applied after the
/// draw's values, so that a strategy that sets an uncertain key keeps its own value), each for
/// the scenario's replications, replication r from the streams (seed, r) in every arm and draw:
/// common random numbers throughout. Ordered draw, then strategy, then replication; run ids
/// start at `first_run_id`. Throws scenario_error when a draw makes the scenario invalid.
std::vector<run_job> robust_jobs(const scenario& sc, const std::vector<std::vector<double>>& values,
                                 std::uint32_t first_run_id = 0);

/// Runs `jobs` (robust_jobs of `values`) all together (run_batch, keeping only summaries) and
/// tallies, on `outcomes`, how often each strategy is best (tally_draws).
robustness_table run_robustness(const scenario& sc, const std::vector<std::vector<double>>& values,
                                std::span<const run_job> jobs,
                                const std::vector<std::size_t>& outcomes, unsigned threads,
                                const run_control& control = {});

}  // namespace civicsim::sim
