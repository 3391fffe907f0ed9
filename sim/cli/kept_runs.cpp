#include "sim/cli/kept_runs.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <mutex>
#include <utility>

#include "sim/cli/commands.hpp"
#include "sim/cli/process_group.hpp"
#include "sim/results/hdf5_reader.hpp"
#include "sim/results/hdf5_writer.hpp"
#include "sim/version.hpp"

namespace civicsim::cli {

namespace {

bool is_run_file(const std::filesystem::path& path) {
    const auto name = path.filename().string();
    return name.starts_with("run-") && name.ends_with(".h5") && name.size() > 7 &&
           std::all_of(name.begin() + 4, name.end() - 3,
                       [](char c) { return c >= '0' && c <= '9'; });
}

std::filesystem::path run_file(const std::filesystem::path& folder, std::uint32_t run_id) {
    return folder / ("run-" + std::to_string(run_id) + ".h5");
}

/// The runs this process finished, written to the folder in batches: once `interval` has passed
/// since the last batch (0: each run as it ends), and by flush(). Thread-safe.
class run_journal {
public:
    run_journal(std::filesystem::path folder, const resumable_work& work)
        : folder_(std::move(folder)), work_(work) {}

    void add(const sim::run_result& run) {
        const std::lock_guard lock(mutex_);
        pending_.push_back(run);
        if (clock::now() - last_ >= work_.keep_every) write();
    }

    void flush() {
        const std::lock_guard lock(mutex_);
        write();
    }

private:
    using clock = std::chrono::steady_clock;

    /// One file for the pending runs, named after the first: each run is in one file only, so
    /// names never clash, between processes either. (HDF5, as Debian builds it, is not
    /// thread-safe: the lock also keeps it to one file at a time.)
    void write() {
        last_ = clock::now();
        if (pending_.empty()) return;
        std::sort(pending_.begin(), pending_.end(),
                  [](const auto& a, const auto& b) { return a.run_id < b.run_id; });
        const auto path = run_file(folder_, pending_.front().run_id);
        sim::write_results(
            path, sim::sweep_part_of(work_.header, work_.columns, std::move(pending_)), true);
        pending_.clear();
    }

    std::filesystem::path folder_;
    const resumable_work& work_;
    std::mutex mutex_;
    std::vector<sim::run_result> pending_;
    clock::time_point last_ = clock::now();
};

}  // namespace

/// Keeps a second command off a results file while this one works on it: an flock(2) on
/// OUT.partial.lock beside it, taken before the folder of finished runs is looked at and given
/// up (the file removed) when the command ends. A killed command's lock goes with its process,
/// leaving at most the file, which the next takes over. Nothing is locked where the results
/// file's folder does not exist yet (no command can be working there), and flock may not lock
/// between machines on a network file system.
class kept_runs::output_lock {
public:
    output_lock(std::filesystem::path path, const std::string& command) : path_(std::move(path)) {
        std::error_code error;
        const auto parent = path_.parent_path().empty() ? "." : path_.parent_path();
        if (!std::filesystem::is_directory(parent, error)) return;
        fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd_ < 0) return;  // a folder we cannot write to: the checks of the outputs say so
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd_);
            fd_ = -1;
            throw bad_input_error("another civicsim " + command +
                                  " is writing this results file (it holds " + path_.string() +
                                  "); wait for it to end, or give --out another name. Nothing "
                                  "was run or written.");
        }
    }
    ~output_lock() {
        if (fd_ < 0) return;
        ::unlink(path_.c_str());  // while still holding it: the next command makes a new one
        ::close(fd_);
    }
    output_lock(const output_lock&) = delete;
    output_lock& operator=(const output_lock&) = delete;

private:
    std::filesystem::path path_;
    int fd_ = -1;
};

std::string work_identity(const std::string& command, const std::string& decisive) {
    std::string text = "civicsim " + command + "\n";
    text += civicsim::version;
    text += ' ';
    text += civicsim::git_commit;
    text += "\nformat " + std::to_string(sim::results_format_version) + "\n" + decisive;
    return sim::fingerprint(text);
}

