#pragma once
// Finished runs kept through an interruption, for the commands that --resume (sweep, run,
// compare). The unit of work is one run (a replication of a point or strategy): finished runs are
// written to files of their own in a folder beside the results file (OUT.partial/run-<id>.h5,
// ordinary results files named after their first run, each written whole under a temporary name
// and renamed, as every results file is), each run as it ends or, for a sweep's many short runs,
// in batches (resumable_work::keep_every). HDF5 keeps its metadata in memory and
// updates it in place, so a results file that is being written when the process is killed can be
// left unreadable; finished files renamed into place cannot. So a kill -9 loses only the runs in
// progress (and those of the last batch); Ctrl-C, SIGTERM or SIGHUP also leave OUT with the
// finished runs, marked incomplete; and --resume reads the folder, checks that its runs are of
// this very work, and runs the rest. While a command works on OUT it holds a lock beside it
// (OUT.partial.lock), so that a second command on the same file is refused. Under mpirun
// (process_group), the processes share the runs and the first joins the folder.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/run.hpp"
#include "sim/results/run_result.hpp"
#include "sim/results/sweep_parts.hpp"

namespace civicsim::cli {

class process_group;

/// All the runs of one command, and what every part of it carries.
struct resumable_work {
    std::string command;  ///< the civicsim command: "sweep", "run", "compare"
    std::string noun;     ///< what to call the work in messages: "sweep", "comparison", ...
    std::filesystem::path out;
    /// The description every part carries (scenario, strategies, design, neighbourhoods), with
    /// sweep_id (work_identity) and sweep_runs (every job) set.
    sim::results_set header;
    std::vector<sim::run_column> columns;  ///< every run's /runs values beyond the four
    std::vector<sim::run_job> jobs;        ///< every run, run_id = index
    std::string shard;                     ///< "i/N" when only a share of the jobs is run
    std::function<bool(std::uint32_t run_id)> selected = [](std::uint32_t) { return true; };
    /// What else decides values, for messages about runs of other work: "the design, ".
    std::string other_inputs;
    /// How long finished runs may wait to be written to the folder together: a results file has
    /// a fixed cost (about 240 datasets) that would outweigh short runs each in a file of its
    /// own. 0: each run as it ends.
    std::chrono::milliseconds keep_every{0};
    /// The processes of an mpirun launch that share the runs; none: this process alone.
    const process_group* group = nullptr;
};

/// The identity of a command's runs: a hash of the command, the civicsim build, the results
/// format and `decisive` (everything else that decides the values: the resolved scenario, the
/// design, the strategies). Parts of the same work share it.
std::string work_identity(const std::string& command, const std::string& decisive);

/// The folder OUT.partial of `work` and the finished runs in it.
class kept_runs {
public:
    /// Checks the folder before any work: a file in its way, or finished runs there without
    /// `resume` (they are never thrown away), is a bad_input_error. With `resume`, OUT may be
    /// replaced when it is an incomplete file of this very work (replaces_out()).
    kept_runs(resumable_work work, bool resume);
    ~kept_runs();
    kept_runs(const kept_runs&) = delete;
    kept_runs& operator=(const kept_runs&) = delete;

    /// Whether --resume may replace OUT without --force.
    bool replaces_out() const { return replaces_out_; }

    /// Reads the finished runs, each checked to be of this work and selected; after the checks
    /// of the outputs, so that nothing is read for a command that is refused.
    void read_finished();
    std::size_t finished() const { return finished_; }
    std::size_t selected() const { return selected_; }

    /// "resuming: ..." (with --resume) for the command's opening lines.
    void print_resume(std::ostream& out) const;

    /// Runs the rest with the progress bar and the stop signals handled, keeping the runs as they
    /// end. Returns every selected run joined in run_id order (with `allow_missing`, a shard's
    /// share), or nothing after a stop signal: then OUT holds the finished runs marked incomplete
    /// (or, with none finished, nothing is written at all) and a message says so. Under mpirun,
    /// every process calls it; the others return nothing, and the first joins their runs.
    std::optional<sim::results_set> run_rest(unsigned threads, std::uint64_t resident_days_per_run,
                                             const std::string& command_line, bool overwrite,
                                             bool allow_missing);

    /// Writes `results` (the whole work) to OUT and removes the folder, whose runs it holds.
    /// A whole file has no sweep attributes: they are cleared in `results` (no copy is made of
    /// what may be every daily series of every run).
    void write_whole(sim::results_set& results, bool overwrite);

    /// Under mpirun, on the first process after run_rest: the runs each process was handed.
    const std::vector<std::size_t>& runs_per_process() const { return handed_; }

private:
    std::vector<sim::sweep_part> read_folder() const;
    bool alone() const;

    class output_lock;
    std::unique_ptr<output_lock> lock_;
    resumable_work work_;
    std::filesystem::path folder_;
    bool resume_ = false;
    bool has_folder_ = false;
    bool replaces_out_ = false;
    std::string start_again_;
    std::vector<sim::sweep_part> parts_;
    std::size_t finished_ = 0;
    std::size_t selected_ = 0;
    std::vector<std::size_t> handed_;
};

}  // namespace civicsim::cli
