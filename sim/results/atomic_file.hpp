#pragma once
// Every file civicsim writes (the results, the report) reaches its name the same way: written in
// full under a temporary name in the target's directory, synced, then published in one step. A
// reader never sees half a file, a crash never leaves one under the target's name, an existing
// file is replaced only when asked, and only a regular file is ever replaced.

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <system_error>

#include "sim/results/results_error.hpp"

namespace civicsim::sim {

/// A file to write: where, whether a regular file already there may be replaced (--force), and
/// what to call it in messages ("results file", "report").
struct output_file {
    std::filesystem::path path;
    bool overwrite = false;
    std::string noun = "file";
};

/// An output file that cannot be written or published; the message names the file and the reason.
class output_error : public results_error {
public:
    output_error(const std::string& message, std::filesystem::path path,
                 std::error_code reason = {});
    /// The file that was to be written.
    const std::filesystem::path& path() const noexcept { return path_; }
    /// The operating system's reason, when it gave one.
    std::error_code reason() const noexcept { return reason_; }

private:
    std::filesystem::path path_;
    std::error_code reason_;
};

/// Something exists at the target and replacing it was not asked for.
class output_exists_error : public output_error {
public:
    using output_error::output_error;
};

/// The target is a directory, a device, a FIFO, a socket or a symbolic link, which are never
/// replaced, --force or not.
class not_regular_file_error : public output_error {
public:
    using output_error::output_error;
};

/// A file being written under a temporary name beside its target. The constructor checks the
/// target (as check_output_writable does), creates missing parent directories and the temporary
/// file; publish() gives the finished file the target's name. Until then, and whatever is thrown,
/// the temporary file is removed when the object goes out of scope.
class atomic_file {
public:
    explicit atomic_file(output_file target);
    atomic_file(const atomic_file&) = delete;
    atomic_file& operator=(const atomic_file&) = delete;
    ~atomic_file();

    /// Appends `bytes` to the temporary file.
    void write(std::span<const std::byte> bytes);
    void write(std::string_view text) { write(std::as_bytes(std::span(text.data(), text.size()))); }

    /// Syncs and closes the temporary file, then renames it to the target. Without overwrite the
    /// rename fails atomically if anything has appeared at the target meanwhile, even from another
    /// writer (output_exists_error); with it, a regular file there is replaced and anything else
    /// refused (not_regular_file_error).
    void publish();

    const output_file& target() const noexcept { return target_; }
    /// The temporary file's path, for libraries that want a name for what they write.
    const std::filesystem::path& temporary() const noexcept { return temporary_; }

private:
    output_file target_;
    std::filesystem::path temporary_;  ///< empty once published
    int descriptor_ = -1;
};

/// Writes `contents` to the target through an atomic_file.
void write_atomically(const output_file& target, std::string_view contents);

/// Checked before long work, so that it is not wasted on a file that cannot be written: throws
/// what atomic_file's constructor would (the target exists without overwrite, is not a regular
/// file, or its directory cannot be created or written). Creates missing parent directories.
void check_output_writable(const output_file& target);

namespace detail {
/// publish()'s way of renaming without replacing on file systems that lack RENAME_NOREPLACE
/// (link(2), then unlink(2) of `temporary`); exposed for its tests. Throws as publish() does.
void link_into_place(const std::filesystem::path& temporary, const output_file& target);
}  // namespace detail

}  // namespace civicsim::sim
