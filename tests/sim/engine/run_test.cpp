#include "sim/engine/run.hpp"

#include <catch2/catch.hpp>

#include <tbb/global_control.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "models/parameters.hpp"
#include "sim/scenario/scenario.hpp"

using namespace civicsim;

namespace {

template <class T>
bool bitwise_equal(const std::vector<T>& a, const std::vector<T>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

/// The workshop town, short, with `replications` replications.
std::shared_ptr<const models::parameters> workshop_town(std::uint32_t days,
                                                        std::uint32_t replications) {
    const auto scenario =
        sim::load_scenario(std::string(CIVICSIM_SOURCE_DIR) + "/scenarios/workshop_town.toml",
                           {"scenario.days=" + std::to_string(days),
                            "scenario.replications=" + std::to_string(replications)});
    return std::make_shared<const models::parameters>(scenario.params);
}

}  // namespace

TEST_CASE("replications run in parallel give every value of a serial run, in replication order",
          "[engine]") {
    const auto params = workshop_town(30, 5);
    // Let TBB use 2 threads whatever the machine.
    const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 2);
    const auto one = sim::run_replications(params, "rule triage", 10, 1);
    const auto two = sim::run_replications(params, "rule triage", 10, 2);
    REQUIRE(one.size() == 5);
    REQUIRE(two.size() == 5);
    for (std::uint32_t r = 0; r < 5; ++r) {
        INFO("replication " << r);
        CHECK(two[r].run_id == 10 + r);
        CHECK(two[r].replication == r);
        CHECK(two[r].strategy == "rule triage");
        CHECK(two[r].seed == params->scenario.seed);
        CHECK(two[r].days == 30);
        CHECK(two[r].neighbourhoods == 4);
        CHECK(bitwise_equal(one[r].timeseries, two[r].timeseries));
        CHECK(bitwise_equal(one[r].by_community, two[r].by_community));
        CHECK(bitwise_equal(one[r].by_age_band, two[r].by_age_band));
        CHECK(bitwise_equal(one[r].summary, two[r].summary));
        // Each replication is the run of its own streams, whoever ran it.
        const auto alone =
            sim::run_simulation(params, {10 + r, "rule triage", r, params->scenario.seed});
        CHECK(bitwise_equal(alone.timeseries, two[r].timeseries));
    }
    CHECK_FALSE(bitwise_equal(two[0].timeseries, two[1].timeseries));
}

TEST_CASE("progress reaches the caller only on its own thread and adds up to every resident-day",
          "[engine]") {
    const auto params = workshop_town(20, 6);
    const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 2);
    const auto caller = std::this_thread::get_id();
    std::uint64_t reported = 0;  // not atomic on purpose: on_day is never called concurrently
    int calls = 0, calls_elsewhere = 0;
    sim::run_control control;
    control.on_day = [&](std::uint64_t resident_days) {
        reported += resident_days;
        ++calls;
        if (std::this_thread::get_id() != caller) ++calls_elsewhere;
    };
    const auto runs = sim::run_replications(params, "baseline", 0, 2, control);
    CHECK(runs.size() == 6);
    CHECK(reported == models::total_population(*params) * 20 * 6);
    CHECK(calls > 0);
    CHECK(calls_elsewhere == 0);
}

TEST_CASE("cancelling stops every replication and throws interrupted", "[engine]") {
    const auto params = workshop_town(365, 8);
    const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 2);
    const std::uint64_t total = models::total_population(*params) * 365 * 8;

    SECTION("cancelled before it starts, nothing runs") {
        const std::atomic<bool> cancel{true};
        std::uint64_t reported = 0;
        sim::run_control control;
        control.on_day = [&](std::uint64_t resident_days) { reported += resident_days; };
        control.cancel = &cancel;
        CHECK_THROWS_AS(sim::run_replications(params, "baseline", 0, 2, control), sim::interrupted);
        CHECK(reported == 0);
    }
    SECTION("cancelled from the progress callback, no run goes on to another day") {
        std::atomic<bool> cancel{false};
        std::uint64_t reported = 0;
        int calls_after_cancel = 0;
        sim::run_control control;
        control.on_day = [&](std::uint64_t resident_days) {
            if (cancel.load()) ++calls_after_cancel;
            reported += resident_days;
            cancel.store(true);
        };
        control.cancel = &cancel;
        CHECK_THROWS_AS(sim::run_replications(params, "baseline", 0, 2, control), sim::interrupted);
        CHECK(calls_after_cancel == 0);
        CHECK(reported > 0);
        // Stopped within days, not after the year of eight. The figure includes what the other
        // thread's run did while the calling thread ran its first day: a few days, or a few dozen
        // when ctest runs two tests at once and the calling thread waits for a core.
        CHECK(reported < total / 8 / 2);
    }
}

TEST_CASE("an error in one replication stops the others and is rethrown as it is", "[engine]") {
    const auto params = workshop_town(365, 8);
    const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 2);
    std::uint64_t reported = 0;
    sim::run_control control;
    control.on_day = [&](std::uint64_t resident_days) {
        reported += resident_days;
        throw std::runtime_error("progress display failed");
    };
    CHECK_THROWS_WITH(sim::run_replications(params, "baseline", 0, 2, control),
                      "progress display failed");
    // As for cancelling: within days (a few dozen on a loaded machine), not whole runs.
    CHECK(reported < models::total_population(*params) * 365 / 2);
}

