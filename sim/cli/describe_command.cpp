// civicsim describe: the scenario reference, generated from the schema; with --outcomes, the
// outcome reference, generated from the metric tables.

#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/results/outcome_reference.hpp"
#include "sim/scenario/scenario.hpp"

namespace civicsim::cli {

int describe_command(const invocation& call) {
    po::options_description options("options");
    options.add_options()("markdown", po::bool_switch(),
                          "print Markdown (the format of docs/scenario-reference.md; the default)")(
        "json", po::bool_switch(),
        "print the scenario keys as JSON (type, unit, default, allowed and plausible ranges, role, "
        "source), for programs")(
        "outcomes", po::bool_switch(),
        "describe every outcome a run records instead of the scenario keys "
        "(docs/outcome-reference.md)");
    po::variables_map vm;
    if (!parse(call, "civicsim describe [--markdown | --json] [--outcomes]", options, {}, vm)) {
        return ok;
    }
    if (vm["outcomes"].as<bool>()) {
        std::cout << sim::outcome_reference_markdown();
    } else {
        std::cout << (vm["json"].as<bool>() ? sim::describe_json() : sim::describe_markdown());
    }
    return ok;
}

}  // namespace civicsim::cli
