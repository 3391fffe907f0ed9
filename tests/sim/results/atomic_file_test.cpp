// The one way civicsim's output files reach their names: atomically, never replacing without
// overwrite, never replacing anything but a regular file, and leaving no temporary file behind.

#include "sim/results/atomic_file.hpp"
#include "tests/sim/scratch_files.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <iterator>
#include <latch>
#include <string>
#include <thread>
#include <vector>

using namespace civicsim::sim;
namespace fs = std::filesystem;

namespace {

/// An empty directory of its own under the test scratch area.
fs::path fresh_directory(const std::string& name) {
    return civicsim::test::fresh_directory("atomic_file", name);
}
using civicsim::test::contents;
using civicsim::test::entries;
using civicsim::test::write_text;

/// The exception `action` throws, as `Error`; fails the test if it throws nothing or another type.
template <class Error>
Error error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        return error;
    }
    FAIL("nothing was thrown");
    throw std::logic_error("unreachable");
}

output_file report(const fs::path& path, bool overwrite) { return {path, overwrite, "report"}; }

using civicsim::test::file_size_limit;

}  // namespace

TEST_CASE("atomic file: without overwrite an existing file is refused and left intact",
          "[atomic_file]") {
    const auto directory = fresh_directory("no_replace");
    const auto path = directory / "page.html";
    write_text(path, "earlier");

    const auto written =
        error_of<output_exists_error>([&] { write_atomically(report(path, false), "later"); });
    CHECK_THAT(written.what(), Catch::Contains("report '" + path.string() + "' already exists") &&
                                   Catch::Contains("--force"));
    CHECK(written.path() == path);
    CHECK(written.reason() == std::errc::file_exists);
    const auto checked =
        error_of<output_exists_error>([&] { check_output_writable(report(path, false)); });
    CHECK(std::string(checked.what()) == written.what());
    CHECK(contents(path) == "earlier");
    CHECK(entries(directory) == std::vector<std::string>{"page.html"});
}

TEST_CASE("atomic file: a file that appears while the data is written is not replaced",
          "[atomic_file]") {
    const auto directory = fresh_directory("appears");
    const auto path = directory / "results.h5";
    {
        atomic_file file(report(path, false));
        file.write("ours");
        write_text(path, "somebody else's");
        CHECK_THROWS_AS(file.publish(), output_exists_error);
    }
    CHECK(contents(path) == "somebody else's");
    CHECK(entries(directory) == std::vector<std::string>{"results.h5"});
}

TEST_CASE("atomic file: with overwrite a regular file is replaced, with the umask's mode",
          "[atomic_file]") {
    const auto directory = fresh_directory("replace");
    const auto path = directory / "page.html";
    write_text(path, "earlier");
    const mode_t umask_now = ::umask(022);
    ::umask(umask_now);

    CHECK_NOTHROW(check_output_writable(report(path, true)));
    write_atomically(report(path, true), "later");
    CHECK(contents(path) == "later");
    CHECK(entries(directory) == std::vector<std::string>{"page.html"});
    struct stat status {};
    REQUIRE(::stat(path.c_str(), &status) == 0);
    CHECK((status.st_mode & 0777) == (0666 & ~umask_now));

    SECTION("and a new file is written, with missing parent directories") {
        const auto deep = directory / "a" / "b" / "new.html";
        write_atomically(report(deep, true), "new");
        CHECK(contents(deep) == "new");
        CHECK(entries(directory / "a" / "b") == std::vector<std::string>{"new.html"});
    }
}

