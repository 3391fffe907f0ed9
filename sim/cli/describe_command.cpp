// civicsim describe: the scenario reference, generated from the schema.

#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/scenario/scenario.hpp"

namespace civicsim::cli {

int describe_command(const invocation& call) {
    po::options_description options("options");
    options.add_options()("markdown", po::bool_switch(),
                          "print Markdown (the format of docs/scenario-reference.md; the default)");
    po::variables_map vm;
    if (!parse(call, "civicsim describe [--markdown]", options, {}, vm)) return ok;
    std::cout << sim::describe_markdown();
    return ok;
}

}  // namespace civicsim::cli
