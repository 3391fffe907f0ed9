// The recorder's breakdowns by exposure against a direct count of the residents.

#include "sim/engine/recorder.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <memory>
#include <vector>

#include "models/exposure.hpp"
#include "models/metrics.hpp"
#include "sim/engine/synthetic.hpp"
#include "sim/engine/world.hpp"
#include "sim/scenario/scenario.hpp"

using namespace civicsim;
using models::exposure;
using models::group_metric;

namespace {

constexpr std::size_t groups = models::exposure_groups;

/// Sums over the residents of one group of one exposure.
struct direct_count {
    double trust = 0.0, fear = 0.0;
    std::size_t adopters = 0, residents = 0;
    void add(const models::residents& people, std::uint32_t i) {
        trust += people.trust[i];
        fear += people.fear[i];
        adopters += (people.flags[i] & models::resident_flag::adopter) != 0 ? 1 : 0;
        ++residents;
    }
};

/// The value of group metric `m` for group `g` of neighbourhood `h` in a [metric][place][group]
/// table of `places` rows.
float value(std::span<const float> table, group_metric m, std::size_t places, std::size_t h,
            std::size_t g) {
    return table[(static_cast<std::size_t>(m) * places + h) * groups + g];
}

void check_against(std::span<const float> table, std::size_t places, std::size_t h,
                   const std::array<direct_count, groups>& count) {
    for (std::size_t g = 0; g < groups; ++g) {
        INFO("group " << g << ": " << count[g].residents << " residents");
        const double n = static_cast<double>(count[g].residents);
        if (count[g].residents == 0) {
            CHECK(std::isnan(value(table, group_metric::trust_mean, places, h, g)));
            CHECK(std::isnan(value(table, group_metric::fear_mean, places, h, g)));
            CHECK(std::isnan(value(table, group_metric::adoption_share, places, h, g)));
            continue;
        }
        CHECK(value(table, group_metric::trust_mean, places, h, g) ==
              Approx(count[g].trust / n).epsilon(1e-5));
        CHECK(value(table, group_metric::fear_mean, places, h, g) ==
              Approx(count[g].fear / n).epsilon(1e-5));
        CHECK(value(table, group_metric::adoption_share, places, h, g) ==
              Approx(static_cast<double>(count[g].adopters) / n).epsilon(1e-6));
    }
}

}  // namespace

TEST_CASE("the breakdowns by exposure equal a direct count of the residents", "[engine]") {
    // The workshop town: an app from day 0, campaigns from day 30, groups from day 60, and stops
    // of innocent people. Its seniors' campaign switched off: its targets are still its targets,
    // so that a strategy that switches it on compares like with like.
    const auto scenario =
        sim::load_scenario(std::string(CIVICSIM_SOURCE_DIR) + "/scenarios/workshop_town.toml",
                           {"channels.groups.join_rate=1.0", "scenario.days=120",
                            "policy.outreach.campaign.seniors.enabled=false"});
    const auto params = std::make_shared<const models::parameters>(scenario.params);
    sim::world w(params, {9, 0});
    const auto places = w.population().neighbourhoods.size();
    std::vector<double> interventions(places, 0.0);
    const auto daily_interventions =
        static_cast<std::size_t>(models::daily_metric::interventions_on_innocents);
    for (int d = 0; d < 120; ++d) {
        w.step();
        for (std::size_t h = 0; h < places; ++h)
            interventions[h] += w.last_day()[daily_interventions * places + h];
    }

    const auto& people = w.population().people;
    std::array<std::array<direct_count, groups>, models::exposure_count> city{};
    std::array<std::size_t, models::exposure_count> exposed_anywhere{};
    double all_interventions = 0.0;
    for (std::size_t h = 0; h < places; ++h) {
        INFO("neighbourhood " << h);
        std::array<std::array<direct_count, groups>, models::exposure_count> here{};
        const auto range = w.population().neighbourhoods[h];
        for (auto i = range.begin; i < range.end; ++i)
            for (std::size_t e = 0; e < models::exposure_count; ++e) {
                const auto group = models::exposed(*params, people, i, exposure{e}) ? 0 : 1;
                here[e][group].add(people, i);
                city[e][group].add(people, i);
            }
        for (std::size_t e = 0; e < models::exposure_count; ++e) {
            INFO(models::exposures[e].name);
            exposed_anywhere[e] += here[e][0].residents;
            const auto table = w.last_day_by_exposure(exposure{e});
            check_against(table, places, h, here[e]);
            // Every stop of an innocent person is counted in one group of each exposure.
            double stops = 0.0;
            for (std::size_t g = 0; g < groups; ++g) {
                const float rate =
                    value(table, group_metric::interventions_on_innocents, places, h, g);
                if (here[e][g].residents > 0)
                    stops +=
                        rate * static_cast<double>(here[e][g].residents) / models::per_thousand;
            }
            CHECK(stops == Approx(interventions[h]).margin(1e-3));
        }
        all_interventions += interventions[h];
    }
    // The scenario exercises each exposure and the stops.
    for (std::size_t e = 0; e < models::exposure_count; ++e) {
        INFO(models::exposures[e].name);
        CHECK(exposed_anywhere[e] > 20);
        check_against(w.last_day_by_exposure_city(exposure{e}), 1, 0, city[e]);
    }
    CHECK(all_interventions > 0.0);
}

TEST_CASE("without a campaign the targets are empty, NaN, and the others are everyone",
          "[engine]") {
    auto p = sim::synthetic_city(20000, 30);
    p.policy.outreach.campaigns.clear();
    const auto params = std::make_shared<const models::parameters>(std::move(p));
    sim::world w(params, {3, 0});
    for (int d = 0; d < 30; ++d) w.step();
    const auto places = w.population().neighbourhoods.size();
    const auto table = w.last_day_by_exposure(exposure::campaign_target);
    const auto city = w.last_day_by_exposure_city(exposure::campaign_target);
    for (std::size_t m = 0; m < models::group_metric_count; ++m) {
        INFO(models::group_metrics()[m].name);
        const auto metric = static_cast<group_metric>(m);
        CHECK(std::isnan(value(city, metric, 1, 0, 0)));
        for (std::size_t h = 0; h < places; ++h)
            CHECK(std::isnan(value(table, metric, places, h, 0)));
    }
    const auto trust_mean = static_cast<std::size_t>(models::daily_metric::trust_mean);
    for (std::size_t h = 0; h < places; ++h)
        CHECK(value(table, group_metric::trust_mean, places, h, 1) ==
              Approx(w.last_day()[trust_mean * places + h]).epsilon(1e-6));
}
