// `civicsim explain`'s machinery (sim/engine/explanation.hpp, sim/results/attribution.hpp) on the
// whole engine: which mechanisms count as on; a strategy whose effect flows through exactly two
// mechanisms is split into two contributions that add up to the total (within its interval), and
// leaving one of them out leaves a clear remainder (the negative control); the same values at 1
// and 2 threads.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "sim/engine/explanation.hpp"
#include "sim/results/attribution.hpp"
#include "sim/results/findings.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/sim/cases/case_support.hpp"

using namespace civicsim;

namespace {

std::vector<std::string> names_of(const std::vector<sim::active_mechanism>& mechanisms) {
    std::vector<std::string> names;
    for (const auto& m : mechanisms) names.push_back(m.name);
    return names;
}

bool has(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

/// The workshop town with witness and suspicious-person reports off and nothing that lets one
/// kind of report change another (trust does not move reporting, no alerts): a strategy that
/// switches both on changes the reports filed through these two mechanisms alone.
sim::scenario two_mechanism_town(std::uint32_t days, std::uint32_t replications) {
    auto sc = cases::load_case(
        "workshop_town.toml",
        {"scenario.days=" + std::to_string(days),
         "scenario.replications=" + std::to_string(replications),
         "behaviour.reporting.witness_factor=0", "behaviour.prejudice.suspicious_rate=0",
         "behaviour.reporting.trust_effect=0", "behaviour.information.enabled=false"});
    sc.strategies = {{"both kinds of report",
                      "witnesses report, and fear and prejudice bring suspicious-person reports",
                      {{"behaviour.reporting.witness_factor", "0.3"},
                       {"behaviour.prejudice.suspicious_rate", "0.0005"}}}};
    return sc;
}

/// The two mechanisms the strategy switches on, as active_mechanisms lists them.
std::vector<sim::active_mechanism> the_two(const sim::scenario& sc) {
    std::vector<sim::active_mechanism> two;
    for (const auto& m : sim::active_mechanisms(sc, sc.strategies.front()))
        if (m.name == "witness reports" || m.name == "suspicious-person reports") two.push_back(m);
    REQUIRE(two.size() == 2);
    return two;
}

}  // namespace

TEST_CASE("only mechanisms on in the baseline or the strategy are switched off",
          "[engine][explain]") {
    const auto sc = cases::load_case("workshop_town.toml", {}, {"rule triage", "no campaigns"});
    const auto rules = names_of(sim::active_mechanisms(sc, sc.strategies[0]));
    const auto no_campaigns = names_of(sim::active_mechanisms(sc, sc.strategies[1]));
    INFO("rule triage: " << rules.size() << ", no campaigns: " << no_campaigns.size());
    // Triage is off in the town (mode "none") and on under rule triage only.
    CHECK(has(rules, "triage"));
    CHECK_FALSE(has(no_campaigns, "triage"));
    // The campaigns run in the baseline, so they are on for both strategies.
    CHECK(has(rules, "campaigns"));
    CHECK(has(no_campaigns, "campaigns"));
    // Off everywhere in the town: nothing to switch off.
    CHECK_FALSE(has(rules, "vigilantism"));
    CHECK_FALSE(has(rules, "watchdog"));
    // Keys of repeated tables are given for every element.
    for (const auto& m : sim::active_mechanisms(sc, sc.strategies[0]))
        if (m.name == "campaigns")
            CHECK(m.off.size() == sc.params.policy.outreach.campaigns.size());
}

TEST_CASE("a two-mechanism effect is attributed to its two mechanisms and sums to the total",
          "[engine][explain]") {
    const auto sc = two_mechanism_town(120, 6);
    const auto two = the_two(sc);
    const auto results = sim::run_explanation(sc, sc.strategies.front(), two, cases::threads);
    const auto reports = cases::summary_index("reports");
    const auto a = sim::attribute(results.runs, reports, "both kinds of report",
                                  {"witness reports", "suspicious-person reports"});
    REQUIRE(a.parts.size() == 2);
    INFO(cases::describe("total", a.total));
    INFO(cases::describe(a.parts[0].mechanism, a.parts[0].contribution));
    INFO(cases::describe(a.parts[1].mechanism, a.parts[1].contribution));
    INFO(cases::describe("not attributed", a.not_attributed));
    REQUIRE(cases::above_zero(a.total));
    // Each mechanism carries a clear share of the effect.
    CHECK(cases::above_zero(a.parts[0].contribution));
    CHECK(cases::above_zero(a.parts[1].contribution));
    // Contributions plus the unattributed part are the total, replication by replication.
    const double sum = a.parts[0].contribution.mean + a.parts[1].contribution.mean;
    CHECK(sum + a.not_attributed.mean == Approx(a.total.mean).epsilon(1e-9));
    // The two contributions alone account for the total, within its interval.
    CHECK(sum >= a.total.low);
    CHECK(sum <= a.total.high);
    // The sentence names both mechanisms.
    const auto sentence = sim::why_sentence(a, "both kinds of report");
    INFO(sentence);
    CHECK(sentence.find("witness reports") != std::string::npos);
    CHECK(sentence.find("suspicious-person reports") != std::string::npos);

    // Negative control: with only one of the two switched off, the other's share is left over.
    const auto one =
        sim::attribute(results.runs, reports, "both kinds of report", {"witness reports"});
    INFO(cases::describe("not attributed to witness reports alone", one.not_attributed));
    CHECK(cases::above_zero(one.not_attributed));
    const auto suspicious = a.parts[0].mechanism == "witness reports" ? a.parts[1] : a.parts[0];
    CHECK(one.not_attributed.mean ==
          Approx(suspicious.contribution.mean).margin(std::fabs(a.not_attributed.mean) + 1e-9));
}

TEST_CASE("an explanation has the same values at 1 and 2 threads", "[engine][explain]") {
    const auto sc = two_mechanism_town(30, 2);
    const auto two = the_two(sc);
    const auto one_thread = sim::run_explanation(sc, sc.strategies.front(), two, 1);
    const auto two_threads = sim::run_explanation(sc, sc.strategies.front(), two, 2);
    REQUIRE(one_thread.runs.size() == 12);
    REQUIRE(two_threads.runs.size() == one_thread.runs.size());
    for (std::size_t i = 0; i < one_thread.runs.size(); ++i) {
        INFO("run " << i << " (" << one_thread.runs[i].strategy << ")");
        CHECK(one_thread.runs[i].strategy == two_threads.runs[i].strategy);
        // Bitwise: NaN outcomes compare unequal with ==.
        CHECK(std::memcmp(one_thread.runs[i].summary.data(), two_threads.runs[i].summary.data(),
                          one_thread.runs[i].summary.size() * sizeof(double)) == 0);
    }
}