kept_runs::kept_runs(resumable_work work, bool resume)
    : work_(std::move(work)), folder_(work_.out), resume_(resume) {
    folder_ += ".partial";
    // The first process of an mpirun launch locks for all.
    if (work_.group == nullptr || work_.group->leader())
        lock_ = std::make_unique<output_lock>(folder_.string() + ".lock", work_.command);
    std::error_code error;
    const auto folder_status = std::filesystem::symlink_status(folder_, error);
    has_folder_ = std::filesystem::exists(folder_status);
    start_again_ = "remove " + folder_.string() + " to start the " + work_.noun + " again.";
    if (has_folder_ && !std::filesystem::is_directory(folder_status))
        throw bad_input_error(folder_.string() + " is in the way: civicsim " + work_.command +
                              " keeps finished runs in a folder of that name. Nothing was run or "
                              "written.");
    // A folder without finished runs (killed before the first ended) has nothing to keep.
    bool has_runs = false;
    if (has_folder_)
        for (const auto& entry : std::filesystem::directory_iterator(folder_))
            has_runs = has_runs || is_run_file(entry.path());
    if (has_runs && !resume_)
        throw bad_input_error("the runs an interrupted " + work_.noun + " finished are in " +
                              folder_.string() +
                              ": add --resume to keep them and run the rest, or " + start_again_ +
                              " Nothing was run or written.");
    // --resume may replace what an interruption left under OUT: part of this very work.
    if (resume_ && std::filesystem::is_regular_file(work_.out, error)) {
        try {
            sim::probe_results_file(work_.out, 120, true);  // a crash inside libhdf5 ends a child
            const auto earlier = sim::read_sweep_part(work_.out);
            replaces_out_ = earlier.partial() && earlier.sweep_id == work_.header.sweep_id &&
                            earlier.shard == work_.shard;
        } catch (const sim::results_read_error&) {
        }
    }
    for (const auto& job : work_.jobs) selected_ += work_.selected(job.id.run_id) ? 1 : 0;
}

kept_runs::~kept_runs() = default;

bool kept_runs::alone() const { return work_.group == nullptr || work_.group->size() == 1; }

std::vector<sim::sweep_part> kept_runs::read_folder() const {
    std::vector<sim::sweep_part> parts;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder_))
        if (entry.is_regular_file() && is_run_file(entry.path())) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        sim::results_set part;
        try {
            part = sim::read_sweep_part(path);
        } catch (const sim::results_read_error& e) {
            throw bad_input_error(std::string(e.what()) + "; " + start_again_);
        }
        if (part.sweep_id != work_.header.sweep_id)
            throw bad_input_error(path.string() + " holds a run of another " + work_.noun +
                                  " (the scenario, " + work_.other_inputs +
                                  "--set, --seed, --days, --replications or the civicsim build "
                                  "differ from this command's); " +
                                  start_again_);
        for (const auto& run : part.runs)
            if (!work_.selected(run.run_id))
                throw bad_input_error(path.string() + " holds run " + std::to_string(run.run_id) +
                                      ", which is not in shard " + work_.shard + "; " +
                                      start_again_);
        parts.push_back({path.string(), std::move(part)});
    }
    return parts;
}

void kept_runs::read_finished() {
    if (!has_folder_) return;
    parts_ = read_folder();
    std::vector<bool> done(work_.jobs.size(), false);
    for (const auto& part : parts_)
        for (const auto& run : part.results.runs) {
            finished_ += done[run.run_id] ? 0 : 1;
            done[run.run_id] = true;
        }
}

void kept_runs::print_resume(std::ostream& out) const {
    if (!resume_) return;
    out << (has_folder_
                ? "resuming: " + std::to_string(finished_) + " of " + std::to_string(selected_) +
                      " runs were finished in " + folder_.string()
                : "nothing to resume (no " + folder_.string() + "): running every run")
        << '\n';
}

