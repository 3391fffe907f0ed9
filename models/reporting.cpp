#include "models/reporting.hpp"

#include <cmath>

#include "models/outreach.hpp"

namespace civicsim::models {

channel choose_channel(std::uint8_t flags, std::uint8_t language, const app_params& app,
                       std::uint32_t day) noexcept {
    const bool usable = (flags & resident_flag::adopter) != 0 && app_live(app, day) &&
                        has_app_access(flags, language, app);
    return usable ? channel::app : channel::phone_desk;
}

namespace {

double logit(double p) { return std::log(p / (1.0 - p)); }
double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace

double reporting_probability(incident_category c, double trust, const neighbourhood_params& home,
                             channel via, const reporting_params& params) noexcept {
    double x = logit(params.base_rate[to_index(c)]);
    x += params.trust_effect * (trust - params.reference_trust);
    x += params.cohesion_effect * (home.cohesion - params.reference_cohesion);
    x -= params.deprivation_effect * (home.deprivation - params.reference_deprivation);
    if (via == channel::app) x += params.app_uplift;
    return logistic(x);
}

std::size_t decide_reports(const incident_batch& batch, const residents& people,
                           neighbourhood_id home, const parameters& params, std::uint32_t day,
                           stream_key key, std::vector<report>& out) {
    const auto& where = params.neighbourhoods[index(home)];
    const auto before = out.size();
    for (std::size_t k = 0; k < batch.size(); ++k) {
        stream s(key, phase::reporting, day, (std::uint64_t{index(home)} << 32) | k);
        const auto category = batch.category[k];
        const std::uint32_t* w = batch.witnesses.data() + batch.witness_begin[k];
        const std::uint32_t* w_end = batch.witnesses.data() + batch.witness_begin[k + 1];
        // The complainant: the victim, or the first to notice a victimless incident.
        std::uint32_t first = batch.victim[k];
        if (first == no_one) {
            if (w == w_end) continue;  // nobody noticed it
            first = *w++;
        }
        const auto decide = [&](std::uint32_t who, double factor) {
            const auto via = choose_channel(people.flags[who], people.language[who],
                                            params.channels.app, day);
            const double p =
                factor * reporting_probability(category, people.trust[who], where, via, params.reporting);
            if (!s.bernoulli(p)) return false;
            out.push_back({resident_id{who}, home, category, via, report_status::filed,
                           static_cast<std::uint16_t>(day), 0, 0.0F});
            return true;
        };
        if (decide(first, 1.0)) continue;
        for (; w != w_end; ++w)
            if (*w != first && decide(*w, params.reporting.witness_factor)) break;
    }
    return out.size() - before;
}

}  // namespace civicsim::models
