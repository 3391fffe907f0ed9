#include "sim/engine/explanation.hpp"

#include <memory>

#include "models/switches.hpp"
#include "sim/engine/experiment.hpp"
#include "sim/results/attribution.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schema.hpp"

namespace civicsim::sim {

namespace {

using override_list = std::vector<std::pair<std::string, std::string>>;

/// A switch's keys with every key of a repeated table given once per element of `params`.
override_list expanded(const override_list& off, const models::parameters& params) {
    const auto& table = schema::table();
    override_list keys;
    for (const auto& [key, value] : off) {
        bool repeated = false;
        for (const auto& f : table.fields) {
            const auto& section = table.sections[f.section];
            if (!section.repeated || section.path + "." + f.key != key) continue;
            repeated = true;
            for (std::size_t e = 0; e < section.count(params); ++e)
                keys.emplace_back(schema::key_of(f, e), value);
        }
        if (!repeated) keys.emplace_back(key, value);
    }
    return keys;
}

override_list joined(override_list first, const override_list& then) {
    first.insert(first.end(), then.begin(), then.end());
    return first;
}

/// The parameters of an arm: the scenario with `overrides`, the baseline's seed and replications.
std::shared_ptr<const models::parameters> arm(const scenario& sc, const override_list& overrides) {
    auto params = with_overrides(sc, overrides);
    params.scenario.seed = sc.params.scenario.seed;
    params.scenario.replications = sc.params.scenario.replications;
    return std::make_shared<const models::parameters>(std::move(params));
}

}  // namespace

std::vector<active_mechanism> active_mechanisms(const scenario& sc, const strategy& s) {
    const auto strategy_params = with_overrides(sc, s.overrides);
    const auto baseline_text = to_toml(sc.params);
    const auto strategy_text = to_toml(strategy_params);
    std::vector<active_mechanism> active;
    for (const auto& m : models::mechanism_switches()) {
        // A repeated table may have more elements in the strategy than in the baseline.
        const auto off = expanded(m.off, strategy_params);
        if (to_toml(with_overrides(sc, off)) != baseline_text ||
            to_toml(with_overrides(sc, joined(s.overrides, off))) != strategy_text)
            active.push_back({m.name, m.odd_section, off});
    }
    return active;
}

results_set run_explanation(const scenario& sc, const strategy& s,
                            const std::vector<active_mechanism>& mechanisms, unsigned threads,
                            const run_control& control) {
    auto results = describe_baseline(sc.params);
    results.strategies.push_back({s.name, s.description});
    std::vector<std::pair<std::string, std::shared_ptr<const models::parameters>>> arms{
        {"baseline", arm(sc, {})}, {s.name, arm(sc, s.overrides)}};
    for (const auto& m : mechanisms) {
        const std::string off_text =
            "switched off: " + m.name + " (docs/ODD.md " + m.odd_section + ")";
        arms.push_back({arm_name("baseline", m.name), arm(sc, m.off)});
        arms.push_back({arm_name(s.name, m.name), arm(sc, joined(s.overrides, m.off))});
        results.strategies.push_back({arms[arms.size() - 2].first, "the baseline, " + off_text});
        results.strategies.push_back({arms.back().first, s.name + ", " + off_text});
    }
    std::vector<run_job> jobs;
    for (const auto& [name, params] : arms)
        for (std::uint32_t r = 0; r < params->scenario.replications; ++r)
            jobs.push_back({params, run_identity{static_cast<std::uint32_t>(jobs.size()), name, r,
                                                 params->scenario.seed}});
    run_retention summaries_only;
    summaries_only.all = false;
    results.runs = run_batch(jobs, threads, control, summaries_only);
    return results;
}

}  // namespace civicsim::sim
