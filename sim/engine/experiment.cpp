#include "sim/engine/experiment.hpp"

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

results_set run_baseline(std::shared_ptr<const models::parameters> params, unsigned threads,
                         const run_control& control) {
    results_set results;
    results.scenario_toml = to_toml(*params);
    results.scenario_name = params->scenario.name;
    results.base_seed = params->scenario.seed;
    results.neighbourhoods = describe_neighbourhoods(*params);
    results.communities = params->scenario.communities;
    for (const auto band : models::age_band_names) results.age_bands.emplace_back(band);
    results.runs = run_replications(params, "baseline", 0, threads, control);
    return results;
}

}  // namespace civicsim::sim
