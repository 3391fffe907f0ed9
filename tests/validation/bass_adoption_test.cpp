// Bass diffusion (Bass 1969) with Sultan, Farley & Lehmann's p = 0.03, q = 0.38 per year: without
// campaigns, new adoptions peak at ln(q/p) / (p + q) years, about 6.2 years.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "models/outreach.hpp"
#include "models/population.hpp"

using namespace civicsim::models;

namespace {

// Day of the peak of new adoptions, in 60-day bins, for one replication.
double peak_day(std::uint64_t seed, std::uint32_t residents, const parameters& params) {
    population pop = allocate_population(params);
    initialise_residents(pop.people, neighbourhood_id{0}, pop.neighbourhoods[0], params, {seed, 0});
    for (auto& f : pop.people.flags) f = resident_flag::literate;  // everyone has access
    constexpr std::uint32_t bin = 60;
    std::vector<std::uint32_t> new_by_bin;
    std::uint32_t adopters = 0;
    for (std::uint32_t day = 0; day < 16 * 365; ++day) {
        const adoption_day today{day, true, static_cast<double>(adopters) / residents};
        update_adoption(pop.people, pop.neighbourhoods[0], neighbourhood_id{0}, today, params);
        const auto now = static_cast<std::uint32_t>(
            std::count_if(pop.people.flags.begin(), pop.people.flags.end(),
                          [](std::uint8_t f) { return (f & resident_flag::adopter) != 0; }));
        if (day / bin >= new_by_bin.size()) new_by_bin.push_back(0);
        new_by_bin[day / bin] += now - adopters;
        adopters = now;
    }
    const auto peak = std::max_element(new_by_bin.begin(), new_by_bin.end()) - new_by_bin.begin();
    return (static_cast<double>(peak) + 0.5) * bin;
}

}  // namespace

TEST_CASE("bass_adoption_peak", "[validation]") {
    parameters params;
    constexpr std::uint32_t residents = 5000;
    params.neighbourhoods.resize(1);
    params.neighbourhoods[0].population = residents;
    const double p = params.adoption.p, q = params.adoption.q;
    REQUIRE(p == 0.03);
    REQUIRE(q == 0.38);
    const double expected_days = std::log(q / p) / (p + q) * 365.0;  // 2,259 days

    std::vector<double> peaks;
    for (std::uint64_t seed = 1; seed <= 6; ++seed)
        peaks.push_back(peak_day(seed, residents, params));
    const auto n = static_cast<double>(peaks.size());
    const double mean = std::accumulate(peaks.begin(), peaks.end(), 0.0) / n;
    double squares = 0.0;
    for (double d : peaks) squares += (d - mean) * (d - mean);
    const double sd = std::sqrt(squares / (n - 1.0));
    // The bin width (60 days) bounds how well one replication can place the peak.
    const double standard_error = std::max(sd, 60.0 / std::sqrt(12.0)) / std::sqrt(n);
    INFO("mean peak day " << mean << ", expected " << expected_days << ", s.e. " << standard_error);
    CHECK(std::abs(mean - expected_days) < 3.0 * standard_error);
}

namespace {

// Share of residents who have adopted at the end of each year, for one replication.
std::vector<double> yearly_adoption(std::uint64_t seed, std::uint32_t residents,
                                    const parameters& params, std::uint32_t years) {
    population pop = allocate_population(params);
    initialise_residents(pop.people, neighbourhood_id{0}, pop.neighbourhoods[0], params, {seed, 0});
    for (auto& f : pop.people.flags) f = resident_flag::literate;  // everyone has access
    std::vector<double> shares;
    std::uint32_t adopters = 0;
    for (std::uint32_t day = 0; day < years * 365; ++day) {
        const adoption_day today{day, true, static_cast<double>(adopters) / residents};
        update_adoption(pop.people, pop.neighbourhoods[0], neighbourhood_id{0}, today, params);
        adopters = static_cast<std::uint32_t>(
            std::count_if(pop.people.flags.begin(), pop.people.flags.end(),
                          [](std::uint8_t f) { return (f & resident_flag::adopter) != 0; }));
        if ((day + 1) % 365 == 0) shares.push_back(static_cast<double>(adopters) / residents);
    }
    return shares;
}

// The largest gap, over the years, between the mean simulated adoption curve and Bass's
// F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}) for the default p = 0.03 and q = 0.38.
double largest_gap_from_bass(const parameters& params) {
    constexpr std::uint32_t residents = 5000, years = 14;
    std::vector<double> mean(years, 0.0);
    constexpr int replications = 4;
    for (std::uint64_t seed = 1; seed <= replications; ++seed) {
        const auto shares = yearly_adoption(seed, residents, params, years);
        for (std::uint32_t y = 0; y < years; ++y) mean[y] += shares[y] / replications;
    }
    const double p = 0.03, q = 0.38;
    double gap = 0.0;
    for (std::uint32_t y = 0; y < years; ++y) {
        const double t = y + 1.0;
        const double e = std::exp(-(p + q) * t);
        const double bass = (1.0 - e) / (1.0 + (q / p) * e);
        gap = std::max(gap, std::abs(mean[y] - bass));
    }
    return gap;
}

parameters bass_town() {
    parameters params;
    params.neighbourhoods.resize(1);
    params.neighbourhoods[0].population = 5000;
    return params;
}

}  // namespace

// The whole S-curve, not only its peak: the share adopted at the end of each of 14 years follows
// Bass's closed form within 0.03 (4 replications of 5,000 residents). Negative control: without
// imitation (q = 0) the same check fails, as adoption then grows like 1 - e^{-pt}.
TEST_CASE("bass_adoption_curve", "[validation]") {
    const double gap = largest_gap_from_bass(bass_town());
    INFO("largest gap from Bass's F(t) over 14 years " << gap);
    CHECK(gap < 0.03);
}

TEST_CASE("negative control: without imitation adoption leaves Bass's curve", "[validation]") {
    auto params = bass_town();
    params.adoption.q = 0.0;
    const double gap = largest_gap_from_bass(params);
    INFO("largest gap from Bass's F(t) without imitation " << gap);
    CHECK_FALSE(gap < 0.03);
}
