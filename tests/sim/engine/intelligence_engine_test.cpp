// Social-media intelligence (models/mechanisms/intelligence) in the whole engine: monitoring
// public posts must bring police matters to the police that their ordinary watching missed, more
// with more hours; read posts have authors, who are counted once; the hours are paid for. Negative
// controls: switched off, or with no posts read in an hour, there are no leads and nobody is
// monitored. And the engine stays bit for bit the same at any thread count with monitoring on.

#include <catch2/catch.hpp>

#include <tbb/global_control.h>
#include <cstring>
#include <string>
#include <vector>

#include "models/metrics.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/synthetic.hpp"
#include "sim/results/statistics.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/sim/cases/case_support.hpp"

using namespace civicsim;

namespace {

using cases::summary_index;

/// Summary means over 3 replications of 180 days of the workshop town.
struct town_run {
    std::vector<sim::run_result> runs;
    double mean(std::string_view name) const {
        return sim::estimate_summary(runs, summary_index(name)).mean;
    }
};

town_run run_town(const std::vector<std::string>& overrides) {
    std::vector<std::string> all{"scenario.days=180", "scenario.replications=3"};
    all.insert(all.end(), overrides.begin(), overrides.end());
    const auto scenario =
        sim::load_scenario(std::string(CIVICSIM_SOURCE_DIR) + "/scenarios/workshop_town.toml", all);
    const auto params = std::make_shared<const models::parameters>(scenario.params);
    return {sim::run_replications(params, "baseline", 0, 2)};
}

}  // namespace

TEST_CASE("monitoring public posts brings in leads, more with more hours, at a privacy cost",
          "[engine][intelligence]") {
    const auto off = run_town({});
    // At the default reading rate the town's few posts a day are all read at either share; a
    // slow reader (one post in two hours) makes the hours, not the posts, the limit.
    const auto some =
        run_town({"police.intelligence.enabled=true", "police.intelligence.monitoring_share=0.005",
                  "police.intelligence.posts_per_hour=0.5"});
    const auto more =
        run_town({"police.intelligence.enabled=true", "police.intelligence.monitoring_share=0.02",
                  "police.intelligence.posts_per_hour=0.5"});
    const double leads_some = some.mean("intelligence_leads");
    const double leads_more = more.mean("intelligence_leads");
    INFO("leads at 0.5 % of officer hours " << leads_some << ", at 2 % " << leads_more);
    CHECK(off.mean("intelligence_leads") == 0.0);
    CHECK(off.mean("intelligence_posts_processed") == 0.0);
    CHECK(off.mean("intelligence_residents_monitored") == 0.0);
    CHECK(off.mean("intelligence_hours") == 0.0);
    CHECK(leads_some > 0.0);
    CHECK(leads_more > leads_some);
    // Every lead is a post read; authors are counted once, so no more than the posts read.
    const double read = more.mean("intelligence_posts_processed");
    const double monitored = more.mean("intelligence_residents_monitored");
    INFO("posts read " << read << ", residents monitored " << monitored);
    CHECK(read >= leads_more);
    CHECK(monitored > 0.0);
    CHECK(monitored <= read);
    CHECK(more.mean("intelligence_monitored_share") > 0.0);
    // The monitoring hours are paid for.
    CHECK(more.mean("intelligence_hours") > some.mean("intelligence_hours"));
    CHECK(more.mean("officer_cost") > off.mean("officer_cost"));
}

TEST_CASE("monitoring that reads no posts finds nothing and monitors nobody",
          "[engine][intelligence]") {
    const auto blind =
        run_town({"police.intelligence.enabled=true", "police.intelligence.posts_per_hour=1e-9"});
    CHECK(blind.mean("intelligence_hours") > 0.0);
    CHECK(blind.mean("intelligence_leads") == 0.0);
    CHECK(blind.mean("intelligence_residents_monitored") == 0.0);
}

TEST_CASE(
    "with social-media monitoring on, the same seed gives bit-identical results with 1, 2 "
    "and 4 threads",
    "[engine][intelligence]") {
    auto p = sim::synthetic_city(50000, 40);
    p.scenario.replications = 2;
    auto& intel = models::params_of<models::intelligence>(p);
    intel.enabled = true;
    intel.monitoring_share = 0.01;
    const auto params = std::make_shared<const models::parameters>(std::move(p));
    tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 4);
    const auto one = sim::run_replications(params, "baseline", 0, 1);
    CHECK(sim::estimate_summary(one, summary_index("intelligence_leads")).mean > 0.0);
    const auto same = [](const std::vector<float>& a, const std::vector<float>& b) {
        return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * 4) == 0;
    };
    for (const unsigned threads : {2U, 4U}) {
        const auto many = sim::run_replications(params, "baseline", 0, threads);
        REQUIRE(many.size() == one.size());
        for (std::size_t r = 0; r < one.size(); ++r) {
            INFO("threads " << threads << ", replication " << r);
            CHECK(same(one[r].timeseries, many[r].timeseries));
            // Bitwise: the summary holds NaN where an outcome is undefined.
            CHECK(one[r].summary.size() == many[r].summary.size());
            CHECK(std::memcmp(one[r].summary.data(), many[r].summary.data(),
                              one[r].summary.size() * sizeof(double)) == 0);
        }
    }
}
