#pragma once
// The rules that link one mechanism's events to another's state: which incidents patrols record,
// who complains about an incident, what a report posts to groups and social media, which closed
// report is a good or a bad contact and what a contact does to trust, which reports involve a
// minority for triage, what happens to a report at police intake, who is stopped after a
// suspicious-person report, when a facilitator blocks a rumour, what hearing a rumour does, what
// becomes of a vigilante act, and which police failures a watchdog can record. Pure functions:
// the engine (sim/engine/world.cpp) only calls them in order.

#include <cstdint>
#include <optional>
#include <span>

#include "models/attitudes.hpp"
#include "models/groups.hpp"
#include "models/incidents.hpp"
#include "models/parameters.hpp"
#include "models/random.hpp"
#include "models/reporting.hpp"
#include "models/triage.hpp"
#include "models/vigilantism.hpp"

namespace civicsim::models {

/// Today's incidents as the police and the neighbourhood know them: every incident by category;
/// of the police matters, how many there were and how many patrols discovered. One draw per
/// incident from `s` (whether or not it is a police matter, so the draws do not depend on the mix);
/// a pothole found on patrol goes to the municipality, not into the police's counts.
struct incident_tally {
    per_category<int> by_category{};
    int police_matters = 0;
    int discovered = 0;
};
incident_tally tally_incidents(const incident_batch& batch, double discovery_probability,
                               stream& s);

/// What a report adds to today's posts: a group member tells their group (one post to
/// `group_posts[group]`), and a report by public post is one more post on social media.
void post_report(const report& r, std::uint32_t group, std::span<double> group_posts,
                 double& social_posts) noexcept;

/// Messages a group's facilitator reads today: members' chat plus today's posts.
double facilitator_messages(const group& g, double posts,
                            const group_channel_params& channel) noexcept;

/// Whether a rumour passed from `initiator` to `partner` is blocked: the initiator's facilitator
/// stops it (one draw, when the initiator is in a group), or else, when the partner is in another
/// group, the partner's facilitator answers it (one more draw).
bool rumour_blocked(std::uint32_t initiator, std::uint32_t partner,
                    std::span<const std::uint32_t> group_of, std::span<const group> groups,
                    const moderation_params& p, stream& s);

/// Hearing a rumour raises fear by fear_shock × (1 − fear); a majority member hearing one about
/// the out-group, when prejudice is on, gains prejudice likewise.
void hear_rumour(residents& people, std::uint32_t resident, bool about_outgroup,
                 const rumour_params& rumours, bool prejudice_on) noexcept;

/// Who complains about incident k of a batch: its victim, or else its first witness; `no_index`
/// when nobody noticed it. Fairness counts follow the complainant, and the complainant decides
/// first.
std::uint32_t complainant(const incident_batch& batch, std::size_t k) noexcept;

/// A report about a true incident that is a police matter (not a municipal issue, not a
/// suspicious-person report).
bool genuine_police_matter(const report& r) noexcept;

/// What a closed report is to its reporter, before they judge its fairness: a report handled
/// within its grade's target_hours a good contact, after it a late one; one that expired
/// unanswered, or a genuine police matter dropped by a facilitator, by triage or never seen, a bad
/// one; the rest (routed to municipal services, merged, a non-police report dropped) none.
contact_kind contact_of(const report& r, const police_params& police) noexcept;

/// A report that was answered: handled by the police, or routed to the municipal service by a
/// facilitator or triage.
bool answered(const report& r) noexcept;

/// A police failure a citizen could record: a genuine police matter filtered by triage, or one
/// that expired unanswered.
bool dropped_by_police(const report& r) noexcept;

/// A contact's effect: the reporter's new trust, and the change every member of their group feels
/// (vicarious_weight of the reporter's own change).
struct contact_effect {
    float trust = 0.0F;
    double vicarious = 0.0;
};
contact_effect apply_contact(float trust, contact_kind kind, const trust_params& params) noexcept;

/// Whether triage treats a report as involving a minority (for the classifier's error gap): its
/// reporter belongs to a minority, or it is a suspicious-person or hate-crime report.
bool minority_involved(std::uint8_t reporter_community, incident_category category) noexcept;

/// A report's fate at police intake: a social-media post is seen with probability `pickup` (one
/// draw, only for a filed post), else ignored, unless monitoring officers read it (`read`): then a
/// genuine police matter is a lead and goes on as if seen, with the same draws after the pickup's;
/// a report still filed is triaged. Returns the new status (filed means: queue it), the officer
/// minutes triage took, and whether the report is a lead.
struct intake_result {
    report_status status = report_status::filed;
    double triage_minutes = 0.0;
    bool lead = false;
};
intake_result intake(const report& r, bool minority, double pickup, const filtering_params& p,
                     const recent_incidents& recent, stream& s, bool read = false);

/// The report of a suspicious person by resident `reporter` of `home` about a member of community
/// `target`, by channel `via`, on `day`.
report suspicious_person_report(std::uint32_t reporter, neighbourhood_id home, channel via,
                                std::uint32_t day, std::uint8_t target) noexcept;

/// Who is stopped after a handled suspicious-person report about community `target`: the first
/// member of `target` in the neighbourhood's minority list from a position drawn from `s` (one
/// draw, none if the list is empty); then, when `stop_factor` < 1, a stop happens only with that
/// probability (one more draw). `no_index` when nobody is stopped.
std::uint32_t stopped_resident(std::span<const resident_id> minority,
                               std::span<const std::uint8_t> community, std::uint8_t target,
                               double stop_factor, stream& s);

/// What becomes of a vigilante act: a shaming post by a member of a group whose facilitator removes
/// it (one draw from the moderation stream, only for posts by group members) is removed before
/// anyone sees it; other posts are published; the rest are physical acts.
enum class act_fate : std::uint8_t { removed, posted, physical };
act_fate fate_of(const act& a, const group* own_group, const moderation_params& p,
                 stream& moderation);

}  // namespace civicsim::models
