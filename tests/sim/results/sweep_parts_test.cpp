// Parts of a sweep join into the whole, runs in their slots whatever the parts' order; parts
// that do not make one sweep are refused with the run or the part named.

#include "sim/results/sweep_parts.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace civicsim::sim;

namespace {

/// A part of a sweep of `total` runs holding `ids`; each run's seed and its one /runs value
/// are its id, so that where a run lands can be checked.
sweep_part part(const std::string& name, std::vector<std::uint32_t> ids, std::uint32_t total = 6,
                const std::string& sweep_id = "feedfacecafebeef") {
    results_set header;
    header.scenario_toml = "[scenario]\nname = \"t\"\n";
    header.sweep_id = sweep_id;
    header.sweep_runs = total;
    run_column column{"police.report_share", run_column::kind::real, {}, {}, {}};
    for (std::uint32_t id = 0; id < total; ++id) column.reals.push_back(id / 10.0);
    std::vector<run_result> runs;
    for (const auto id : ids) {
        run_result run;
        run.run_id = id;
        run.seed = id;
        runs.push_back(run);
    }
    return {name, sweep_part_of(header, {column}, runs)};
}

}  // namespace

TEST_CASE("parts of a sweep join into the whole in run order", "[results]") {
    const auto whole = join_sweep_parts({part("b", {4, 1}), part("a", {0, 3}), part("c", {5, 2})});
    REQUIRE(whole.runs.size() == 6);
    REQUIRE(whole.run_columns.size() == 1);
    for (std::uint32_t id = 0; id < 6; ++id) {
        CHECK(whole.runs[id].run_id == id);
        CHECK(whole.runs[id].seed == id);
        CHECK(whole.run_columns[0].reals[id] == id / 10.0);
    }
    CHECK_FALSE(whole.partial());
    CHECK(whole.shard.empty());
}

TEST_CASE("parts that do not make one sweep are refused, naming what is wrong", "[results]") {
    CHECK_THROWS_WITH(join_sweep_parts({part("a", {0, 1, 2}), part("b", {2, 3, 4, 5})}),
                      Catch::Contains("run 2 is in both a and b"));
    CHECK_THROWS_WITH(join_sweep_parts({part("a", {0, 1}), part("b", {4})}),
                      Catch::Contains("3 of the sweep's 6 runs are in none of the parts (run 2, "
                                      "3, 5)"));
    CHECK_THROWS_WITH(
        join_sweep_parts({part("a", {0, 1, 2}), part("b", {3, 4, 5}, 6, "0000000000000000")}),
        Catch::Contains("b is part of another sweep than a"));
    CHECK_THROWS_WITH(join_sweep_parts({part("a", {0, 1, 2}), part("b", {3, 4, 5}, 7)}),
                      Catch::Contains("b is part of another sweep than a"));
    CHECK_THROWS_WITH(join_sweep_parts({part("a", {0}, 6, "")}),
                      Catch::Contains("a is not part of a sweep"));
    CHECK_THROWS_AS(join_sweep_parts({}), join_error);
}

TEST_CASE("an interrupted sweep's runs join into a partial file when allowed", "[results]") {
    const auto some = join_sweep_parts({part("run-4", {4}), part("run-1", {1})}, true);
    REQUIRE(some.runs.size() == 2);
    CHECK(some.runs[0].run_id == 1);
    CHECK(some.runs[1].run_id == 4);
    CHECK(some.run_columns[0].reals == std::vector<double>{0.1, 0.4});
    CHECK(some.partial());
}

TEST_CASE("fingerprint: FNV-1a 64 as 16 hex digits", "[results]") {
    CHECK(fingerprint("") == "cbf29ce484222325");
    CHECK(fingerprint("a") == "af63dc4c8601ec8c");
    CHECK(fingerprint("a") != fingerprint("b"));
}
