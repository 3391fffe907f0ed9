#include "models/links.hpp"

#include "models/attitudes.hpp"

namespace civicsim::models {

incident_tally tally_incidents(const incident_batch& batch, double discovery_probability,
                               stream& s) {
    incident_tally t;
    for (const auto c : batch.category) {
        ++t.by_category[to_index(c)];
        const bool discovered = s.bernoulli(discovery_probability);
        if (!is_police_matter(c)) continue;
        ++t.police_matters;
        t.discovered += discovered;
    }
    return t;
}

void post_report(const report& r, std::uint32_t group, std::span<double> group_posts,
                 double& social_posts) noexcept {
    if (group != no_index) group_posts[group] += 1.0;
    if (r.via == channel::social_media) social_posts += 1.0;
}

double facilitator_messages(const group& g, double posts,
                            const group_channel_params& channel) noexcept {
    return g.members * channel.messages_per_member + posts;
}

bool rumour_blocked(std::uint32_t initiator, std::uint32_t partner,
                    std::span<const std::uint32_t> group_of, std::span<const group> groups,
                    const moderation_params& p, stream& s) {
    const auto stopped_by = [&](std::uint32_t resident) {
        const auto g = group_of[resident];
        return g != no_index && stops_rumour(groups[g], p, s);
    };
    return stopped_by(initiator) ||
           (group_of[partner] != group_of[initiator] && stopped_by(partner));
}

void hear_rumour(residents& people, std::uint32_t resident, bool about_outgroup,
                 const rumour_params& rumours, bool prejudice_on) noexcept {
    people.fear[resident] = after_shock(people.fear[resident], rumours.fear_shock);
    if (prejudice_on && about_outgroup && people.community[resident] == 0)
        people.prejudice[resident] =
            after_shock(people.prejudice[resident], rumours.prejudice_shock);
}

std::uint32_t complainant(const incident_batch& batch, std::size_t k) noexcept {
    if (batch.victim[k] != no_index) return batch.victim[k];
    if (batch.witness_begin[k] < batch.witness_begin[k + 1])
        return batch.witnesses[batch.witness_begin[k]];
    return no_index;
}

bool genuine_police_matter(const report& r) noexcept { return is_police_matter(r.category); }

contact_kind contact_of(const report& r, const police_params& police) noexcept {
    switch (r.status) {
        case report_status::handled:
            return r.response_hours <= police.target_hours[to_index(r.category)]
                       ? contact_kind::good
                       : contact_kind::late;
        case report_status::expired: return contact_kind::bad;
        case report_status::moderated:
        case report_status::filtered:
        case report_status::ignored:
            return genuine_police_matter(r) ? contact_kind::bad : contact_kind::none;
        default: return contact_kind::none;
    }
}

bool dropped_by_police(const report& r) noexcept {
    return genuine_police_matter(r) &&
           (r.status == report_status::filtered || r.status == report_status::expired);
}

bool answered(const report& r) noexcept {
    return r.status == report_status::handled || r.status == report_status::routed_municipal;
}

contact_effect apply_contact(float trust, contact_kind kind, const trust_params& params) noexcept {
    const float after = after_contact(trust, kind, params);
    return {after, params.vicarious_weight * (after - trust)};
}

bool minority_involved(std::uint8_t reporter_community, incident_category category) noexcept {
    return reporter_community != 0 || category == incident_category::suspicious_person ||
           category == incident_category::hate_crime;
}

intake_result intake(const report& r, bool minority, double pickup, const filtering_params& p,
                     const recent_incidents& recent, stream& s, bool read) {
    intake_result out{r.status, 0.0, false};
    if (out.status == report_status::filed && r.via == channel::social_media &&
        !s.bernoulli(pickup)) {
        if (read && genuine_police_matter(r))
            out.lead = true;
        else
            out.status = report_status::ignored;
    }
    if (out.status == report_status::filed) {
        const auto decision = triage(r, minority, p, recent, s);
        out.status = decision.status;
        out.triage_minutes = decision.minutes;
    }
    return out;
}

report suspicious_person_report(std::uint32_t reporter, neighbourhood_id home, channel via,
                                std::uint32_t day, std::uint8_t target) noexcept {
    report r;
    r.reporter = resident_id{reporter};
    r.neighbourhood = home;
    r.category = incident_category::suspicious_person;
    r.via = via;
    r.day_filed = static_cast<std::uint16_t>(day);
    r.target_community = target;
    return r;
}

std::uint32_t stopped_resident(std::span<const resident_id> minority,
                               std::span<const std::uint8_t> community, std::uint8_t target,
                               double stop_factor, stream& s) {
    if (minority.empty()) return no_index;
    const auto start = s.below(minority.size());
    // Mechanisms may make stops rarer; at full rate nothing more is drawn.
    if (stop_factor < 1.0 && !s.bernoulli(stop_factor)) return no_index;
    for (std::size_t k = 0; k < minority.size(); ++k) {
        const auto who = index(minority[(start + k) % minority.size()]);
        if (community[who] == target) return who;
    }
    return no_index;
}

act_fate fate_of(const act& a, const group* own_group, const moderation_params& p,
                 stream& moderation) {
    if (!a.shaming_post) return act_fate::physical;
    if (own_group != nullptr && removes_shaming(*own_group, p, moderation))
        return act_fate::removed;
    return act_fate::posted;
}

}  // namespace civicsim::models
