// civicsim merge OUT PART...: the shards of a sweep (civicsim sweep --shard i/N) joined into the
// file one process would have written, after checking that they are parts of one sweep and hold
// every run exactly once.

#include <iostream>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/results/hdf5_reader.hpp"
#include "sim/results/hdf5_writer.hpp"
#include "sim/results/sweep_parts.hpp"

namespace civicsim::cli {

int merge_command(const invocation& call) {
    po::options_description options("options");
    options.add_options()("out", po::value<std::string>()->required(), "the joined results file")(
        "parts", po::value<std::vector<std::string>>()->multitoken()->required(),
        "the shards (results files written by civicsim sweep --shard i/N), in any order")(
        "force", po::bool_switch(), "overwrite an existing results file");
    po::positional_options_description positional;
    positional.add("out", 1).add("parts", -1);
    po::variables_map vm;
    if (!parse(call, "civicsim merge OUT.h5 SHARD.h5... [--force]", options, positional, vm))
        return ok;

    const std::filesystem::path out = vm["out"].as<std::string>();
    const auto names = vm["parts"].as<std::vector<std::string>>();
    std::vector<std::pair<std::filesystem::path, std::string>> inputs;
    for (const auto& name : names) inputs.emplace_back(name, "shard");
    check_outputs(inputs, {{out, "results file"}}, vm["force"].as<bool>(), "Nothing was written.");

    std::vector<sim::sweep_part> parts;
    try {
        for (const auto& name : names) {
            sim::probe_results_file(name, 120,
                                    true);  // a crash inside libhdf5 ends a child, not this
            parts.push_back({name, sim::read_sweep_part(name)});
        }
    } catch (const sim::results_read_error& e) {
        throw bad_input_error(std::string(e.what()) + ". Nothing was written.");
    }
    sim::results_set whole;
    try {
        whole = sim::join_sweep_parts(std::move(parts));
    } catch (const sim::join_error& e) {
        throw bad_input_error(std::string(e.what()) + ". Nothing was written.");
    }
    whole.sweep_id.clear();  // a whole sweep's file, as one process writes it
    whole.command_line = call.command_line;
    write_then_stop_if_asked("the results file '" + out.string() + "'",
                             [&] { sim::write_results(out, whole, vm["force"].as<bool>()); });
    std::cout << "wrote " << out.string() << " (" << whole.runs.size() << " runs from "
              << names.size() << (names.size() == 1 ? " shard" : " shards") << ")\n";
    return ok;
}

}  // namespace civicsim::cli
