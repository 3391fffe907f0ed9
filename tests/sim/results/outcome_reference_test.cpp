// docs/outcome-reference.md is generated from the metric tables (civicsim describe --outcomes);
// these tests keep it true and check that it lists every metric with its unit and description.

#include "sim/results/outcome_reference.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "models/metrics.hpp"
#include "tests/sim/generated_doc.hpp"

TEST_CASE("the outcome reference in docs/ matches the metric tables", "[results]") {
    civicsim::test::check_generated_doc(
        "outcome-reference.md", civicsim::sim::outcome_reference_markdown(), "the metric tables");
}

TEST_CASE("the outcome reference lists every metric with its unit and description", "[results]") {
    const std::string doc = civicsim::sim::outcome_reference_markdown();
    for (const auto table : {civicsim::models::daily_metrics(), civicsim::models::summary_metrics(),
                             civicsim::models::group_metrics()})
        for (const auto& m : table) {
            INFO(m.name);
            CHECK(doc.find("| `" + std::string(m.name) + "` | " + std::string(m.unit) + " | ") !=
                  std::string::npos);
        }
    CHECK(doc.find("| `trust_mean` | score [0,1] | mean trust in the police on the last day | "
                   "higher | trust | 0.01 |") != std::string::npos);
    CHECK(doc.find("| `watchdog_actions` | actions | corrective actions over the run | higher | "
                   "police accountability | 5 % of the baseline |") != std::string::npos);
    CHECK(doc.find(
              "| `reports` | reports | reports filed over the run | — | response load | 5 % of the "
              "baseline |") != std::string::npos);
}
