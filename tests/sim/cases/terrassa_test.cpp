// Terrassa (scenarios/terrassa.toml): triage at the police cuts the officer hours spent on
// non-police matters; the classifier pays for it with genuine reports it drops, the rules with
// officer time spent triaging.

#include <catch2/catch.hpp>

#include "case_support.hpp"

using namespace civicsim;

TEST_CASE("Terrassa: rule routing and classifier triage cut officer hours on non-police matters",
          "[cases]") {
    // Three months are enough: the queue is swamped by municipal issues from the first week.
    const auto sc =
        cases::load_case("terrassa.toml", {"scenario.days=90", "scenario.replications=3"},
                         {"rule routing", "classifier triage"});
    const auto results = sim::run_comparison(sc, cases::threads);

    for (const std::string strategy : {"rule routing", "classifier triage"}) {
        // Share of the officers' report hours spent on non-police matters.
        const auto share = cases::paired(results, "non_police_hours_share", strategy);
        INFO(cases::describe(strategy + " - baseline, non_police_hours_share", share));
        CHECK(cases::below_zero(share));
        // The same in hours: the daily non_police_hours series summed over the run.
        const auto hours = cases::paired_by(
            results,
            [](const sim::run_result& r) { return cases::daily_total(r, "non_police_hours"); },
            strategy);
        INFO(cases::describe(strategy + " - baseline, total non_police_hours", hours));
        CHECK(cases::below_zero(hours));
    }

    {  // Trade-off: the classifier drops genuine police matters that the baseline answered.
        const auto missed = cases::paired(results, "missed_genuine", "classifier triage");
        INFO(cases::describe("classifier triage - baseline, missed_genuine", missed));
        CHECK(cases::above_zero(missed));
    }
    {  // Trade-off: rule triage costs officer hours spent triaging every report.
        const auto triage = cases::paired(results, "triage_hours", "rule routing");
        INFO(cases::describe("rule routing - baseline, triage_hours", triage));
        CHECK(cases::above_zero(triage));
    }
}
