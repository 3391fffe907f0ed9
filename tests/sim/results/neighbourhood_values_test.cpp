// A summary outcome in one neighbourhood: the city-wide reduction restricted to it.

#include "sim/results/neighbourhood_values.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "models/metrics.hpp"

using namespace civicsim;
using models::daily_metric;
using models::summary_metric;

namespace {

constexpr std::size_t index(daily_metric m) { return static_cast<std::size_t>(m); }
constexpr std::size_t index(summary_metric m) { return static_cast<std::size_t>(m); }

/// Three days, two neighbourhoods, every daily outcome 0 but those set by the test.
sim::run_result run() {
    sim::run_result r;
    r.days = 3;
    r.neighbourhoods = 2;
    r.timeseries.assign(models::daily_metrics().size() * 3 * 2, 0.0f);
    return r;
}

void set(sim::run_result& r, daily_metric m, std::size_t day, std::size_t k, float value) {
    r.timeseries[(index(m) * r.days + day) * r.neighbourhoods + k] = value;
}

}  // namespace

TEST_CASE("A summary outcome per neighbourhood: totals, last days and ratios of totals",
          "[results]") {
    auto r = run();
    // Reports: 2, 3, 4 in neighbourhood 1 -> 9 over the run; incidents 1, 1, 4 -> 6.
    set(r, daily_metric::reports, 0, 1, 2.0f);
    set(r, daily_metric::reports, 1, 1, 3.0f);
    set(r, daily_metric::reports, 2, 1, 4.0f);
    set(r, daily_metric::incidents, 0, 1, 1.0f);
    set(r, daily_metric::incidents, 1, 1, 1.0f);
    set(r, daily_metric::incidents, 2, 1, 4.0f);
    // Trust: the last day's value, not the mean.
    set(r, daily_metric::trust_mean, 0, 0, 0.2f);
    set(r, daily_metric::trust_mean, 2, 0, 0.7f);
    CHECK(sim::neighbourhood_value(r, index(summary_metric::reports), 1) == 9.0);
    CHECK(sim::neighbourhood_value(r, index(summary_metric::reports), 0) == 0.0);
    CHECK(sim::neighbourhood_value(r, index(summary_metric::reporting_rate), 1) == 1.5);
    CHECK(sim::neighbourhood_value(r, index(summary_metric::trust_mean), 0) == Approx(0.7));
    // A rate of nothing is undefined, not 0.
    CHECK(std::isnan(sim::neighbourhood_value(r, index(summary_metric::reporting_rate), 0)));
    // Outcomes with no per-neighbourhood counterpart (a median over all reports) have none.
    CHECK_FALSE(sim::has_neighbourhood_value(index(summary_metric::response_time_median)));
    CHECK(std::isnan(sim::neighbourhood_value(r, index(summary_metric::response_time_median), 0)));
    CHECK(sim::has_neighbourhood_value(index(summary_metric::hate_crime_reports)));
    // Where facilitators removed shaming posts and where the police corrected rumours.
    set(r, daily_metric::shaming_removed, 1, 0, 2.0f);
    set(r, daily_metric::rumours_debunked, 2, 1, 1.0f);
    CHECK(sim::neighbourhood_value(r, index(summary_metric::shaming_removed), 0) == 2.0);
    CHECK(sim::neighbourhood_value(r, index(summary_metric::rumours_debunked), 1) == 1.0);
    CHECK(sim::neighbourhood_value(r, index(summary_metric::rumours_debunked), 0) == 0.0);
    // As a run_value, for intervals over replications.
    CHECK(sim::neighbourhood_value_of(index(summary_metric::reports), 1)(r) == 9.0);
}
