#include "sim/results/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <utility>

namespace civicsim::sim {

namespace fs = std::filesystem;

namespace {

// Appending rather than `"'" + path.string()`, which trips GCC 12's false -Wrestrict alarm.
std::string quoted(const fs::path& path) {
    std::string text = "'";
    text += path.string();
    text += '\'';
    return text;
}

std::error_code os_error(int error) { return {error, std::system_category()}; }

std::string named(const output_file& target) { return target.noun + " " + quoted(target.path); }

/// A step of writing `target` failed with errno `error`.
output_error failure(const output_file& target, const std::string& step, int error) {
    return output_error(
        "cannot write " + named(target) + ": " + step + ": " + os_error(error).message(),
        target.path, os_error(error));
}

output_exists_error already_exists(const output_file& target) {
    return output_exists_error(named(target) + " already exists; pass --force to replace it",
                               target.path, os_error(EEXIST));
}

fs::path directory_of(const fs::path& path) {
    const auto directory = path.parent_path();
    return directory.empty() ? fs::path(".") : directory;
}

std::string_view kind_of(fs::file_type type) {
    switch (type) {
        case fs::file_type::symlink: return "a symbolic link";
        case fs::file_type::block: return "a block device";
        case fs::file_type::character: return "a character device";
        case fs::file_type::fifo: return "a FIFO (named pipe)";
        case fs::file_type::socket: return "a socket";
        default: return "something other than a regular file";
    }
}

/// Only a regular file is ever replaced: renaming over /dev/null as root would replace the device
/// node, and over a symbolic link the link rather than the file it points to.
void require_nothing_but_a_regular_file_at(const output_file& target) {
    std::error_code ignored;  // a path that cannot be examined is reported when it is created
    const auto status = fs::symlink_status(target.path, ignored);
    if (!target.path.has_filename() || fs::is_directory(status))
        throw not_regular_file_error(named(target) + " names a directory, not a file", target.path,
                                     os_error(EISDIR));
    if (fs::exists(status) && !fs::is_regular_file(status))
        throw not_regular_file_error(named(target) + " names " +
                                         std::string(kind_of(status.type())) +
                                         ", not a regular file; only a regular file is replaced",
                                     target.path);
}

void check_target(const output_file& target) {
    require_nothing_but_a_regular_file_at(target);
    std::error_code ignored;
    if (!target.overwrite && fs::exists(fs::symlink_status(target.path, ignored)))
        throw already_exists(target);
}

void create_directory_for(const output_file& target) {
    const auto directory = directory_of(target.path);
    std::error_code error;
    fs::create_directories(directory, error);
    if (error)
        throw output_error("cannot create directory " + quoted(directory) + " for " +
                               named(target) + ": " + error.message(),
                           target.path, error);
}

/// A name beside `target` that no other writer, thread or process, uses at the same time.
fs::path temporary_name_for(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    const std::string name = "." + target.filename().string() + "." + std::to_string(::getpid()) +
                             "-" + std::to_string(counter++) + ".tmp";
    return target.parent_path() / name;
}

/// Makes a rename durable; best effort, since the file is in place whatever happens here.
void sync_directory_of(const fs::path& path) {
    const int directory = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory < 0) return;
    ::fsync(directory);
    ::close(directory);
}

}  // namespace

output_error::output_error(const std::string& message, fs::path path, std::error_code reason)
    : results_error(message), path_(std::move(path)), reason_(reason) {}

atomic_file::atomic_file(output_file target) : target_(std::move(target)) {
    check_target(target_);
    create_directory_for(target_);
    // Creating a file is the only reliable test of a directory: permissions, read-only mounts and
    // ACLs all count, and access(2) answers yes to root regardless. A name taken by a file left
    // behind by an earlier process with the same id is skipped.
    constexpr int attempts = 100;
    for (int attempt = 1;; ++attempt) {
        auto candidate = temporary_name_for(target_.path);
        descriptor_ = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (descriptor_ >= 0) {
            temporary_ = std::move(candidate);
            return;
        }
        const int error = errno;
        if (error == EEXIST && attempt < attempts) continue;
        throw output_error("cannot write " + named(target_) + ": cannot create files in " +
                               quoted(directory_of(target_.path)) + ": " +
                               os_error(error).message(),
                           target_.path, os_error(error));
    }
}

atomic_file::~atomic_file() {
    if (descriptor_ >= 0) ::close(descriptor_);
    if (!temporary_.empty()) ::unlink(temporary_.c_str());
}

void atomic_file::write(std::span<const std::byte> bytes) {
    if (descriptor_ < 0) throw std::logic_error("atomic_file::write after publish");
    for (std::size_t written = 0; written < bytes.size();) {
        const ssize_t count = ::write(descriptor_, bytes.data() + written, bytes.size() - written);
        if (count < 0 && errno == EINTR) continue;
        if (count < 0) throw failure(target_, "writing the data", errno);
        written += static_cast<std::size_t>(count);
    }
}

void atomic_file::publish() {
    if (descriptor_ < 0) throw std::logic_error("atomic_file::publish called twice");
    // Synced before the rename: renaming a file whose data is still in the page cache could, after
    // a crash, leave the final name on an empty or cut-off file.
    if (::fsync(descriptor_) != 0) throw failure(target_, "syncing the data", errno);
    // NFS, for one, reports failed writes only when the file is closed.
    if (::close(std::exchange(descriptor_, -1)) != 0)
        throw failure(target_, "closing the file", errno);

    if (target_.overwrite) {
        // Checked again: the target may have changed while the data was being produced.
        require_nothing_but_a_regular_file_at(target_);
        if (::rename(temporary_.c_str(), target_.path.c_str()) != 0)
            throw failure(target_, "renaming " + quoted(temporary_), errno);
    } else if (::renameat2(AT_FDCWD, temporary_.c_str(), AT_FDCWD, target_.path.c_str(),
                           RENAME_NOREPLACE) != 0) {
        // RENAME_NOREPLACE keeps "refuse to replace" true even for a file that appeared at the
        // target while the data was being produced.
        const int error = errno;
        if (error == EEXIST) throw already_exists(target_);
        if (error != EINVAL && error != ENOSYS)
            throw failure(target_, "renaming " + quoted(temporary_), error);
        detail::link_into_place(temporary_, target_);
    }
    temporary_.clear();
    sync_directory_of(target_.path);
}

void write_atomically(const output_file& target, std::string_view contents) {
    atomic_file file(target);
    file.write(contents);
    file.publish();
}

void check_output_writable(const output_file& target) { const atomic_file probe(target); }

namespace detail {

// Some file systems (NFS, for one) lack RENAME_NOREPLACE. link(2) fails with EEXIST whatever
// appeared at the target, atomically, where checking first and then renaming would not.
void link_into_place(const fs::path& temporary, const output_file& target) {
    if (::link(temporary.c_str(), target.path.c_str()) != 0) {
        const int error = errno;
        if (error == EEXIST) throw already_exists(target);
        throw failure(target, "linking " + quoted(temporary) + " to its final name", error);
    }
    // The file is in place under both names; should this fail, the temporary name is left behind
    // as docs/results-format.md allows (a hidden .tmp file, safe to delete).
    ::unlink(temporary.c_str());
}

}  // namespace detail

}  // namespace civicsim::sim
