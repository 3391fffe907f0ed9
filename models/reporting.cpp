#include "models/reporting.hpp"

#include <algorithm>
#include <cmath>

#include "models/languages.hpp"
#include "models/links.hpp"
#include "models/outreach.hpp"
#include "models/streams.hpp"

namespace civicsim::models {

channel_choice choose_channel(std::uint8_t flags, std::uint8_t language, bool in_group,
                              const local_policy& local, const parameters& params, stream& s) {
    if (in_group && local.groups) return {channel::group, 1.0};
    if ((flags & resident_flag::adopter) != 0 && local.app &&
        has_app_access(flags, language, params.channels.app))
        return {channel::app, 1.0};
    const auto& social = params.channels.social_media;
    if (social.enabled && (flags & resident_flag::social_media) != 0 &&
        s.bernoulli(social.report_share))
        return {channel::social_media, (flags & resident_flag::monitored) != 0
                                           ? chilled_access(params_of<intelligence>(params))
                                           : 1.0};
    const auto& desk = params.channels.phone_desk;
    return {channel::phone_desk,
            supports(desk.languages, language) ? 1.0 : desk.unsupported_factor};
}

namespace {

double logit(double p) { return std::log(p / (1.0 - p)); }
double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace

double reporting_probability(incident_category c, double trust, double cohesion, double deprivation,
                             channel via, const reporting_params& params) noexcept {
    double x = logit(params.base_rate[to_index(c)]);
    x += params.trust_effect * (trust - params.reference_trust);
    x += params.cohesion_effect * (cohesion - params.reference_cohesion);
    x -= params.deprivation_effect * (deprivation - params.reference_deprivation);
    if (via == channel::app || via == channel::group) x += params.app_uplift;
    return logistic(x);
}

std::size_t decide_reports(const incident_batch& batch, const residents& people,
                           neighbourhood_id home, const local_policy& local, double cohesion,
                           const parameters& params, std::uint32_t day, stream_key key,
                           std::uint32_t first_incident, std::vector<report>& out,
                           std::vector<std::uint8_t>& outcomes) {
    const double deprivation = params.neighbourhoods[index(home)].deprivation;
    const auto before = out.size();
    for (std::size_t k = 0; k < batch.size(); ++k) {
        stream s = streams::report_decisions.open(key, day, (std::uint64_t{index(home)} << 32) | k);
        const auto category = batch.category[k];
        const std::uint32_t* w = batch.witnesses.data() + batch.witness_begin[k];
        const std::uint32_t* w_end = batch.witnesses.data() + batch.witness_begin[k + 1];
        std::uint8_t outcome = 0;
        // The complainant decides first (models/links.hpp); a witness who complains is not asked
        // again as a witness.
        const std::uint32_t first = complainant(batch, k);
        if (first == no_index) {  // nobody noticed it
            outcomes.push_back(outcome);
            continue;
        }
        if (batch.victim[k] == no_index) ++w;
        const auto decide = [&](std::uint32_t who, double factor) {
            const auto choice = choose_channel(people.flags[who], people.language[who],
                                               people.group[who] != no_index, local, params, s);
            const double p = factor * choice.access *
                             reporting_probability(category, people.trust[who], cohesion,
                                                   deprivation, choice.via, params.reporting);
            if (!s.bernoulli(p)) return false;
            report r;
            r.reporter = resident_id{who};
            r.neighbourhood = home;
            r.category = category;
            r.via = choice.via;
            r.day_filed = static_cast<std::uint16_t>(day);
            r.incident = first_incident + static_cast<std::uint32_t>(k);
            out.push_back(r);
            return true;
        };
        if (decide(first, 1.0))
            outcome |= incident_outcome::reported | incident_outcome::complainant_reported;
        // Witnesses are drawn with replacement: each person decides once, at their first listing.
        const std::uint32_t* listed = batch.witnesses.data() + batch.witness_begin[k];
        for (; w != w_end; ++w) {
            if (*w == first || std::find(listed, w, *w) != w) continue;
            if (decide(*w, params.reporting.witness_factor)) outcome |= incident_outcome::reported;
        }
        outcomes.push_back(outcome);
    }
    return out.size() - before;
}

}  // namespace civicsim::models