std::optional<sim::results_set> kept_runs::run_rest(unsigned threads,
                                                    std::uint64_t resident_days_per_run,
                                                    const std::string& command_line, bool overwrite,
                                                    bool allow_missing) {
    std::vector<bool> done(work_.jobs.size(), false);
    for (const auto& part : parts_)
        for (const auto& run : part.results.runs) done[run.run_id] = true;
    std::vector<sim::run_job> remaining;
    for (const auto& job : work_.jobs)
        if (work_.selected(job.id.run_id) && !done[job.id.run_id]) remaining.push_back(job);

    // Every process has checked the folder as it was before any of them writes to it.
    if (!alone()) work_.group->wait_for_all();
    std::filesystem::create_directories(folder_);
    run_journal journal(folder_, work_);
    const auto keep_run = [&](std::size_t, const sim::run_result& run) { journal.add(run); };
    std::vector<sim::run_result> fresh;
    bool stopped = false;
    try {
        run_with_progress(
            static_cast<std::uint32_t>(remaining.size()), resident_days_per_run,
            [&](const sim::run_control& control) {
                if (alone()) {
                    fresh = sim::run_batch(remaining, threads, control, {}, keep_run);
                } else {
                    // Runs handed out one by one; each is kept only in the folder.
                    handed_ = work_.group->share(
                        remaining.size(),
                        [&](std::size_t job) {
                            sim::run_batch({&remaining[job], 1}, threads, control, {}, keep_run);
                        },
                        control.cancel);
                }
                return sim::results_set{};
            });
    } catch (const sim::interrupted&) {
        stopped = true;
    }
    {
        const stop_signals_held hold;  // a second signal does not cut the last batch's file
        journal.flush();
    }
    if (!alone()) {
        work_.group->wait_for_all();  // every process's runs are in the folder
        if (!work_.group->leader()) return std::nullopt;
    }
    if (stopped || !alone()) {
        // Every finished run is in the folder; OUT gets them too, marked incomplete.
        auto kept = read_folder();
        std::size_t runs_kept = 0;
        for (const auto& part : kept) runs_kept += part.results.runs.size();
        if (runs_kept < selected_) {
            std::cerr << "\ncivicsim " << work_.command << ": interrupted; ";
            if (kept.empty()) {
                std::error_code error;
                std::filesystem::remove(folder_, error);  // empty: nothing was finished
                std::cerr << "no run had finished, so nothing was written.\n";
                return std::nullopt;
            }
            auto partial = sim::join_sweep_parts(std::move(kept), true);
            partial.shard = work_.shard;
            partial.command_line = command_line;
            {
                const stop_signals_held hold;  // already stopping: a second signal waits
                sim::write_results(work_.out, partial, overwrite);
            }
            std::cerr << partial.runs.size() << " of " << selected_
                      << " runs finished. They are in " << work_.out.string()
                      << " (marked incomplete) and " << folder_.string()
                      << "; the same command with --resume runs the rest.\n";
            return std::nullopt;
        }
        // Every run is there: the signal came as the last run ended, or the runs of every process
        // are in the folder.
        parts_ = std::move(kept);
        fresh.clear();
    }

    auto parts = std::move(parts_);
    if (!fresh.empty())
        parts.push_back(
            {"this run", sim::sweep_part_of(work_.header, work_.columns, std::move(fresh))});
    auto results = sim::join_sweep_parts(std::move(parts), allow_missing);
    results.shard = work_.shard;
    results.command_line = command_line;
    return results;
}

void kept_runs::write_whole(sim::results_set& results, bool overwrite) {
    if (!results.partial()) results.sweep_id.clear();  // a whole file has no sweep attributes
    write_then_stop_if_asked("the results file '" + work_.out.string() + "'", [&] {
        sim::write_results(work_.out, results, overwrite);
        std::error_code error;
        std::filesystem::remove_all(folder_, error);  // everything it held is in the results file
    });
}

}  // namespace civicsim::cli
