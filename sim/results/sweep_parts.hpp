#pragma once
// Parts of one sweep (shards of a job array, runs finished before an interruption) joined into
// the file a single process would have written: every run in its slot, whatever order or file
// it came from.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/results/results_error.hpp"
#include "sim/results/run_result.hpp"

namespace civicsim::sim {

/// Parts that do not make one sweep: of different sweeps, with a run twice, or (unless allowed)
/// with runs missing. The message names the parts (files) concerned.
class join_error : public results_error {
public:
    using results_error::results_error;
};

/// A part and what to call it in messages (its file).
struct sweep_part {
    std::string name;
    results_set results;
};

/// Joins `parts` of one sweep (equal sweep_id and sweep_runs, each run at most once) into one
/// results_set with the runs in run_id order and the /runs columns with them; the rest (the
/// scenario, design, neighbourhoods) is the first part's. Without `allow_missing` every run
/// 0..sweep_runs-1 must be there; with it the result may be partial(). The result has no shard.
results_set join_sweep_parts(std::vector<sweep_part> parts, bool allow_missing = false);

/// The part of a sweep that holds `runs` (run_ids index `columns`, which hold every run's values):
/// `header`'s description (scenario, neighbourhoods, design, sweep_id, sweep_runs) with them.
results_set sweep_part_of(const results_set& header, const std::vector<run_column>& columns,
                          std::vector<run_result> runs);

/// A 64-bit FNV-1a hash of `text`, as 16 hexadecimal digits: a sweep's identity, stable across
/// machines and builds.
std::string fingerprint(const std::string& text);

}  // namespace civicsim::sim
