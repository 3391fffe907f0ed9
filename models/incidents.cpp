#include "models/incidents.hpp"

#include <boost/random/poisson_distribution.hpp>

namespace civicsim::models {

void incident_batch::clear() noexcept {
    category.clear();
    victim.clear();
    witness_begin.assign(1, 0);
    witnesses.clear();
}

void add_incident(incident_batch& batch, incident_category category, std::uint32_t victim) {
    batch.category.push_back(category);
    batch.victim.push_back(victim);
    batch.witness_begin.push_back(static_cast<std::uint32_t>(batch.witnesses.size()));
}

per_category<double> expected_incidents(const neighbourhood_params& home,
                                        const per_category<double>& factor) noexcept {
    per_category<double> expected{};
    for (std::size_t c = 0; c < category_count; ++c)
        expected[c] =
            home.incident_rate[c] * factor[c] * home.population / per_thousand / days_per_year;
    return expected;
}

namespace {

int poisson(double mean, stream& s) {
    if (mean <= 0.0) return 0;
    return boost::random::poisson_distribution<int, double>(mean)(s);
}

}  // namespace

void generate_incidents(const victim_pool& pool, const neighbourhood_params& home,
                        const per_category<double>& factor, const incident_params& params,
                        stream& s, incident_batch& out) {
    out.clear();
    const auto range = pool.range;
    if (range.size() == 0) return;
    const auto expected = expected_incidents(home, factor);
    for (std::size_t c = 0; c < category_count; ++c) {
        const auto category = static_cast<incident_category>(c);
        const int count = poisson(expected[c], s);
        for (int k = 0; k < count; ++k) {
            std::uint32_t victim = no_index;
            if (category == incident_category::hate_crime) {
                if (pool.minority->empty()) continue;  // no one here for a hate crime to target
                victim = pool.minority->draw(s);
            } else if (has_victim[c]) {
                victim = pool.everyone->draw(s);
            }
            out.category.push_back(category);
            out.victim.push_back(victim);
            const int witness_count = poisson(params.witnesses_mean[c], s);
            for (int w = 0; w < witness_count; ++w)
                out.witnesses.push_back(range.begin +
                                        static_cast<std::uint32_t>(s.below(range.size())));
            out.witness_begin.push_back(static_cast<std::uint32_t>(out.witnesses.size()));
        }
    }
}

}  // namespace civicsim::models
