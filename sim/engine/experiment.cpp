#include "sim/engine/experiment.hpp"

#include <stdexcept>
#include <utility>

#include "sim/engine/latin_hypercube.hpp"
#include "sim/results/robustness.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schema.hpp"

namespace civicsim::sim {

std::vector<neighbourhood_record> describe_neighbourhoods(const models::parameters& params) {
    std::vector<neighbourhood_record> records;
    for (const auto& n : params.neighbourhoods)
        records.push_back({n.name, n.population, n.density,
                           std::string(models::settlement_names[static_cast<std::size_t>(
                               models::settlement_of(n.density))]),
                           n.deprivation, n.cohesion});
    return records;
}

namespace {

results_set describe(const models::parameters& params) {
    results_set results;
    results.scenario_toml = to_toml(params);
    results.scenario_name = params.scenario.name;
    results.base_seed = params.scenario.seed;
    results.neighbourhoods = describe_neighbourhoods(params);
    results.communities = params.scenario.communities;
    for (const auto band : models::age_band_names) results.age_bands.emplace_back(band);
    return results;
}

}  // namespace

results_set describe_comparison(const scenario& sc) {
    auto results = describe(sc.params);
    results.strategies.push_back({"baseline", "the scenario as written"});
    for (const auto& s : sc.strategies) results.strategies.push_back({s.name, s.description});
    return results;
}

std::vector<run_job> comparison_jobs(const scenario& sc) {
    const auto replications = sc.params.scenario.replications;
    auto jobs =
        replication_jobs(std::make_shared<const models::parameters>(sc.params), "baseline", 0);
    for (const auto& s : sc.strategies) {
        auto own = with_overrides(sc, s.overrides);
        own.scenario.seed = sc.params.scenario.seed;
        own.scenario.replications = replications;
        auto runs = replication_jobs(std::make_shared<const models::parameters>(std::move(own)),
                                     s.name, static_cast<std::uint32_t>(jobs.size()));
        jobs.insert(jobs.end(), runs.begin(), runs.end());
    }
    return jobs;
}

results_set run_comparison(const scenario& sc, unsigned threads, const run_control& control) {
    auto results = describe_comparison(sc);
    results.runs = run_batch(comparison_jobs(sc), threads, control);
    return results;
}

results_set describe_baseline(const models::parameters& params) {
    auto results = describe(params);
    results.strategies.push_back({"baseline", "the scenario as written"});
    return results;
}

std::vector<run_job> sweep_jobs(const models::parameters& base,
                                std::span<const std::shared_ptr<const models::parameters>> points) {
    std::vector<run_job> jobs;
    for (const auto& point : points) {
        if (point->scenario.days != base.scenario.days ||
            point->neighbourhoods.size() != base.neighbourhoods.size())
            throw std::invalid_argument(
                "run_sweep: every point must have the base's days and neighbourhoods");
        for (std::uint32_t r = 0; r < point->scenario.replications; ++r)
            jobs.push_back({point, run_identity{static_cast<std::uint32_t>(jobs.size()), "baseline",
                                                r, point->scenario.seed}});
    }
    return jobs;
}

results_set run_sweep(const models::parameters& base,
                      std::span<const std::shared_ptr<const models::parameters>> points,
                      unsigned threads, const run_control& control, const run_retention& keep) {
    auto results = describe_baseline(base);
    results.runs = run_batch(sweep_jobs(base, points), threads, control, keep);
    return results;
}

results_set run_baseline(std::shared_ptr<const models::parameters> params, unsigned threads,
                         const run_control& control) {
    auto results = describe(*params);
    results.strategies.push_back({"baseline", "the scenario as written"});
    results.runs = run_replications(params, "baseline", 0, threads, control);
    return results;
}

std::vector<std::vector<double>> robust_draws(const models::parameters& params, std::size_t draws) {
    const auto& uncertain = params.uncertain;
    auto values = latin_hypercube(draws, uncertain.size(), params.scenario.seed);
    for (auto& point : values)
        for (std::size_t j = 0; j < uncertain.size(); ++j)
            point[j] = uncertain[j].low + point[j] * (uncertain[j].high - uncertain[j].low);
    return values;
}

std::vector<run_job> robust_jobs(const scenario& sc, const std::vector<std::vector<double>>& values,
                                 std::uint32_t first_run_id) {
    const auto& base = sc.params;
    const auto replications = base.scenario.replications;
    std::vector<run_job> jobs;
    for (std::size_t d = 0; d < values.size(); ++d) {
        std::vector<std::pair<std::string, std::string>> drawn;
        for (std::size_t j = 0; j < base.uncertain.size(); ++j)
            drawn.emplace_back(base.uncertain[j].key,
                               schema::to_toml_text(schema::value{values[d][j]}));
        const auto add = [&](const std::string& name,
                             const std::vector<std::pair<std::string, std::string>>& own) {
            auto overrides = drawn;
            overrides.insert(overrides.end(), own.begin(), own.end());
            auto params = [&] {
                try {
                    return with_overrides(sc, overrides);
                } catch (const scenario_error& e) {
                    // Said where it happened: the overrides are the draw's, not the user's.
                    auto problems = e.problems();
                    for (auto& problem : problems)
                        problem.location = "[[uncertain]] draw " + std::to_string(d) + " of " +
                                           name + " (" + problem.location + ")";
                    throw scenario_error(std::move(problems));
                }
            }();
            // Every arm of every draw keeps the baseline's seed and replications, so runs pair up.
            params.scenario.seed = base.scenario.seed;
            params.scenario.replications = replications;
            const auto shared = std::make_shared<const models::parameters>(std::move(params));
            for (std::uint32_t r = 0; r < replications; ++r)
                jobs.push_back(
                    {shared, run_identity{first_run_id + static_cast<std::uint32_t>(jobs.size()),
                                          name, r, base.scenario.seed}});
        };
        add("baseline", {});
        for (const auto& s : sc.strategies) add(s.name, s.overrides);
    }
    return jobs;
}

robustness_table run_robustness(const scenario& sc, const std::vector<std::vector<double>>& values,
                                std::span<const run_job> jobs,
                                const std::vector<std::size_t>& outcomes, unsigned threads,
                                const run_control& control) {
    const run_retention summaries_only{.all = false, .daily = {}, .breakdowns = false};
    const auto runs = run_batch(jobs, threads, control, summaries_only);
    std::vector<std::string> strategies{"baseline"};
    for (const auto& s : sc.strategies) strategies.push_back(s.name);
    return tally_draws(runs, sc.params.uncertain, values, strategies,
                       sc.params.scenario.replications, outcomes, sc.params.report);
}

}  // namespace civicsim::sim