TEST_CASE("atomic file: overwrite never replaces a FIFO, a directory, a link or a device",
          "[atomic_file]") {
    const auto directory = fresh_directory("not_regular");

    SECTION("a FIFO") {
        const auto fifo = directory / "pipe";
        REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
        const auto error =
            error_of<not_regular_file_error>([&] { write_atomically(report(fifo, true), "data"); });
        CHECK_THAT(error.what(), Catch::Contains("report '" + fifo.string() + "'") &&
                                     Catch::Contains("FIFO") &&
                                     Catch::Contains("not a regular file"));
        CHECK(fs::is_fifo(fifo));
        CHECK(entries(directory) == std::vector<std::string>{"pipe"});
    }
    SECTION("a directory") {
        const auto inner = directory / "inner";
        fs::create_directory(inner);
        const auto error = error_of<not_regular_file_error>(
            [&] { write_atomically(report(inner, true), "data"); });
        CHECK_THAT(error.what(), Catch::Contains(inner.string()) && Catch::Contains("directory"));
        CHECK(fs::is_directory(inner));
        CHECK(entries(inner).empty());
        CHECK(entries(directory) == std::vector<std::string>{"inner"});
    }
    SECTION("a symbolic link, even to a regular file") {
        write_text(directory / "real.html", "real");
        fs::create_symlink("real.html", directory / "link.html");
        const auto error = error_of<not_regular_file_error>(
            [&] { write_atomically(report(directory / "link.html", true), "data"); });
        CHECK_THAT(error.what(), Catch::Contains("symbolic link"));
        CHECK(fs::is_symlink(directory / "link.html"));
        CHECK(contents(directory / "real.html") == "real");
        CHECK(entries(directory) == std::vector<std::string>{"link.html", "real.html"});
    }
    SECTION("a device node, refused before anything is created beside it") {
        const auto error = error_of<not_regular_file_error>(
            [&] { check_output_writable(report("/dev/null", true)); });
        CHECK_THAT(error.what(),
                   Catch::Contains("'/dev/null'") && Catch::Contains("character device"));
        CHECK(fs::is_character_file("/dev/null"));
    }
    SECTION("a FIFO that appears while the data is written") {
        const auto path = directory / "late";
        {
            atomic_file file(report(path, true));
            file.write("data");
            REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
            CHECK_THROWS_AS(file.publish(), not_regular_file_error);
        }
        CHECK(fs::is_fifo(path));
        CHECK(entries(directory) == std::vector<std::string>{"late"});
    }
}

TEST_CASE("atomic file: no temporary file is left after a failure", "[atomic_file]") {
    const auto directory = fresh_directory("failures");
    const auto path = directory / "page.html";

    SECTION("an exception before publishing") {
        CHECK_THROWS_AS(
            [&] {
                atomic_file file(report(path, false));
                file.write("half a page");
                throw std::runtime_error("the caller failed");
            }(),
            std::runtime_error);
        CHECK(entries(directory).empty());
    }
    SECTION("a write that fails part way, with the OS reason") {
        write_text(path, "earlier");
        output_error error("", {});
        {
            const file_size_limit limit(1024);
            error = error_of<output_error>(
                [&] { write_atomically(report(path, true), std::string(4096, 'x')); });
        }
        CHECK_THAT(error.what(), Catch::Contains("cannot write report '" + path.string() + "'") &&
                                     Catch::Contains("File too large"));
        CHECK(error.reason() == std::errc::file_too_large);
        CHECK(contents(path) == "earlier");
        CHECK(entries(directory) == std::vector<std::string>{"page.html"});
    }
    SECTION("a check before the work") {
        CHECK_NOTHROW(check_output_writable(report(path, false)));
        CHECK(entries(directory).empty());
    }
}

TEST_CASE("atomic file: of concurrent publishes to one target without overwrite, one wins",
          "[atomic_file]") {
    constexpr int writers = 8;
    const auto directory = fresh_directory("race");
    const auto path = directory / "results.h5";
    // Both ways of publishing: renameat2(RENAME_NOREPLACE), and link(2) for file systems without.
    const bool by_link = GENERATE(false, true);
    INFO((by_link ? "link(2)" : "renameat2"));

    std::latch ready(writers);
    std::vector<int> won(writers, 0);
    std::vector<int> refused(writers, 0);
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w)
        threads.emplace_back([&, w] {
            atomic_file file(report(path, false));
            file.write("writer " + std::to_string(w));
            ready.arrive_and_wait();
            try {
                if (by_link) {
                    // As publish() would after renameat2's EINVAL; the file is synced by then.
                    detail::link_into_place(file.temporary(), file.target());
                } else {
                    file.publish();
                }
                won[w] = 1;
            } catch (const output_exists_error&) {
                refused[w] = 1;
            }
        });
    for (auto& thread : threads) thread.join();

    CHECK(std::count(won.begin(), won.end(), 1) == 1);
    CHECK(std::count(refused.begin(), refused.end(), 1) == writers - 1);
    const auto winner = std::find(won.begin(), won.end(), 1) - won.begin();
    CHECK(contents(path) == "writer " + std::to_string(winner));
    CHECK(entries(directory) == std::vector<std::string>{"results.h5"});
}
