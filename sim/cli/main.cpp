// civicsim: the command-line interface. Dispatches to a command and turns every error into a
// message on standard error and a non-zero exit code.

#include <csignal>
#include <cstdio>
#include <iostream>
#include <string_view>

#include "sim/cli/commands.hpp"
#include "sim/cli/process_group.hpp"
#include "sim/engine/run.hpp"
#include "sim/results/hdf5_writer.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/version.hpp"

namespace {

using namespace civicsim;

struct command_entry {
    std::string_view name;
    std::string_view summary;
    int (*run)(const cli::invocation&);
};

constexpr command_entry commands[] = {
    {"run", "run a scenario's replications and write an HDF5 results file", cli::run_command},
    {"compare", "run the baseline and every [[strategy]] with common random numbers",
     cli::compare_command},
    {"explain", "attribute a strategy's effect to mechanisms, each switched off in both arms",
     cli::explain_command},
    {"sweep", "run a scenario at every point of a design (CSV) into one results file",
     cli::sweep_command},
    {"merge", "join the shards of a sweep (sweep --shard i/N) into one results file",
     cli::merge_command},
    {"report", "write the HTML report on a results file", cli::report_command},
    {"validate", "check a scenario file and report every problem in it", cli::validate_command},
    {"describe", "print the scenario reference generated from the schema", cli::describe_command},
    {"bench", "measure speed and memory of a run or a sweep (a scenario or a generated city)",
     cli::bench_command},
    {"serve", "serve the workshop page: two strategies side by side, in a browser",
     cli::serve_command},
};

void print_usage(std::ostream& out) {
    out << "usage: civicsim <command> [options]\n\ncommands:\n";
    for (const auto& c : commands)
        out << "  " << c.name << std::string(10 - c.name.size(), ' ') << c.summary << '\n';
    out << "\n'civicsim <command> --help' describes a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::string command_line;
    for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);

    if (argc < 2) {
        print_usage(std::cerr);
        return cli::bad_input;
    }
    const std::string_view name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        print_usage(std::cout);
        return cli::ok;
    }
    if (name == "--version") {
        std::cout << "civicsim " << civicsim::version << " (" << civicsim::git_commit << ")"
                  << (cli::process_group::available() ? ", with MPI" : "") << '\n';
        return cli::ok;
    }
    const command_entry* chosen = nullptr;
    for (const auto& c : commands)
        if (c.name == name) chosen = &c;
    if (chosen == nullptr) {
        std::cerr << "civicsim: unknown command '" << name << "'\n\n";
        print_usage(std::cerr);
        return cli::bad_input;
    }

    const cli::invocation call{{argv + 2, argv + argc}, command_line};
    const std::string prefix = "civicsim " + std::string(name) + ": ";
    try {
        return chosen->run(call);
    } catch (const boost::program_options::error& e) {
        std::cerr << prefix << e.what() << "\nTry 'civicsim " << name << " --help'.\n";
        return cli::bad_input;
    } catch (const cli::bad_input_error& e) {
        std::cerr << prefix << e.what() << '\n';
        return cli::bad_input;
    } catch (const sim::scenario_error& e) {
        for (const auto& p : e.problems()) std::cerr << p.to_string() << '\n';
        std::cerr << prefix << e.problems().size()
                  << (e.problems().size() == 1 ? " problem" : " problems")
                  << " in the scenario; nothing was run or written.\n";
        return cli::bad_input;
    } catch (const cli::stopped_after_writing& e) {
        std::cerr << '\n' << prefix << e.what() << '\n';
        return cli::interrupted;
    } catch (const sim::interrupted&) {
        std::cerr << '\n' << prefix << "interrupted; nothing was written.\n";
        return cli::interrupted;
    } catch (const sim::results_error& e) {
        std::cerr << prefix << e.what() << '\n';
        return cli::failure;
    } catch (const std::exception& e) {
        std::cerr << prefix << "error: " << e.what() << '\n';
        return cli::failure;
    }
}
