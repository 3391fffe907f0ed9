// Rural versus urban (scenarios/rural_vs_urban.toml): the same app launch reaches the dense young
// district far better than the sparse ageing one; outreach to older rural residents narrows the
// difference, at a cost.

#include <catch2/catch.hpp>

#include "case_support.hpp"

using namespace civicsim;

namespace {

constexpr std::size_t dense = 0;   // "Dense Young District"
constexpr std::size_t sparse = 1;  // "Sparse Ageing District"

}  // namespace

TEST_CASE("Rural versus urban: the same app launch leaves the sparse ageing district behind",
          "[cases]") {
    const auto sc =
        cases::load_case("rural_vs_urban.toml", {"scenario.days=180", "scenario.replications=3"});
    REQUIRE(sc.params.neighbourhoods.at(dense).name == "Dense Young District");
    REQUIRE(sc.params.neighbourhoods.at(sparse).name == "Sparse Ageing District");
    const auto results = sim::run_comparison(sc, cases::threads);

    // Same policy, two districts: adoption on the last day, dense minus sparse, per replication.
    std::vector<double> differences;
    for (const auto& run : sim::runs_of(results.runs, "baseline"))
        differences.push_back(cases::last_day(run, "adoption_share", dense) -
                              cases::last_day(run, "adoption_share", sparse));
    const auto urban_lead = sim::estimate_mean(differences);
    INFO(cases::describe("dense - sparse district, adoption_share (baseline)", urban_lead));
    CHECK(cases::above_zero(urban_lead));

    // Outreach to residents aged 50+ in the sparse district raises adoption there.
    const std::string outreach = "app launch with outreach";
    const auto rural = cases::paired_by(
        results,
        [](const sim::run_result& r) { return cases::last_day(r, "adoption_share", sparse); },
        outreach);
    INFO(cases::describe("outreach - none, adoption_share in the sparse district", rural));
    CHECK(cases::above_zero(rural));

    // Trade-off: it costs money that buys nothing in the dense district.
    const auto cost = cases::paired(results, "campaign_cost", outreach);
    INFO(cases::describe("outreach - none, campaign_cost", cost));
    CHECK(cases::above_zero(cost));
}
