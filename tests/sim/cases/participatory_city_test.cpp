// Participatory city (scenarios/participatory_city.toml): consultations raise participants'
// trust, outreach brings in more (older, offline) participants; the price is patrols steered by
// fear rather than crime.

#include <catch2/catch.hpp>

#include "case_support.hpp"

using namespace civicsim;

TEST_CASE("Participatory city: consultations raise trust and outreach widens participation",
          "[cases]") {
    // Two consultations (days 90 and 180).
    const auto sc = cases::load_case("participatory_city.toml",
                                     {"scenario.days=200", "scenario.replications=3"});
    const auto results = sim::run_comparison(sc, cases::threads);
    const std::string open = "open consultations";
    const std::string outreach = "consultations with outreach";

    const auto trust = cases::paired(results, "trust_mean", open);
    INFO(cases::describe("open consultations - none, trust_mean", trust));
    CHECK(cases::above_zero(trust));

    // Outreach to residents aged 65+ and without digital skills brings more participants, and
    // more trust, than open online consultations.
    const auto participants = cases::paired(results, "participants", outreach, open);
    INFO(cases::describe("outreach - open, participants", participants));
    CHECK(cases::above_zero(participants));
    const auto more_trust = cases::paired(results, "trust_mean", outreach, open);
    INFO(cases::describe("outreach - open, trust_mean", more_trust));
    CHECK(cases::above_zero(more_trust));

    // Trade-off: the vote weighs participants' fear, so part of the patrol hours leaves the
    // high-crime, low-fear quarter for fearful, quiet ones: patrol shares drift from true crime
    // shares.
    const auto gap = cases::paired(results, "patrol_crime_gap", open);
    INFO(cases::describe("open consultations - none, patrol_crime_gap", gap));
    CHECK(cases::above_zero(gap));
}
