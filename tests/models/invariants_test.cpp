#include "models/invariants.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using namespace civicsim::models;
using Catch::Matchers::Contains;

namespace {

/// Two neighbourhoods of 3 and 4 residents, initialised from stream key (7, 0).
population small_town() {
    parameters params;
    for (const std::uint32_t n : {3U, 4U}) {
        neighbourhood_params home;
        home.population = n;
        params.neighbourhoods.push_back(home);
    }
    auto pop = allocate_population(params);
    for (std::size_t h = 0; h < 2; ++h)
        initialise_residents(pop.people, neighbourhood_id{static_cast<std::uint16_t>(h)},
                             pop.neighbourhoods[h], params, stream_key{7, 0});
    return pop;
}

report queued_in(std::uint16_t h, std::uint16_t day) {
    report r;
    r.neighbourhood = neighbourhood_id{h};
    r.status = report_status::queued;
    r.day_filed = day;
    return r;
}

report closed_in(std::uint16_t h, report_status status, std::uint16_t filed, std::uint16_t closed) {
    report r = queued_in(h, filed);
    r.status = status;
    r.day_closed = closed;
    return r;
}

}  // namespace

TEST_CASE("a sound state passes every invariant check", "[invariants]") {
    const auto pop = small_town();
    CHECK_NOTHROW(check_population(pop, 7, 5));
    for (std::size_t h = 0; h < 2; ++h)
        CHECK_NOTHROW(check_residents(pop.people, pop.neighbourhoods[h], h, 5));
    const std::vector<report> reports{queued_in(1, 4), closed_in(0, report_status::handled, 2, 5),
                                      closed_in(1, report_status::ignored, 5, 5)};
    const std::vector<std::uint32_t> open{0, 1};
    CHECK_NOTHROW(check_reports(reports, open, 5));
}

TEST_CASE("a probability outside [0, 1] or NaN breaks the invariant, named with day and place",
          "[invariants]") {
    auto pop = small_town();
    SECTION("trust above 1") { pop.people.trust[4] = 1.5F; }
    SECTION("fear NaN") { pop.people.fear[4] = std::numeric_limits<float>::quiet_NaN(); }
    SECTION("prejudice below 0") { pop.people.prejudice[4] = -0.25F; }
    SECTION("resting trust infinite") {
        pop.people.resting_trust[4] = std::numeric_limits<float>::infinity();
    }
    CHECK_NOTHROW(check_residents(pop.people, pop.neighbourhoods[0], 0, 9));
    CHECK_THROWS_WITH(check_residents(pop.people, pop.neighbourhoods[1], 1, 9),
                      Contains("'probabilities in [0, 1]' broken on day 9 in neighbourhood 1") &&
                          Contains("of resident 4"));
}

TEST_CASE("a resident listed in another neighbourhood breaks the invariant", "[invariants]") {
    auto pop = small_town();
    pop.people.neighbourhood[1] = 1;
    CHECK_THROWS_WITH(
        check_residents(pop.people, pop.neighbourhoods[0], 0, 2),
        Contains("'resident in its neighbourhood' broken on day 2 in neighbourhood 0") &&
            Contains("resident 1 is recorded in neighbourhood 1"));
}

TEST_CASE("a population that lost, gained or skipped residents breaks conservation",
          "[invariants]") {
    auto pop = small_town();
    SECTION("one resident fewer than at the start") {
        CHECK_THROWS_WITH(check_population(pop, 8, 3),
                          Contains("'population conserved' broken on day 3"));
    }
    SECTION("a column longer than the neighbourhoods") {
        pop.people.resize(8);
        CHECK_THROWS_WITH(check_population(pop, 7, 3), Contains("8 in the columns"));
    }
    SECTION("a gap between neighbourhoods") {
        pop.neighbourhoods[1].begin = 4;
        CHECK_THROWS_WITH(check_population(pop, 7, 3),
                          Contains("'population conserved' broken on day 3 in neighbourhood 1"));
    }
}

TEST_CASE(
    "a report in no status, still filed, closed out of time or miscounted breaks the invariant",
    "[invariants]") {
    std::vector<report> reports{queued_in(1, 4), closed_in(0, report_status::handled, 2, 5)};
    std::vector<std::uint32_t> open{0, 1};
    std::string expected;
    SECTION("an unknown status") {
        reports[1].status = static_cast<report_status>(report_status_count);
        expected = "report 1 has no known status (9)";
    }
    SECTION("still filed at the end of the day") {
        reports[0].status = report_status::filed;
        expected = "report 0 is still 'filed'";
    }
    SECTION("closed before it was filed") {
        reports[1].day_closed = 1;
        expected = "report 1 is 'handled' but was closed on day 1, filed on day 2";
    }
    SECTION("closed after today") {
        reports[1].day_closed = 6;
        expected = "closed on day 6";
    }
    SECTION("the queue counts a report that is not queued") {
        open[0] = 1;
        expected = "0 reports queued, but the queue counts 1";
    }
    SECTION("a report in a neighbourhood that does not exist") {
        reports[0].neighbourhood = neighbourhood_id{2};
        expected = "report 0 names a neighbourhood that does not exist";
    }
    CHECK_THROWS_AS(check_reports(reports, open, 5), invariant_error);
    CHECK_THROWS_WITH(check_reports(reports, open, 5),
                      Contains("broken on day 5") && Contains(expected));
}
