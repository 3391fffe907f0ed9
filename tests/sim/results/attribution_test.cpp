// Attribution of a strategy's effect to mechanisms (sim/results/attribution.hpp) on hand-made
// runs: contributions and the unattributed part, replication by replication, and the sentences.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "models/metrics.hpp"
#include "sim/results/attribution.hpp"

using namespace civicsim;

namespace {

const std::size_t metric = *models::index_of(models::summary_metrics(), "expired");

/// Three replications of an arm whose outcome is `value` + r.
void add_arm(std::vector<sim::run_result>& runs, const std::string& arm, double value) {
    for (std::uint32_t r = 0; r < 3; ++r) {
        sim::run_result run;
        run.strategy = arm;
        run.replication = r;
        run.summary.assign(models::summary_metrics().size(), 0.0);
        run.summary[metric] = value + r;
        runs.push_back(run);
    }
}

}  // namespace

TEST_CASE("a contribution is the total minus the effect left without the mechanism",
          "[attribution]") {
    std::vector<sim::run_result> runs;
    add_arm(runs, "baseline", 100.0);
    add_arm(runs, "more", 130.0);  // total +30
    add_arm(runs, sim::arm_name("baseline", "a"), 90.0);
    add_arm(runs, sim::arm_name("more", "a"), 100.0);  // +10 left without a: a gives 20
    add_arm(runs, sim::arm_name("baseline", "b"), 100.0);
    add_arm(runs, sim::arm_name("more", "b"), 125.0);  // +25 left without b: b gives 5
    const auto a = sim::attribute(runs, metric, "more", {"b", "a"});
    CHECK(a.total.mean == Approx(30.0));
    CHECK(a.total.n == 3);
    REQUIRE(a.parts.size() == 2);
    CHECK(a.parts[0].mechanism == "a");  // largest first
    CHECK(a.parts[0].contribution.mean == Approx(20.0));
    CHECK(a.parts[0].remaining.mean == Approx(10.0));
    CHECK(a.parts[1].contribution.mean == Approx(5.0));
    CHECK(a.not_attributed.mean == Approx(5.0));
    // Every replication gives the same differences: the intervals have no width.
    CHECK(a.not_attributed.low == Approx(5.0));
    CHECK(a.not_attributed.high == Approx(5.0));
}

TEST_CASE("the sentence says which mechanism carries most of an effect", "[attribution]") {
    sim::attribution a;
    a.metric = metric;
    a.baseline = {100.0, 90.0, 110.0, 3};
    a.total = {30.0, 25.0, 35.0, 3};
    a.parts = {{"a", {8.0, 6.0, 10.0, 3}, {22.0, 20.0, 24.0, 3}},
               {"b", {26.0, 23.0, 29.0, 3}, {4.0, 1.0, 7.0, 3}}};
    a.not_attributed = {4.0, -1.0, 9.0, 3};
    const auto text = sim::why_sentence(a, "more");
    INFO(text);
    CHECK(text.rfind("More raises", 0) == 0);
    CHECK(text.find("mostly through a (+22") != std::string::npos);
    CHECK(text.find("and through b (+4") != std::string::npos);
    CHECK(text.find("unattributed") == std::string::npos);  // not significant

    a.not_attributed = {4.0, 1.0, 7.0, 3};
    CHECK(sim::why_sentence(a, "more").find("+4 unattributed") != std::string::npos);

    a.total = {1.0, -1.0, 3.0, 3};
    CHECK(sim::why_sentence(a, "more").find("no effect to explain") != std::string::npos);

    a.total = {0.0, 0.0, 0.0, 3};
    CHECK(sim::why_sentence(a, "more").find("More does not change") == 0);
}
