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
        "outcomes", po::bool_switch(),
        "describe every outcome a run records instead of the scenario keys "
        "(docs/outcome-reference.md)");
    po::variables_map vm;
    if (!parse(call, "civicsim describe [--markdown] [--outcomes]", options, {}, vm)) return ok;
    std::cout << (vm["outcomes"].as<bool>() ? sim::outcome_reference_markdown()
                                            : sim::describe_markdown());
    return ok;
}

}  // namespace civicsim::cli
