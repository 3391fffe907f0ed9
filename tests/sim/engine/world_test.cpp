#include "sim/engine/world.hpp"

#include <catch2/catch.hpp>

#include <tbb/global_control.h>
#include <algorithm>
#include <array>

#include <cmath>
#include <cstring>

#include "sim/engine/run.hpp"
#include "sim/engine/synthetic.hpp"
#include "sim/scenario/scenario.hpp"

using namespace civicsim;
using models::report_status;

namespace {

bool bitwise_equal(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

bool bitwise_equal(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

TEST_CASE("every report has exactly one status, final unless it is still queued, every day",
          "[engine]") {
    auto p = sim::synthetic_city(30000, 60);
    p.police.report_share = 0.01;       // scarce officer time: reports also expire
    p.channels.groups.join_rate = 2.0;  // groups fill within weeks, so facilitators moderate
    p.policy.filtering.mode = models::triage_mode::classifier;  // filters, routes and merges
    const auto params = std::make_shared<const models::parameters>(std::move(p));
    sim::world w(params, {11, 0});
    std::array<std::size_t, models::report_status_count> by_status{};
    for (int d = 0; d < 60; ++d) {
        w.step();
        const auto waiting = w.queue().waiting();
        std::vector<char> in_queue(w.reports().size(), 0);
        for (const auto r : waiting) {
            REQUIRE(in_queue[r] == 0);  // queued at most once
            in_queue[r] = 1;
        }
        by_status.fill(0);
        for (std::size_t r = 0; r < w.reports().size(); ++r) {
            const auto& rep = w.reports()[r];
            // In the queue exactly when queued; otherwise in one final status.
            REQUIRE((rep.status == report_status::queued) == (in_queue[r] == 1));
            if (rep.status != report_status::queued) REQUIRE(models::is_final(rep.status));
            // Nothing waits past its category's limit.
            if (rep.status == report_status::queued)
                REQUIRE(w.days_done() - 1 - rep.day_filed <=
                        params->police.expiry_days[models::to_index(rep.category)]);
            ++by_status[models::to_index(rep.status)];
        }
        REQUIRE(by_status[models::to_index(report_status::filed)] == 0);  // nothing left undecided
        REQUIRE(by_status[models::to_index(report_status::queued)] == waiting.size());
        // And the costly checks of models/invariants.hpp, as -DCIVICSIM_INVARIANTS=ON runs them.
        REQUIRE_NOTHROW(w.check_invariants());
    }
    // The scenario reaches every final status.
    for (std::size_t s = 0; s < models::report_status_count; ++s) {
        const auto status = static_cast<report_status>(s);
        INFO(models::report_status_names[s]);
        if (models::is_final(status)) CHECK(by_status[s] > 0);
    }
}

TEST_CASE("the same seed gives bit-identical results with 1, 2 and 4 threads", "[engine]") {
    auto p = sim::synthetic_city(50000, 40);
    p.scenario.replications = 2;
    p.policy.outreach.campaigns.front().start_day = 0;
    const auto params = std::make_shared<const models::parameters>(std::move(p));
    // Let TBB really use 4 threads even on a 2-core machine.
    tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 4);
    const auto one = sim::run_replications(params, "baseline", 0, 1);
    for (const unsigned threads : {2U, 4U}) {
        const auto many = sim::run_replications(params, "baseline", 0, threads);
        REQUIRE(many.size() == one.size());
        for (std::size_t r = 0; r < one.size(); ++r) {
            INFO("threads " << threads << ", replication " << r);
            CHECK(bitwise_equal(one[r].timeseries, many[r].timeseries));
            CHECK(bitwise_equal(one[r].summary, many[r].summary));
            CHECK(bitwise_equal(one[r].by_community, many[r].by_community));
            CHECK(bitwise_equal(one[r].by_age_band, many[r].by_age_band));
        }
    }
    // The replications themselves differ (they are keyed by replication).
    CHECK_FALSE(bitwise_equal(one[0].timeseries, one[1].timeseries));
}

TEST_CASE("the workshop town gives bit-identical results with 1, 2 and 4 threads", "[engine]") {
    const auto scenario =
        sim::load_scenario(std::string(CIVICSIM_SOURCE_DIR) + "/scenarios/workshop_town.toml",
                           {"scenario.days=90", "scenario.replications=2"});
    const auto params = std::make_shared<const models::parameters>(scenario.params);
    tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 4);
    const auto one = sim::run_replications(params, "baseline", 0, 1);
    for (const unsigned threads : {2U, 4U}) {
        const auto many = sim::run_replications(params, "baseline", 0, threads);
        for (std::size_t r = 0; r < one.size(); ++r) {
            INFO("threads " << threads << ", replication " << r);
            CHECK(bitwise_equal(one[r].timeseries, many[r].timeseries));
            CHECK(bitwise_equal(one[r].summary, many[r].summary));
            CHECK(bitwise_equal(one[r].by_community, many[r].by_community));
            CHECK(bitwise_equal(one[r].by_age_band, many[r].by_age_band));
        }
    }
}

TEST_CASE("different seeds give different results", "[engine]") {
    auto p = sim::synthetic_city(20000, 30);
    auto q = p;
    q.scenario.seed = p.scenario.seed + 1;
    const auto a = sim::run_simulation(std::make_shared<const models::parameters>(p),
                                       {0, "b", 0, p.scenario.seed});
    const auto b = sim::run_simulation(std::make_shared<const models::parameters>(q),
                                       {0, "b", 0, q.scenario.seed});
    CHECK_FALSE(bitwise_equal(a.timeseries, b.timeseries));
    CHECK(a.summary[static_cast<std::size_t>(models::summary_metric::incidents)] !=
          b.summary[static_cast<std::size_t>(models::summary_metric::incidents)]);
}

// The attitude phase keeps each block's trust histogram, trusting count and sums, and its flag
// counts, up to date from the residents whose trust or flags changed (contacts, group members,
// consultations, interventions on innocents; awareness, adoption, volunteering). After two months
// of all of them, the recorded figures must be what a fresh count of the columns gives.
TEST_CASE("the trust and flag figures kept up to date equal a fresh count of every resident",
          "[engine]") {
    auto p = sim::synthetic_city(30000, 60);
    p.channels.groups.join_rate = 2.0;  // many members: group trust changes every day
    const auto params = std::make_shared<const models::parameters>(std::move(p));
    sim::world w(params, {5, 0});
    for (int d = 0; d < 60; ++d) w.step();

    const auto& people = w.population().people;
    const auto hoods = w.population().neighbourhoods;
    const auto metric = [&](models::daily_metric m, std::size_t h) {
        return w.last_day()[static_cast<std::size_t>(m) * hoods.size() + h];
    };
    for (std::size_t h = 0; h < hoods.size(); ++h) {
        INFO("neighbourhood " << h);
        double sum = 0.0;
        std::size_t trusting = 0;
        std::size_t aware = 0, adopters = 0, volunteers = 0, literate = 0, literate_adopters = 0;
        std::vector<float> sorted;
        for (auto i = hoods[h].begin; i < hoods[h].end; ++i) {
            sum += people.trust[i];
            trusting += people.trust[i] > params->trust.trusting_threshold ? 1 : 0;
            sorted.push_back(people.trust[i]);
            const auto f = people.flags[i];
            aware += (f & models::resident_flag::aware) != 0 ? 1 : 0;
            adopters += (f & models::resident_flag::adopter) != 0 ? 1 : 0;
            volunteers += (f & models::resident_flag::volunteer) != 0 ? 1 : 0;
            literate += (f & models::resident_flag::literate) != 0 ? 1 : 0;
            literate_adopters += (f & models::resident_flag::literate) != 0 &&
                                         (f & models::resident_flag::adopter) != 0
                                     ? 1
                                     : 0;
        }
        const double n = hoods[h].size();
        const auto share = [](std::size_t part, double whole) {
            return static_cast<double>(part) / whole;
        };
        CHECK(metric(models::daily_metric::aware_share, h) ==
              Approx(share(aware, n)).epsilon(1e-6));
        CHECK(metric(models::daily_metric::adoption_share, h) ==
              Approx(share(adopters, n)).epsilon(1e-6));
        CHECK(metric(models::daily_metric::volunteer_share, h) ==
              Approx(share(volunteers, n)).epsilon(1e-6));
        CHECK(metric(models::daily_metric::adoption_gap_literacy, h) ==
              Approx(share(literate_adopters, static_cast<double>(literate)) -
                     share(adopters - literate_adopters, n - static_cast<double>(literate)))
                  .margin(1e-6));
        CHECK(metric(models::daily_metric::trust_mean, h) == Approx(sum / n).epsilon(1e-6));
        CHECK(metric(models::daily_metric::trusting_share, h) ==
              Approx(static_cast<double>(trusting) / n).epsilon(1e-6));
        // The median is the midpoint of the histogram bin (of 1/200) that holds it.
        std::sort(sorted.begin(), sorted.end());
        const double median = sorted[static_cast<std::size_t>(std::ceil(0.5 * n)) - 1];
        CHECK(std::abs(metric(models::daily_metric::trust_p50, h) - median) <=
              0.5 / sim::world::trust_bins + 1e-6);
    }
    // Trust and flags did change for many residents, so the updates had work to do.
    const sim::world fresh(params, {5, 0});
    std::size_t moved = 0, flagged = 0;
    for (std::size_t i = 0; i < people.size(); ++i) {
        moved += people.trust[i] != fresh.population().people.trust[i] ? 1 : 0;
        flagged += people.flags[i] != fresh.population().people.flags[i] ? 1 : 0;
    }
    CHECK(moved > 300);
    CHECK(flagged > 300);
}
