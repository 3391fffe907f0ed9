// London (scenarios/london_hate_crime.toml): an awareness campaign for the hate-crime app raises
// hate-crime reports, and with them the load on officers; with an English-only app it also
// widens the adoption gap by language.

#include <catch2/catch.hpp>

#include "case_support.hpp"

using namespace civicsim;

TEST_CASE("London: the awareness campaign raises hate-crime reports and officer load", "[cases]") {
    // Eight months: the campaign runs from day 30.
    const auto sc =
        cases::load_case("london_hate_crime.toml", {"scenario.days=240", "scenario.replications=8"},
                         {"app plus awareness campaign"});
    const auto results = sim::run_comparison(sc, cases::threads);
    const std::string campaign = "app plus awareness campaign";

    // Hate-crime reports over the run: the daily reports_hate_crime series, summed.
    const auto hate = cases::paired_by(
        results,
        [](const sim::run_result& r) { return cases::daily_total(r, "reports_hate_crime"); },
        campaign);
    INFO(cases::describe("campaign - app alone, hate-crime reports", hate));
    CHECK(cases::above_zero(hate));

    // Trade-off: the extra reports load the officers: more reports wait past their limit and
    // the median response time grows.
    const auto expired = cases::paired(results, "expired", campaign);
    INFO(cases::describe("campaign - app alone, expired", expired));
    CHECK(cases::above_zero(expired));
    const auto response = cases::paired(results, "response_time_median", campaign);
    INFO(cases::describe("campaign - app alone, response_time_median", response));
    CHECK(cases::above_zero(response));

    // Trade-off: the campaign reaches speakers of every language, but only English speakers can
    // use the app, so the adoption gap by language widens.
    const auto gap = cases::paired(results, "adoption_gap_language", campaign);
    INFO(cases::describe("campaign - app alone, adoption_gap_language", gap));
    CHECK(cases::above_zero(gap));
}
