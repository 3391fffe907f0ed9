// Reporting by offence type with default parameters: the victims' reporting rates of the surveys
// the defaults come from — CSEW 2009/10 (burglary 0.80, vandalism 0.35) and MOPAC 2015 (hate
// crime: up to 52 % unreported) — within 2 percentage points.

#include <catch2/catch.hpp>

#include <cmath>

#include "models/incidents.hpp"
#include "models/population.hpp"
#include "models/reporting.hpp"

using namespace civicsim::models;

namespace {

struct rate {
    double share;
    double standard_error;
};

// Share of incidents of one category that their victim reports, over many incidents whose
// victims are drawn from a default population.
rate victim_reporting(incident_category category, const parameters& params, const population& pop) {
    const stream_key key{2024, 0};
    const auto range = pop.neighbourhoods[0];
    local_policy local;  // no app, no groups: the survey-era channels
    std::uint32_t reported = 0, incidents = 0;
    std::vector<report> reports;
    std::vector<std::uint8_t> outcomes;
    for (std::uint32_t day = 0; day < 400; ++day) {
        incident_batch batch;
        batch.clear();
        stream s(key, counter_phase::incidents, day, 0);
        for (int k = 0; k < 100; ++k) {
            batch.category.push_back(category);
            batch.victim.push_back(range.begin + static_cast<std::uint32_t>(s.below(range.size())));
            batch.witness_begin.push_back(0);  // victims alone: the survey asks victims
        }
        outcomes.clear();
        decide_reports(batch, pop.people, neighbourhood_id{0}, local,
                       params.neighbourhoods[0].cohesion, params, day, key, 0, reports, outcomes);
        for (const auto o : outcomes) reported += (o & incident_outcome::complainant_reported) != 0;
        incidents += static_cast<std::uint32_t>(outcomes.size());
    }
    const double share = static_cast<double>(reported) / incidents;
    return {share, std::sqrt(share * (1.0 - share) / incidents)};
}

}  // namespace

TEST_CASE("reporting_rates_by_offence_type", "[validation]") {
    parameters params;
    params.neighbourhoods.resize(1);
    params.neighbourhoods[0].population = 20000;
    population pop = allocate_population(params);
    initialise_residents(pop.people, neighbourhood_id{0}, pop.neighbourhoods[0], params, {7, 0});

    const struct {
        incident_category category;
        double survey;
    } cases[] = {
        {incident_category::serious_crime, 0.80},  // CSEW 2009/10, burglary
        {incident_category::minor_offence, 0.35},  // CSEW 2009/10, vandalism
        {incident_category::hate_crime, 0.48},     // MOPAC 2015: up to 52 % unreported
    };
    for (const auto& c : cases) {
        const auto r = victim_reporting(c.category, params, pop);
        INFO(category_names[to_index(c.category)]
             << ": " << r.share << " (s.e. " << r.standard_error << ") vs survey " << c.survey);
        REQUIRE(r.standard_error < 0.005);  // enough incidents that 2 points is 4 s.e.
        CHECK(std::abs(r.share - c.survey) < 0.02);
    }
}
