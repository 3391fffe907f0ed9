#include "models/incidents.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

using namespace civicsim::models;

namespace {

const per_category<double> no_prevention{1.0, 1.0, 1.0, 1.0, 1.0};

constexpr resident_range home_range{1000, 6000};

neighbourhood_params busy_neighbourhood() {
    neighbourhood_params home;
    home.population = home_range.size();
    home.incident_rate = {200.0, 300.0, 400.0, 500.0, 250.0};  // a few incidents of each a day
    return home;
}

// Every 10th resident of the range belongs to a minority community.
std::vector<resident_id> every_tenth_resident() {
    std::vector<resident_id> members;
    for (std::uint32_t i = home_range.begin; i < home_range.end; i += 10)
        members.push_back(resident_id{i});
    return members;
}

// Incidents with equal risk for every resident, as a victim_pool over `minority`.
struct uniform_pool {
    explicit uniform_pool(const std::vector<resident_id>& minority,
                          resident_range range = home_range)
        : risk(range.end, 1.0F),
          everyone(risk, range.begin, range.end),
          targets(risk, minority),
          pool{range, &everyone, &targets} {}
    std::vector<float> risk;
    risk_table everyone, targets;
    victim_pool pool;
};

// Calls `check` with the batch of each of `days` days.
void for_each_day(std::uint32_t days, const std::vector<resident_id>& minority,
                  const neighbourhood_params& home, const incident_params& params,
                  const std::function<void(const incident_batch&)>& check) {
    incident_batch batch;
    const uniform_pool victims(minority);
    for (std::uint32_t day = 0; day < days; ++day) {
        stream s({17, 0}, counter_phase::incidents, day, 0);
        generate_incidents(victims.pool, home, no_prevention, params, s, batch);
        check(batch);
    }
}

bool in_home_range(std::uint32_t r) { return r >= home_range.begin && r < home_range.end; }

}  // namespace

TEST_CASE("expected_incidents is rate times population per thousand per year", "[incidents]") {
    neighbourhood_params home;
    home.population = 3650;
    home.incident_rate = {10.0, 20.0, 30.0, 40.0, 50.0};
    const auto expected = expected_incidents(home, no_prevention);
    CHECK(expected[0] == Approx(0.1));
    CHECK(expected[1] == Approx(0.2));
    CHECK(expected[2] == Approx(0.3));
    CHECK(expected[3] == Approx(0.4));
    CHECK(expected[4] == Approx(0.5));

    home.population = 0;
    CHECK(expected_incidents(home, no_prevention) == per_category<double>{});
}

TEST_CASE("daily incident counts average to the expected counts", "[incidents]") {
    neighbourhood_params home;
    home.population = home_range.size();  // default rates: well under one a day for most
    const incident_params params;
    const auto minority = every_tenth_resident();
    constexpr std::uint32_t days = 4000;

    per_category<double> total{};
    for_each_day(days, minority, home, params, [&](const incident_batch& batch) {
        for (const auto c : batch.category) total[to_index(c)] += 1.0;
    });
    const auto expected = expected_incidents(home, no_prevention);
    for (std::size_t c = 0; c < category_count; ++c) {
        INFO(category_names[c]);
        // Poisson: the variance of a day's count is its mean.
        CHECK(total[c] / days == Approx(expected[c]).margin(4.0 * std::sqrt(expected[c] / days)));
    }
}

TEST_CASE("witness counts average to witnesses_mean", "[incidents]") {
    const auto home = busy_neighbourhood();
    incident_params params;
    params.witnesses_mean = {0.5, 1.0, 2.0, 3.0, 0.0};
    const auto minority = every_tenth_resident();

    per_category<double> incidents{};
    per_category<double> witnesses{};
    for_each_day(1000, minority, home, params, [&](const incident_batch& batch) {
        for (std::size_t k = 0; k < batch.size(); ++k) {
            const auto c = to_index(batch.category[k]);
            incidents[c] += 1.0;
            witnesses[c] += batch.witness_begin[k + 1] - batch.witness_begin[k];
        }
    });
    for (std::size_t c = 0; c < category_count; ++c) {
        INFO(category_names[c]);
        REQUIRE(incidents[c] > 1000.0);
        const double mean = params.witnesses_mean[c];
        CHECK(witnesses[c] / incidents[c] ==
              Approx(mean).margin(4.0 * std::sqrt(mean / incidents[c])));
    }
    CHECK(witnesses[to_index(incident_category::hate_crime)] == 0.0);
}