namespace {

/// A town of one neighbourhood, one language and a minority, as summarised after `days`.
sim::run_result one_language_town(std::uint32_t days) {
    const auto scenario = sim::parse_scenario(
        "[scenario]\nname = \"one language\"\ndays = " + std::to_string(days) +
            "\nseed = 3\ncommunities = [\"majority\", \"minority\"]\n"
            "[[neighbourhood]]\nname = \"A\"\npopulation = 4000\ndensity = 4000\n"
            "community_shares = [0.8, 0.2]\n",
        "t.toml");
    const auto params = std::make_shared<const models::parameters>(scenario.params);
    return sim::run_simulation(params, {0, "baseline", 0, 3});
}

double summary_of(const sim::run_result& run, models::summary_metric m) {
    return run.summary[static_cast<std::size_t>(m)];
}

}  // namespace

TEST_CASE("a town where everybody speaks one language has no language gap, not a gap of 0",
          "[engine]") {
    const auto run = one_language_town(120);
    const auto gap = static_cast<std::size_t>(models::daily_metric::adoption_gap_language);
    for (std::uint32_t d = 0; d < run.days; ++d) CHECK(std::isnan(run.at(gap, d, 0)));
    CHECK(std::isnan(summary_of(run, models::summary_metric::adoption_gap_language)));
    CHECK(summary_of(run, models::summary_metric::adoption_share) > 0.0);
    // The literacy gap compares two groups that both have members: defined.
    const auto literacy = static_cast<std::size_t>(models::daily_metric::adoption_gap_literacy);
    CHECK(std::isfinite(run.at(literacy, run.days - 1, 0)));
}

TEST_CASE("in one neighbourhood the stop disparity is residents over minority members",
          "[engine]") {
    // Only the majority reports suspicious persons, only about the minority: every stop of an
    // innocent person falls on a minority member, as many times more than their share.
    const auto run = one_language_town(365);
    const double stops = summary_of(run, models::summary_metric::interventions_on_innocents);
    REQUIRE(stops > 0.0);
    const auto communities =
        run.by_community.size() / (models::group_metric_count * run.days * run.neighbourhoods);
    REQUIRE(communities == 2);
    // Members of the minority, from the last day's interventions on them per 1,000 members
    // (by_community is [metric][day][neighbourhood][community]).
    const std::size_t metric =
        static_cast<std::size_t>(models::group_metric::interventions_on_innocents);
    const std::size_t last_day = (metric * run.days + run.days - 1) * communities;
    const double per_thousand = run.by_community[last_day + 1];
    const double minority = 1000.0 * stops / per_thousand;
    CHECK(summary_of(run, models::summary_metric::innocent_intervention_disparity) ==
          Approx(4000.0 / minority).epsilon(1e-4));
}

TEST_CASE("a batch of runs of different parameters equals each run alone, at any thread count",
          "[engine]") {
    const auto town = workshop_town(20, 1);
    auto more_officers = *town;
    more_officers.police.report_share = 0.09;
    const auto other = std::make_shared<const models::parameters>(more_officers);
    std::vector<sim::run_job> jobs;
    for (std::uint32_t j = 0; j < 6; ++j)
        jobs.push_back({j % 2 ? other : town, {j, "baseline", j / 2, town->scenario.seed}});
    const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 2);
    const auto one = sim::run_batch(jobs, 1);
    const auto two = sim::run_batch(jobs, 2);
    REQUIRE(two.size() == jobs.size());
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        INFO("job " << j);
        const auto alone = sim::run_simulation(jobs[j].params, jobs[j].id);
        CHECK(two[j].run_id == j);
        CHECK(two[j].replication == j / 2);
        CHECK(bitwise_equal(alone.timeseries, one[j].timeseries));
        CHECK(bitwise_equal(alone.timeseries, two[j].timeseries));
        CHECK(bitwise_equal(alone.by_community, two[j].by_community));
        CHECK(bitwise_equal(alone.summary, two[j].summary));
        CHECK(bitwise_equal(alone.exposure_summary[0], two[j].exposure_summary[0]));
    }
    // The parameters matter: same streams, different officers' time.
    CHECK_FALSE(bitwise_equal(two[0].summary, two[1].summary));
}

TEST_CASE("a batch keeps only the series asked for, and the same summaries", "[engine]") {
    const auto town = workshop_town(15, 1);
    const std::vector<sim::run_job> jobs{{town, {0, "baseline", 0, town->scenario.seed}},
                                         {town, {1, "baseline", 1, town->scenario.seed}}};
    const auto full = sim::run_batch(jobs, 2);
    const sim::run_retention keep{false, {2, 5}, false};
    const auto trimmed = sim::run_batch(jobs, 2, {}, keep);
    const std::size_t block = 15 * 4;
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        INFO("job " << j);
        REQUIRE(trimmed[j].timeseries.size() == 2 * block);
        CHECK(std::equal(trimmed[j].timeseries.begin(), trimmed[j].timeseries.begin() + block,
                         full[j].timeseries.begin() + 2 * block));
        CHECK(std::equal(trimmed[j].timeseries.begin() + block, trimmed[j].timeseries.end(),
                         full[j].timeseries.begin() + 5 * block));
        CHECK(trimmed[j].by_community.empty());
        CHECK(trimmed[j].by_age_band.empty());
        CHECK(trimmed[j].by_exposure[0].empty());
        CHECK(bitwise_equal(trimmed[j].summary, full[j].summary));
        CHECK(bitwise_equal(trimmed[j].exposure_summary[1], full[j].exposure_summary[1]));
    }
    const sim::run_retention summary_only{false, {}, false};
    CHECK(sim::run_batch(jobs, 1, {}, summary_only)[0].timeseries.empty());
    const sim::run_retention bad{false, {100000}, false};
    CHECK_THROWS_AS(sim::run_batch(jobs, 1, {}, bad), std::invalid_argument);
}
