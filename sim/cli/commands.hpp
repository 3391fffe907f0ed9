#pragma once
// The `civicsim` commands. Each takes its own arguments (after the command name) and returns the
// process exit code; errors are thrown and turned into messages by main().

#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace civicsim::cli {

namespace po = boost::program_options;

/// Exit codes shared by every command.
enum exit_code : int {
    ok = 0,
    failure = 1,      ///< the work could not be done (e.g. the results file could not be written)
    bad_input = 2,    ///< wrong flags or an invalid scenario: nothing was run or written
    interrupted = 130 ///< stopped by Ctrl-C: nothing was written
};

/// What a command receives: its arguments and the whole command line, for the record.
struct invocation {
    std::vector<std::string> args;
    std::string command_line;
};

int run_command(const invocation& call);
int validate_command(const invocation& call);
int describe_command(const invocation& call);
int bench_command(const invocation& call);

/// Parses `call.args` against `options` (and positional names); returns false after printing the
/// help when --help was given.
bool parse(const invocation& call, const std::string& usage, const po::options_description& options,
           const po::positional_options_description& positional, po::variables_map& vm);

/// Threads to use when --threads is not given: every core TBB sees.
unsigned default_threads();

}  // namespace civicsim::cli
