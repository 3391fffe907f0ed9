// Vigilantism (models/vigilantism.hpp, docs/ODD.md §7.13) in the whole engine: switched on in the
// workshop town, with rumours and acts at the top of their plausible rates, acts have consequences.
// Physical acts become the next day's incidents (hate crimes when the rumour blamed the out-group);
// facilitators remove shaming posts; visible police deter. Negative controls: switched off, there
// are no acts and no extra incidents; with removal cut, facilitators remove nothing; with k near 0,
// police in sight change nothing.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "models/metrics.hpp"
#include "sim/engine/run.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/sim/cases/case_support.hpp"

using namespace civicsim;

namespace {

/// Totals over 2 replications of two years of the workshop town, with uniform patrols (so that
/// the incidents the town draws do not depend on what is reported). Over networks rumours reach
/// few and spreaders soon forget, so at the assumed act rate the town sees almost no acts; these
/// checks of the consequences take rumours and acts at the top of their plausible ranges.
struct totals {
    double acts = 0, posts = 0, removed = 0, incidents = 0, hate = 0, minor = 0;
};

totals run_town(const std::vector<std::string>& overrides) {
    std::vector<std::string> all{
        "scenario.days=730", "scenario.replications=2", "police.patrol.allocation=\"uniform\"",
        "behaviour.rumours.start_rate=1", "behaviour.vigilantism.act_probability=0.01"};
    all.insert(all.end(), overrides.begin(), overrides.end());
    const auto scenario =
        sim::load_scenario(std::string(CIVICSIM_SOURCE_DIR) + "/scenarios/workshop_town.toml", all);
    const auto params = std::make_shared<const models::parameters>(scenario.params);
    const auto runs = sim::run_replications(params, "baseline", 0, 2);
    const auto total = [&](std::string_view name) {
        double sum = 0.0;
        for (const auto& run : runs) sum += run.summary[cases::summary_index(name)];
        return sum;
    };
    const auto series = [&](std::string_view name) {
        const auto m = cases::daily_index(name);
        double sum = 0.0;
        for (const auto& run : runs)
            for (std::size_t d = 0; d < run.days; ++d)
                for (std::size_t h = 0; h < run.neighbourhoods; ++h) sum += run.at(m, d, h);
        return sum;
    };
    return {total("vigilante_acts"),        total("shaming_posts"),
            total("shaming_removed"),       total("incidents"),
            series("incidents_hate_crime"), series("incidents_minor_offence")};
}

}  // namespace

TEST_CASE("vigilante acts become incidents, and facilitators remove shaming posts",
          "[engine][vigilantism]") {
    const auto off = run_town({});
    const auto on = run_town({"behaviour.vigilantism.enabled=true"});
    INFO("acts " << on.acts << ", posts " << on.posts << ", removed " << on.removed
                 << "; incidents off " << off.incidents << ", on " << on.incidents);
    CHECK(off.acts == 0.0);
    CHECK(off.posts == 0.0);
    REQUIRE(on.acts > 0.0);
    REQUIRE(on.posts > 0.0);
    // The town draws the same incidents (common random numbers); each physical act adds one,
    // but for those of a run's last day and acts with nobody to target.
    const double added = on.incidents - off.incidents;
    CHECK(added > 0.0);
    CHECK(added <= on.acts);
    CHECK(added >= 0.9 * on.acts);
    CHECK(on.hate + on.minor - off.hate - off.minor == added);
    // Facilitators remove posts in their groups; with removal cut they remove none and more
    // posts are published. In the town as written few residents join groups (0.3 %), so this
    // check has more members.
    const std::vector<std::string> often{"behaviour.vigilantism.enabled=true",
                                         "channels.groups.join_rate=0.05"};
    const auto grouped = run_town(often);
    INFO("acting often: posts " << grouped.posts << ", removed " << grouped.removed);
    CHECK(grouped.removed > 0.0);
    auto uncut = often;
    uncut.push_back("policy.moderation.shaming_removal=0");
    const auto kept = run_town(uncut);
    CHECK(kept.removed == 0.0);
    CHECK(kept.posts > grouped.posts);
}

TEST_CASE("police in sight deter vigilantes", "[engine][vigilantism]") {
    const auto usual = run_town({"behaviour.vigilantism.enabled=true"});
    // A sight of 50 times as many residents sees 50 times the officers (and the actors).
    const auto wide = run_town(
        {"behaviour.vigilantism.enabled=true", "behaviour.vigilantism.vision_residents=5000"});
    INFO("acts and posts, usual sight " << usual.acts + usual.posts << ", wide "
                                        << wide.acts + wide.posts);
    CHECK(wide.acts + wide.posts < 0.8 * (usual.acts + usual.posts));
    // Negative control: with k near 0 what police are in sight does not matter.
    const auto blind =
        run_town({"behaviour.vigilantism.enabled=true", "behaviour.vigilantism.k=1e-9",
                  "behaviour.vigilantism.vision_residents=5000"});
    const auto blind_usual =
        run_town({"behaviour.vigilantism.enabled=true", "behaviour.vigilantism.k=1e-9"});
    CHECK(blind.acts + blind.posts == Approx(blind_usual.acts + blind_usual.posts).epsilon(0.05));
}
