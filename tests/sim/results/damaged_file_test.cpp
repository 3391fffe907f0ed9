// Damaged results files are refused with a results_read_error, never crashed on: structure is
// checked before reading, flipped data bytes fail the Fletcher-32 checksums, and what still makes
// libhdf5 itself crash is contained in probe_results_file's child process.

#include <catch2/catch.hpp>

#include <hdf5.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/results/hdf5_reader.hpp"
#include "tests/sim/cli/run_cli.hpp"
#include "tests/sim/scratch_files.hpp"

using Catch::Matchers::Contains;
using civicsim::sim::probe_results_file;
using civicsim::sim::read_results;
using civicsim::sim::results_read_error;
namespace fs = std::filesystem;

namespace {

/// A small results file written by the CLI, once.
const fs::path& written_file() {
    static const fs::path path = [] {
        // A directory per test process: ctest runs this file's test cases in parallel.
        const auto directory =
            civicsim::test::fresh_directory("results", "damaged-" + std::to_string(::getpid()));
        const auto out = directory / "good.h5";
        const auto r = civicsim::test::run_cli(
            "run " + civicsim::test::source("scenarios/workshop_town.toml") +
            " --days 4 --replications 2 --out " + out.string());
        REQUIRE(r.exit_code == 0);
        return out;
    }();
    return path;
}

std::string bytes_of(const fs::path& path) { return civicsim::test::contents(path); }

fs::path with_bytes(const std::string& name, const std::string& bytes) {
    const auto path = written_file().parent_path() / name;
    civicsim::test::write_text(path, bytes);
    return path;
}

/// Where the first chunk of `dataset` starts in the file.
haddr_t first_chunk(const fs::path& file_path, const char* dataset) {
    const hid_t file = H5Fopen(file_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t set = H5Dopen2(file, dataset, H5P_DEFAULT);
    const hid_t space = H5Dget_space(set);
    haddr_t address = HADDR_UNDEF;
    hsize_t size = 0;
    H5Dget_chunk_info(set, space, 0, nullptr, nullptr, &address, &size);
    H5Sclose(space);
    H5Dclose(set);
    H5Fclose(file);
    return address;
}

}  // namespace

TEST_CASE("every dataset carries a Fletcher-32 checksum, so a flipped data byte is refused",
          "[results]") {
    const auto good = written_file();
    REQUIRE_NOTHROW(read_results(good));
    for (const char* dataset : {"/timeseries/trust_mean", "/summary/trust_mean", "/runs/seed"}) {
        const auto address = first_chunk(good, dataset);
        REQUIRE(address != HADDR_UNDEF);
        std::string bytes = bytes_of(good);
        bytes[address + 2] = static_cast<char>(bytes[address + 2] ^ 0x10);
        const auto damaged = with_bytes("flipped.h5", bytes);
        INFO(dataset);
        CHECK_THROWS_WITH(read_results(damaged), Contains(dataset) && Contains("damaged"));
    }
}

TEST_CASE("a truncated, empty or foreign file is a results_read_error", "[results]") {
    const std::string bytes = bytes_of(written_file());
    for (const auto& [name, content] :
         {std::pair<std::string, std::string>{"truncated.h5", bytes.substr(0, bytes.size() / 2)},
          {"empty.h5", ""},
          {"text.h5", "not HDF5 at all"}}) {
        const auto path = with_bytes(name, content);
        INFO(name);
        CHECK_THROWS_AS(read_results(path), results_read_error);
        CHECK_THROWS_AS(probe_results_file(path), results_read_error);
    }
}

TEST_CASE("one changed byte anywhere in the metadata never crashes the reader's caller",
          "[results]") {
    // Every 23rd of the first 4 KiB (superblock, object headers, the root attributes' heap
    // references): each either reads or is refused; a byte at 910 of this layout made libhdf5
    // segfault in H5HG_read before the probe ran it in a child.
    const std::string bytes = bytes_of(written_file());
    int refused = 0;
    for (std::size_t at = 0; at < 4096 && at < bytes.size(); at += 23) {
        std::string damaged = bytes;
        damaged[at] = static_cast<char>(damaged[at] ^ 0xFF);
        const auto path = with_bytes("one_byte.h5", damaged);
        try {
            probe_results_file(path, 10);
        } catch (const results_read_error& e) {
            ++refused;
            CHECK_THAT(e.what(), Contains("one_byte.h5"));
        }
    }
    CHECK(refused > 5);
}

TEST_CASE("report refuses a damaged file with 2 and writes nothing", "[results]") {
    std::string bytes = bytes_of(written_file());
    const auto address = first_chunk(written_file(), "/timeseries/trust_mean");
    bytes[address + 5] = static_cast<char>(bytes[address + 5] ^ 0x01);
    const auto damaged = with_bytes("report_flipped.h5", bytes);
    const auto html = damaged.parent_path() / "report_flipped.html";
    fs::remove(html);
    const auto r =
        civicsim::test::run_cli("report " + damaged.string() + " --html " + html.string());
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Contains("damaged") && Contains("nothing was written"));
    CHECK_FALSE(fs::exists(html));
}