TEST_CASE("every victim and witness lives in the neighbourhood", "[incidents]") {
    const auto home = busy_neighbourhood();
    const auto minority = every_tenth_resident();
    std::size_t outside = 0;
    std::size_t witnesses_seen = 0;
    for_each_day(200, minority, home, incident_params{}, [&](const incident_batch& batch) {
        for (const auto v : batch.victim)
            if (v != no_index && !in_home_range(v)) ++outside;
        for (const auto w : batch.witnesses)
            if (!in_home_range(w)) ++outside;
        witnesses_seen += batch.witnesses.size();
    });
    CHECK(outside == 0);
    CHECK(witnesses_seen > 1000);
}

TEST_CASE("hate-crime victims are always minority members", "[incidents]") {
    const auto home = busy_neighbourhood();
    const auto minority = every_tenth_resident();
    std::size_t hate_crimes = 0;
    std::size_t not_minority = 0;
    for_each_day(200, minority, home, incident_params{}, [&](const incident_batch& batch) {
        for (std::size_t k = 0; k < batch.size(); ++k) {
            if (batch.category[k] != incident_category::hate_crime) continue;
            ++hate_crimes;
            if (std::find(minority.begin(), minority.end(), resident_id{batch.victim[k]}) ==
                minority.end())
                ++not_minority;
        }
    });
    CHECK(hate_crimes > 100);
    CHECK(not_minority == 0);
}

TEST_CASE("there are no hate crimes without minority members", "[incidents]") {
    const auto home = busy_neighbourhood();
    std::size_t hate_crimes = 0;
    std::size_t other = 0;
    for_each_day(200, {}, home, incident_params{}, [&](const incident_batch& batch) {
        for (const auto c : batch.category)
            (c == incident_category::hate_crime ? hate_crimes : other) += 1;
    });
    CHECK(hate_crimes == 0);
    CHECK(other > 1000);
}

TEST_CASE("only categories with a victim have one", "[incidents]") {
    const auto home = busy_neighbourhood();
    const auto minority = every_tenth_resident();
    per_category<std::size_t> with_victim{};
    per_category<std::size_t> seen{};
    for_each_day(100, minority, home, incident_params{}, [&](const incident_batch& batch) {
        for (std::size_t k = 0; k < batch.size(); ++k) {
            const auto c = to_index(batch.category[k]);
            ++seen[c];
            if (batch.victim[k] != no_index) ++with_victim[c];
        }
    });
    for (std::size_t c = 0; c < category_count; ++c) {
        INFO(category_names[c]);
        REQUIRE(seen[c] > 0);
        CHECK(with_victim[c] == (has_victim[c] ? seen[c] : 0));
    }
    CHECK_FALSE(has_victim[to_index(incident_category::incivility)]);
    CHECK_FALSE(has_victim[to_index(incident_category::public_service)]);
}

TEST_CASE("witness_begin indexes the witness list", "[incidents]") {
    const auto home = busy_neighbourhood();
    const auto minority = every_tenth_resident();
    std::size_t batches = 0;
    for_each_day(100, minority, home, incident_params{}, [&](const incident_batch& batch) {
        ++batches;
        REQUIRE(batch.witness_begin.size() == batch.size() + 1);
        REQUIRE(batch.victim.size() == batch.size());
        CHECK(batch.witness_begin.front() == 0);
        CHECK(std::is_sorted(batch.witness_begin.begin(), batch.witness_begin.end()));
        CHECK(batch.witness_begin.back() == batch.witnesses.size());
    });
    CHECK(batches == 100);
}

TEST_CASE("generate_incidents replaces the batch and is deterministic", "[incidents]") {
    const auto home = busy_neighbourhood();
    const auto minority = every_tenth_resident();
    incident_batch a;
    incident_batch b;
    const uniform_pool victims(minority);
    stream s1({17, 0}, counter_phase::incidents, 3, 0);
    generate_incidents(victims.pool, home, no_prevention, incident_params{}, s1, a);
    generate_incidents(victims.pool, home, no_prevention, incident_params{}, s1, b);  // fills b
    stream s2({17, 0}, counter_phase::incidents, 3, 0);
    generate_incidents(victims.pool, home, no_prevention, incident_params{}, s2, b);
    CHECK(a.category == b.category);
    CHECK(a.victim == b.victim);
    CHECK(a.witness_begin == b.witness_begin);
    CHECK(a.witnesses == b.witnesses);
}

TEST_CASE("an empty neighbourhood has no incidents", "[incidents]") {
    auto home = busy_neighbourhood();
    home.population = 0;
    incident_batch batch;
    batch.category.push_back(incident_category::serious_crime);  // stale content is cleared
    batch.victim.push_back(1);
    stream s({17, 0}, counter_phase::incidents, 0, 0);
    const uniform_pool victims({}, {5, 5});
    generate_incidents(victims.pool, home, no_prevention, incident_params{}, s, batch);
    CHECK(batch.size() == 0);
    CHECK(batch.victim.empty());
    CHECK(batch.witnesses.empty());
    CHECK(batch.witness_begin == std::vector<std::uint32_t>{0});
}
