#pragma once
// The `civicsim` commands. Each takes its own arguments (after the command name) and returns the
// process exit code; errors are thrown and turned into messages by main().

#include <atomic>
#include <boost/program_options.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/engine/run.hpp"
#include "sim/results/run_result.hpp"
#include "sim/scenario/scenario.hpp"

namespace civicsim::cli {

namespace po = boost::program_options;

/// Exit codes shared by every command.
enum exit_code : int {
    ok = 0,
    failure = 1,       ///< the work could not be done (e.g. the results file could not be written)
    bad_input = 2,     ///< wrong flags or an invalid scenario: nothing was run or written
    interrupted = 130  ///< stopped by Ctrl-C: the finished runs are kept, marked incomplete
};

/// Wrong flags or output paths found before any work: main() prints the message and exits with
/// bad_input. The message is complete, what was not done included.
class bad_input_error : public std::runtime_error {
public:
    using runtime_error::runtime_error;
};

/// A file a command is about to write: its path, what to call it ("results file", "report"),
/// whether it is HTML (checked as the report is) or a results file, and whether it may replace
/// an existing file even without --force (what an interrupted command left, when resumed).
struct planned_output {
    std::filesystem::path path;
    std::string noun;
    bool html = false;
    bool replace = false;
};

/// Checked before any work, so that none is wasted and nothing is written when one fails: no
/// output is the same file as another output or as an input (`inputs`, named by `input_nouns`),
/// and each can be written (a regular file or a new path, existing only with --force; never a
/// directory, device, FIFO, socket or symbolic link; with planned_output::replace, an existing
/// regular file even without --force). Throws bad_input_error whose message ends
/// with `nothing_done` ("Nothing was run or written.").
void check_outputs(const std::vector<std::pair<std::filesystem::path, std::string>>& inputs,
                   const std::vector<planned_output>& outputs, bool force,
                   std::string_view nothing_done);

/// What a command receives: its arguments and the whole command line, for the record.
struct invocation {
    std::vector<std::string> args;
    std::string command_line;
};

int run_command(const invocation& call);
int validate_command(const invocation& call);
int describe_command(const invocation& call);
int bench_command(const invocation& call);
int compare_command(const invocation& call);
int explain_command(const invocation& call);
int sweep_command(const invocation& call);
int merge_command(const invocation& call);
int report_command(const invocation& call);
int serve_command(const invocation& call);

/// Parses `call.args` against `options` (and positional names); returns false after printing the
/// help when --help was given.
bool parse(const invocation& call, const std::string& usage, const po::options_description& options,
           const po::positional_options_description& positional, po::variables_map& vm);

/// Threads to use when --threads is not given: every core TBB sees.
unsigned default_threads();

/// The options that choose and adjust a scenario, shared by `run` and `compare`: FILE, --set,
/// --seed, --replications, --days, --threads.
void add_scenario_options(po::options_description& options);

/// The options that adjust a scenario without choosing it: --set, --seed, --days (a subset of
/// add_scenario_options, for commands that take the scenario differently).
void add_override_options(po::options_description& options);

/// The value of the count option `name` (declared as a string, so that "-1" is not wrapped to
/// 4294967295 as an unsigned option would): a whole number from `min` to `max`, else a
/// bad_input_error naming the flag, the value as given (shortened if long) and the range.
std::uint64_t count_option(const po::variables_map& vm, const std::string& name, std::uint64_t min,
                           std::uint64_t max);

/// --threads: 1 to max_threads, every core when not given.
unsigned threads_option(const po::variables_map& vm);
inline constexpr unsigned max_threads = 1024;

/// Refuses (bad_input_error, with the estimate and the limit) `runs` runs of `params` on `threads`
/// threads that would exceed this machine's memory or a sane time, unless --allow-large was given.
void check_work(const po::variables_map& vm, const models::parameters& params, std::uint64_t runs,
                unsigned threads, std::optional<std::uint64_t> kept = std::nullopt);

/// --allow-large, for the commands that run the model.
void add_allow_large_option(po::options_description& options);

/// sim::load_scenario, and its warnings (allowed, probably not meant) printed to stderr, each
/// with its place; the command goes on.
sim::scenario read_scenario(const std::filesystem::path& file,
                            const std::vector<std::string>& set_overrides = {});

/// The --set overrides plus the scenario keys set by the convenience flags (--seed,
/// --replications, --days), as --set overrides so that they are validated like any other value.
std::vector<std::string> overrides_from(const po::variables_map& vm);

/// Whether `a` and `b` name one file: the same path once made absolute and resolved through
/// existing symbolic links and "..", or, if both exist, the same file under two names. Checked
/// before any work, so that one output never replaces another (or the input) of the same command.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

/// Runs `work` (runs x resident_days_per_run of simulation) with the progress bar and Ctrl-C
/// handling every long command shares; an interrupted run throws sim::interrupted.
sim::results_set run_with_progress(
    std::uint32_t runs, std::uint64_t resident_days_per_run,
    const std::function<sim::results_set(const sim::run_control&)>& work);

/// While alive, Ctrl-C, SIGTERM and SIGHUP set `requested()` instead of ending the process, so
/// that a run stops cleanly between days and nothing is written.
class interrupt_guard {
public:
    interrupt_guard();
    ~interrupt_guard();
    interrupt_guard(const interrupt_guard&) = delete;
    interrupt_guard& operator=(const interrupt_guard&) = delete;
    static const std::atomic<bool>* requested() noexcept;
};

/// While alive, Ctrl-C, SIGTERM and SIGHUP wait instead of ending the process, so that a file
/// being written is finished and published and no temporary file is left beside it. The
/// handlers in place before are put back at the end (write_then_stop_if_asked then honours one
/// that came).
class stop_signals_held {
public:
    stop_signals_held();
    ~stop_signals_held();
    stop_signals_held(const stop_signals_held&) = delete;
    stop_signals_held& operator=(const stop_signals_held&) = delete;

private:
    struct saved_handlers;
    std::unique_ptr<saved_handlers> saved_;
};

/// A stop signal came while a file was written: the file was finished, then the command stopped.
/// main() prints the message and exits with `interrupted`.
class stopped_after_writing : public std::runtime_error {
public:
    using runtime_error::runtime_error;
};

/// Runs `write` (the final write of `what`, e.g. "results file 'x.h5'") with the stop signals
/// held; if one came meanwhile, throws stopped_after_writing once the file is in place.
void write_then_stop_if_asked(const std::string& what, const std::function<void()>& write);

}  // namespace civicsim::cli
