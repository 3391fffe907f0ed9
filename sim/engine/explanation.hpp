#pragma once
// Why a strategy has its effect: the baseline and the strategy run as they are, and again with
// each mechanism that is on in either of them switched off in both (models/switches.hpp), every
// arm with the baseline's seed and replications (common random numbers), all runs scheduled
// together. sim/results/attribution.hpp turns the runs into contributions.

#include <string>
#include <utility>
#include <vector>

#include "sim/engine/run.hpp"
#include "sim/results/run_result.hpp"

namespace civicsim::sim {

struct scenario;
struct strategy;

/// A mechanism that is on in the baseline or in the strategy, with the overrides that switch it
/// off, keys of repeated tables given once per element ("policy.outreach.campaign.0.enabled").
struct active_mechanism {
    std::string name;
    std::string odd_section;
    std::vector<std::pair<std::string, std::string>> off;
};

/// The mechanisms of models::mechanism_switches() whose switching off changes the baseline's or
/// the strategy's parameters: switching off what is already off would attribute nothing.
std::vector<active_mechanism> active_mechanisms(const scenario& sc, const strategy& s);

/// Runs the baseline, the strategy, and both again without each of `mechanisms`, each arm for
/// the scenario's replications with the baseline's seed, all runs together (run_batch) with at
/// most `threads` threads. Runs are numbered arm-major (baseline, strategy, then for each
/// mechanism the baseline and the strategy without it), each arm named by arm_name
/// (sim/results/attribution.hpp); each run keeps its summary values only.
results_set run_explanation(const scenario& sc, const strategy& s,
                            const std::vector<active_mechanism>& mechanisms, unsigned threads,
                            const run_control& control = {});

}  // namespace civicsim::sim
