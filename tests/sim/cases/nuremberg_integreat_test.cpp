// Nuremberg (scenarios/nuremberg_integreat.toml): a multilingual app, and more so one co-designed
// with the target group, narrows the adoption gap by language; the extra languages cost
// translation.

#include <catch2/catch.hpp>

#include <cmath>

#include "case_support.hpp"

using namespace civicsim;

TEST_CASE("Nuremberg: multilingual and co-designed apps narrow the adoption gap by language",
          "[cases]") {
    // Two months of the launch campaigns.
    const auto sc = cases::load_case("nuremberg_integreat.toml",
                                     {"scenario.days=60", "scenario.replications=3"});
    const auto results = sim::run_comparison(sc, cases::threads);
    const std::string multilingual = "multilingual app";
    const std::string codesigned = "co-designed multilingual app";

    // adoption_gap_language = adoption of German speakers - adoption of the others. The
    // German-only app leaves the others out; translating it lowers the gap.
    const auto translated = cases::paired(results, "adoption_gap_language", multilingual);
    INFO(cases::describe("multilingual - German only, adoption_gap_language", translated));
    CHECK(cases::below_zero(translated));

    // Co-design brings the other languages' adoption close to German speakers' (it may overshoot
    // a little): the size of the gap, |gap|, falls below the German-only app's and the merely
    // translated app's.
    const auto size = [](const sim::run_result& r) {
        return std::abs(r.summary[cases::summary_index("adoption_gap_language")]);
    };
    const auto vs_german = cases::paired_by(results, size, codesigned);
    INFO(cases::describe("co-designed - German only, |adoption_gap_language|", vs_german));
    CHECK(cases::below_zero(vs_german));
    const auto vs_translated = cases::paired_by(results, size, codesigned, multilingual);
    INFO(cases::describe("co-designed - multilingual, |adoption_gap_language|", vs_translated));
    CHECK(cases::below_zero(vs_translated));

    // Trade-off: every language beyond German costs money (running cost per language and
    // translation of reports), the cost the factsheet says often rules it out.
    const auto translation = cases::paired(results, "translation_cost", multilingual);
    INFO(cases::describe("multilingual - German only, translation_cost", translation));
    CHECK(cases::above_zero(translation));
    // ... and the co-design workshop and its outreach cost on top of the translated app.
    const auto campaign = cases::paired(results, "campaign_cost", codesigned, multilingual);
    INFO(cases::describe("co-designed - multilingual, campaign_cost", campaign));
    CHECK(cases::above_zero(campaign));
}
