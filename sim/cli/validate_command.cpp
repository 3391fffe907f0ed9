// civicsim validate FILE: every problem of a scenario at once, or a one-line description of it.

#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/scenario/scenario.hpp"

namespace civicsim::cli {

int validate_command(const invocation& call) {
    po::options_description options("options");
    options.add_options()("scenario", po::value<std::string>()->required(), "scenario file (TOML)")(
        "set", po::value<std::vector<std::string>>()->composing(),
        "override a scenario key, as in 'civicsim run' (repeatable)");
    po::positional_options_description positional;
    positional.add("scenario", 1);
    po::variables_map vm;
    if (!parse(call, "civicsim validate FILE [--set key=value]...", options, positional, vm))
        return ok;

    const auto overrides =
        vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
    const auto scenario = read_scenario(vm["scenario"].as<std::string>(), overrides);
    const auto& p = scenario.params;
    const auto residents = models::total_population(p);
    std::cout << scenario.source << ": valid scenario '" << p.scenario.name
              << "': " << p.neighbourhoods.size() << " neighbourhoods, " << residents
              << " residents, " << p.scenario.days << " days, " << p.scenario.replications
              << " replication(s), " << scenario.strategies.size() << " strategies\n";
    return ok;
}

}  // namespace civicsim::cli
