#pragma once
// The processes of one `mpirun` launch, for `civicsim sweep`: every process reads and checks the
// same command, the runs are handed out one at a time to whichever process asks first (so a slow
// node takes fewer), and each writes its finished runs where the first process joins them. A
// process started without mpirun is a group of one, and nothing here touches MPI.
//
// MPI is used only when civicsim was built with it (CMake finds Debian's Open MPI) and the
// process was started by an MPI launcher; a build without it refuses to run under one, rather
// than let every process run the whole sweep.

#include <atomic>
#include <cstddef>
#include <functional>
#include <vector>

namespace civicsim::cli {

class process_group {
public:
    /// Joins the launch's processes (MPI_Init_thread) if started by an MPI launcher; throws
    /// bad_input_error if so but civicsim was built without MPI.
    process_group();
    ~process_group();  ///< MPI_Finalize, if it joined and no exception is leaving
    process_group(const process_group&) = delete;
    process_group& operator=(const process_group&) = delete;

    int rank() const noexcept { return rank_; }
    int size() const noexcept { return size_; }
    bool leader() const noexcept { return rank_ == 0; }
    /// Processes of the group on this machine (this one included).
    int on_this_machine() const noexcept { return local_size_; }

    /// Whether `mine` holds on every process (collective: every process must call it).
    bool all(bool mine) const;
    /// The first process's `value`, on every process (collective).
    int leaders(int value) const;
    /// Waits until every process has come here (collective).
    void wait_for_all() const;

    /// Runs work(0) .. work(count - 1) across the group, each exactly once unless stopped: the
    /// first process hands out the next job to whichever process asks, and runs jobs itself on a
    /// second thread. No job is handed out once `stop` is true or a job of this process has
    /// thrown. Returns (collectively) when every process has stopped asking, with, on the first
    /// process, the number of jobs each process was handed (empty on the others); a job's
    /// exception is rethrown on its process. The group of one runs the jobs in order, in this
    /// thread.
    std::vector<std::size_t> share(std::size_t count,
                                   const std::function<void(std::size_t job)>& work,
                                   const std::atomic<bool>* stop) const;

    /// Ends every process of the launch at once with `code` (MPI_Abort): for a failure on one
    /// process that the others cannot learn of. The group of one exits.
    [[noreturn]] void abort(int code) const;

    /// Whether this civicsim was built with MPI.
    static bool available() noexcept;

private:
    int rank_ = 0;
    int size_ = 1;
    int local_size_ = 1;
    bool joined_ = false;
};

}  // namespace civicsim::cli
