#include "sim/cli/process_group.hpp"

#include <chrono>
#include <cstdlib>
#include <exception>
#include <string>
#include <thread>

#include "sim/cli/commands.hpp"

#ifdef CIVICSIM_WITH_MPI
#include <mpi.h>
#endif

namespace civicsim::cli {

namespace {

/// The number of processes an MPI launcher says it started (Open MPI's mpirun, or a PMI launcher
/// such as MPICH's or Slurm's), or 0 when none did.
int launched_processes() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
        if (const char* value = std::getenv(name)) return std::atoi(value);
    return 0;
}

#ifdef CIVICSIM_WITH_MPI
enum tag : int { request = 1, answer = 2, finished = 3 };

void check(int status, const char* call) {
    if (status != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + call + " failed");
}
#endif

}  // namespace

bool process_group::available() noexcept {
#ifdef CIVICSIM_WITH_MPI
    return true;
#else
    return false;
#endif
}

process_group::process_group() {
    const int launched = launched_processes();
    if (launched == 0) return;
#ifdef CIVICSIM_WITH_MPI
    int provided = 0;
    // Only the calling thread talks to MPI; the runs on other threads never do.
    check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
    joined_ = true;
    // A failure on one process must not leave the others waiting: errors are returned, and the
    // command ends the launch with abort().
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    MPI_Comm local;
    check(MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &local),
          "MPI_Comm_split_type");
    MPI_Comm_size(local, &local_size_);
    MPI_Comm_free(&local);
#else
    if (launched > 1)
        throw bad_input_error(
            "started by an MPI launcher as one of " + std::to_string(launched) +
            " processes, but this civicsim was built without MPI (install Debian's "
            "libopenmpi-dev and build again): each process would run the whole sweep. Nothing "
            "was run or written.");
#endif
}

process_group::~process_group() {
#ifdef CIVICSIM_WITH_MPI
    // MPI_Finalize waits for every process; one leaving with an error the others may never learn
    // of (a failed run, a write error) must not wait for them: it leaves without, and mpirun,
    // seeing it end, ends the launch.
    if (joined_ && (size_ == 1 || std::uncaught_exceptions() == 0)) MPI_Finalize();
#endif
}

bool process_group::all(bool mine) const {
#ifdef CIVICSIM_WITH_MPI
    if (!joined_) return mine;
    int value = mine ? 1 : 0;
    int every = 0;
    check(MPI_Allreduce(&value, &every, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD), "MPI_Allreduce");
    return every == 1;
#else
    return mine;
#endif
}

int process_group::leaders(int value) const {
#ifdef CIVICSIM_WITH_MPI
    if (joined_) check(MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD), "MPI_Bcast");
#endif
    return value;
}

void process_group::wait_for_all() const {
#ifdef CIVICSIM_WITH_MPI
    if (joined_) check(MPI_Barrier(MPI_COMM_WORLD), "MPI_Barrier");
#endif
}

void process_group::abort(int code) const {
#ifdef CIVICSIM_WITH_MPI
    if (joined_) MPI_Abort(MPI_COMM_WORLD, code);
#endif
    std::exit(code);
}

std::vector<std::size_t> process_group::share(std::size_t count,
                                              const std::function<void(std::size_t)>& work,
                                              const std::atomic<bool>* stop) const {
    const auto stopped = [stop] { return stop != nullptr && stop->load(); };
    if (size_ == 1) {
        std::size_t handed = 0;
        for (; handed < count && !stopped(); ++handed) work(handed);
        return {handed};
    }
#ifdef CIVICSIM_WITH_MPI
    if (rank_ != 0) {
        // Ask for a job, run it, ask again; the answer -1 means there is none left.
        long long job = 0;
        std::exception_ptr failure;
        while (!stopped()) {
            check(MPI_Send(&job, 1, MPI_LONG_LONG, 0, request, MPI_COMM_WORLD), "MPI_Send");
            check(MPI_Recv(&job, 1, MPI_LONG_LONG, 0, answer, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
                  "MPI_Recv");
            if (job < 0) break;
            try {
                work(static_cast<std::size_t>(job));
            } catch (...) {
                failure = std::current_exception();
                break;
            }
        }
        // Stopped or failed without taking the answer -1: say so, so that the first process does
        // not wait for this one's next request.
        if (job >= 0)
            check(MPI_Send(&job, 1, MPI_LONG_LONG, 0, finished, MPI_COMM_WORLD), "MPI_Send");
        if (failure) std::rethrow_exception(failure);
        return {};
    }

    // The first process: one counter for every process, its own share run on a second thread
    // while this one answers the others (it checks for requests every millisecond, so that it
    // takes no core while waiting).
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    const auto take = [&]() -> long long {
        if (stopped() || failed.load()) return -1;
        const std::size_t job = next.fetch_add(1);
        return job < count ? static_cast<long long>(job) : -1;
    };
    std::exception_ptr failure;
    std::atomic<bool> own_done{false};
    std::vector<std::size_t> handed(static_cast<std::size_t>(size_), 0);
    std::thread own([&] {
        try {
            for (long long job = take(); job >= 0; job = take()) {
                ++handed[0];  // this thread's slot: the other thread writes the others
                work(static_cast<std::size_t>(job));
            }
        } catch (...) {
            failure = std::current_exception();
            failed = true;
        }
        own_done = true;
    });
    int asking = size_ - 1;  // processes that have not yet stopped asking
    try {
        while (asking > 0 || !own_done.load()) {
            int waiting = 0;
            MPI_Status status;
            check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status),
                  "MPI_Iprobe");
            if (waiting == 0) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
                continue;
            }
            long long message = 0;
            check(MPI_Recv(&message, 1, MPI_LONG_LONG, status.MPI_SOURCE, status.MPI_TAG,
                           MPI_COMM_WORLD, MPI_STATUS_IGNORE),
                  "MPI_Recv");
            if (status.MPI_TAG == finished) {
                --asking;
                continue;
            }
            const long long job = take();
            if (job < 0)
                --asking;
            else
                ++handed[static_cast<std::size_t>(status.MPI_SOURCE)];
            check(MPI_Send(&job, 1, MPI_LONG_LONG, status.MPI_SOURCE, answer, MPI_COMM_WORLD),
                  "MPI_Send");
        }
    } catch (...) {
        failed = true;
        own.join();
        throw;
    }
    own.join();
    if (failure) std::rethrow_exception(failure);
    return handed;
#else
    (void)work;
    return {};
#endif
}

}  // namespace civicsim::cli
