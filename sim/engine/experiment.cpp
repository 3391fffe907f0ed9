#include "sim/engine/experiment.hpp"

#include <stdexcept>
#include <utility>

#include "sim/scenario/scenario.hpp"

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

}  // namespace civicsim::sim
