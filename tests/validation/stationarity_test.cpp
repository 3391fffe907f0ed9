// A town whose inputs do not change (no rollout, no campaign, no new channel: the default town
// with its app switched off, since an app launched on day 0 diffuses for a decade) stays where it
// is: over ten years the yearly means of trust, fear and prejudice of year 10 are within 0.01 of
// year 2's, and the share victimised in the last year is at its level from the first month
// (residents start with a history of the year before). The whole engine at default settings.
// Negative control: with trust's return to its resting level cut (a half-life of a million
// years), contacts with the police pull trust away year after year and the same check fails.

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "models/metrics.hpp"
#include "sim/engine/run.hpp"

using namespace civicsim;

namespace {

struct drift {
    double trust = 0.0, fear = 0.0, prejudice = 0.0;
    double first_month_victimised = 0.0, first_year_victimised = 0.0;
    double first_month_fear = 0.0, second_year_fear = 0.0;  ///< means
    double first_month_worried = 0.0, second_year_worried = 0.0;
};

double mean_over(const sim::run_result& run, models::daily_metric m, std::uint32_t from,
                 std::uint32_t to) {
    double sum = 0.0;
    for (auto d = from; d < to; ++d) sum += run.at(static_cast<std::size_t>(m), d, 0);
    return sum / (to - from);
}

drift ten_years(const models::parameters& base) {
    auto params = base;
    params.scenario.days = 3650;
    params.neighbourhoods.resize(1);
    params.neighbourhoods[0].name = "steady";
    params.neighbourhoods[0].population = 20000;
    params.channels.app.enabled = false;
    const auto shared = std::make_shared<const models::parameters>(params);
    // Two replications, averaged.
    drift mean;
    constexpr std::uint32_t replications = 2;
    for (std::uint32_t r = 0; r < replications; ++r) {
        const auto run = sim::run_simulation(shared, {r, "baseline", r, 5});
        using m = models::daily_metric;
        const auto change = [&](m metric) {
            return mean_over(run, metric, 9 * 365, 3650) - mean_over(run, metric, 365, 730);
        };
        mean.trust += change(m::trust_mean) / replications;
        mean.fear += change(m::fear_mean) / replications;
        mean.prejudice += change(m::prejudice_mean) / replications;
        mean.first_month_victimised += mean_over(run, m::victimised_share, 0, 30) / replications;
        mean.first_year_victimised += mean_over(run, m::victimised_share, 0, 365) / replications;
        mean.first_month_fear += mean_over(run, m::fear_mean, 0, 30) / replications;
        mean.second_year_fear += mean_over(run, m::fear_mean, 365, 730) / replications;
        mean.first_month_worried += mean_over(run, m::worried_share, 0, 30) / replications;
        mean.second_year_worried += mean_over(run, m::worried_share, 365, 730) / replications;
    }
    return mean;
}

bool stationary(const drift& d) {
    return std::abs(d.trust) < 0.01 && std::abs(d.fear) < 0.01 && std::abs(d.prejudice) < 0.01;
}

}  // namespace

TEST_CASE("a town without new inputs is stationary over ten years", "[validation]") {
    const auto d = ten_years(models::parameters{});
    INFO("year 10 - year 2: trust " << d.trust << ", fear " << d.fear << ", prejudice "
                                    << d.prejudice);
    CHECK(stationary(d));
    INFO("victimised share: first month " << d.first_month_victimised << ", first year "
                                          << d.first_year_victimised);
    CHECK(std::abs(d.first_month_victimised / d.first_year_victimised - 1.0) < 0.2);
    // Residents start where fear settles, so the first month is not a climb from rest.
    INFO("fear: first month " << d.first_month_fear << ", year 2 " << d.second_year_fear);
    INFO("worried: first month " << d.first_month_worried << ", year 2 " << d.second_year_worried);
    CHECK(std::abs(d.first_month_fear - d.second_year_fear) < 0.01);
    CHECK(std::abs(d.first_month_worried - d.second_year_worried) < 0.03);
}

TEST_CASE("negative control: without trust's return to rest the town drifts", "[validation]") {
    models::parameters cut;
    cut.trust.half_life_days = 365.0 * 1e6;
    const auto d = ten_years(cut);
    INFO("year 10 - year 2 without relaxation: trust " << d.trust);
    CHECK_FALSE(stationary(d));
}
