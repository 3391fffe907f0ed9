#include "sim/engine/world.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "models/attitudes.hpp"
#include "models/clocks.hpp"
#include "models/information.hpp"
#include "models/languages.hpp"
#include "models/outreach.hpp"
#include "models/passes.hpp"
#include "models/prejudice.hpp"
#include "models/streams.hpp"
#include "models/vigilantism.hpp"

namespace civicsim::sim {

using models::daily_metric;
using models::group_metric;
using models::report_status;
namespace flag = models::resident_flag;

namespace {

/// Runs body(i) for i in [0, n) as TBB tasks, one index per task.
template <class Body>
void for_each_index(std::size_t n, const Body& body) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                          for (std::size_t i = r.begin(); i != r.end(); ++i) body(i);
                      },
                      tbb::simple_partitioner());
}

constexpr std::size_t metric_index(daily_metric m) { return static_cast<std::size_t>(m); }

/// Officer hours per day in the whole scenario, before they are split between duties.
double officer_hours(const models::parameters& p) {
    return static_cast<double>(models::total_population(p)) / p.police.residents_per_officer *
           p.police.officer_hours_per_day;
}

bool genuine_police_matter(const models::report& r) { return models::is_police_matter(r.category); }

/// How many of n residents have each counted flag bit set. Run once per stratum at construction
/// and for each resident whose flags changed (the kept tally), so a plain loop.
flag_counts count_flags(const std::uint8_t* flags, std::size_t n) {
    static_assert(flag::literate == 1U << 0 && flag::aware == 1U << 1 && flag::adopter == 1U << 2 &&
                  flag::volunteer == 1U << 4);
    flag_counts c;
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint32_t f = flags[k];
        c.literate += f & 1U;
        c.aware += (f >> 1) & 1U;
        c.adopters += (f >> 2) & 1U;
        c.volunteers += (f >> 4) & 1U;
        c.literate_adopters += f & (f >> 2) & 1U;
    }
    return c;
}

/// Sum of n values in [0, 1]: in float over chunks of 256, in vector lanes of at most 64 values
/// (so that the rounding stays near float's own), then in double. A size_t index from 0 keeps
/// the loads contiguous for the vectoriser.
double sum_of(const float* x, std::size_t n) {
    double sum = 0.0;
    for (std::size_t c = 0; c < n; c += 256) {
        const float* const chunk = x + c;
        const std::size_t m = std::min<std::size_t>(256, n - c);
        float partial = 0.0F;
#pragma omp simd reduction(+ : partial)
        for (std::size_t j = 0; j < m; ++j) partial += chunk[j];
        sum += partial;
    }
    return sum;
}

}  // namespace

world::world(std::shared_ptr<const models::parameters> params, models::stream_key key)
    : params_(std::move(params)),
      key_(key),
      communities_(std::max<std::size_t>(1, params_->scenario.communities.size())),
      pop_(models::allocate_population(*params_)),
      queue_(params_->police,
             models::effective_priority(params_->police, params_->policy.filtering.mode)),
      recent_(params_->policy.filtering.duplicate_window_days),
      patrol_(models::initial_patrol_state(params_->neighbourhoods.size())),
      last_vote_(models::empty_vote(params_->neighbourhoods.size())) {
    const auto& p = *params_;
    if (p.scenario.days > std::numeric_limits<std::uint16_t>::max() - 1)
        throw std::invalid_argument("world: days must fit the 16-bit day stamps of reports");
    const std::size_t n = p.neighbourhoods.size();
    hoods_.resize(n);
    for (std::size_t h = 0; h < n; ++h) {
        const auto range = pop_.neighbourhoods[h];
        hoods_[h].first_block = blocks_.size();
        for (std::uint32_t b = range.begin; b < range.end; b += block_size)
            blocks_.push_back({static_cast<std::uint16_t>(h), {b, std::min(range.end, b + block_size)}, {}, {}, 0});
    }
    tallies_.resize(blocks_.size());
    block_reports_.resize(blocks_.size());
    for (std::size_t h = 0; h < n; ++h) {
        auto& hood = hoods_[h];
        hood.cohesion = p.neighbourhoods[h].cohesion;
        hood.groups.by_neighbourhood.resize(n);
        hood.community_counts.assign(communities_, {});
        hood.interventions_today.assign(communities_, 0);
        hood.mechanism_metrics.assign(models::daily_metrics().size() - models::core_daily_metric_count, 0.0F);
    }
    totals_.interventions_by_community.assign(communities_, 0.0);
    hours_by_neighbourhood_.assign(n, 0.0);
    non_police_hours_.assign(n, 0.0);
    open_by_neighbourhood_.assign(n, 0);
    adopter_share_.assign(n, 0.0);
    last_day_.assign(models::daily_metrics().size() * n, 0.0F);
    by_community_.assign(models::group_metric_count * n * communities_, 0.0F);
    by_age_band_.assign(models::group_metric_count * n * models::age_band_count, 0.0F);

    // Each block is sorted into strata (a relabelling of its residents, fixed by the block size,
    // not by the threads), so that the daily passes run over long runs of alike residents.
    for_each_index(blocks_.size(), [&](std::size_t b) {
        auto& blk = blocks_[b];
        models::initialise_residents(pop_.people, models::neighbourhood_id{blk.neighbourhood},
                                     blk.range, p, key_);
        models::sort_into_strata(pop_.people, blk.range);
        blk.strata = models::strata_of(pop_.people, blk.range);
        for (auto i = blk.range.begin; i < blk.range.end; ++i)
            blk.social_media_users += (pop_.people.flags[i] & flag::social_media) != 0 ? 1U : 0U;
    });
    models::index_minority_members(pop_);
    tallied_trust_ = pop_.people.trust;
    tallied_flags_ = pop_.people.flags;
    kept_.resize(blocks_.size());
    for_each_index(blocks_.size(), [&](std::size_t b) { tally_afresh(b); });
}

void world::step() {
    if (day_ >= std::numeric_limits<std::uint16_t>::max() - 1)
        throw std::out_of_range("world: no more days fit the 16-bit day stamps of reports");
    using member = void (world::*)();
    static constexpr std::array<member, phase_count> phases{
        &world::policy_phase,     &world::outreach_phase, &world::group_phase,
        &world::incident_phase,   &world::information_phase, &world::moderation_phase,
        &world::intake_phase,     &world::response_phase, &world::mechanism_phase,
        &world::attitude_phase,   &world::record};
    for (std::size_t k = 0; k < phase_count; ++k) {
        const auto start = std::chrono::steady_clock::now();
        (this->*phases[k])();
        phase_seconds_[k] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    ++day_;
}

// Rollout, and the patrol hours of the day: allocation mode, blended with the last vote.
void world::policy_phase() {
    const auto& p = *params_;
    std::vector<std::uint32_t> populations;
    for (const auto& h : p.neighbourhoods) populations.push_back(h.population);
    // The last consultation's vote (if any was held) steers part of the hours.
    const auto shares = models::blend_patrol_shares(
        models::patrol_shares(patrol_, populations, p.police.patrol), last_vote_,
        p.policy.participation.patrol_vote_share);
    const double patrol_hours = officer_hours(p) * p.police.patrol_share;
    for (std::size_t h = 0; h < hoods_.size(); ++h) {
        auto& hood = hoods_[h];
        hood.policy = models::policy_on(p, models::neighbourhood_id{static_cast<std::uint16_t>(h)}, day_);
        hood.patrol_hours = shares[h] * patrol_hours;
        hood.discovery_probability =
            models::discovery_probability(hood.patrol_hours, populations[h], p.police.patrol);
    }
}

// Awareness and adoption of the app; fear and prejudice turned into suspicious-person reports.
void world::outreach_phase() {
    const auto& p = *params_;
    for_each_index(blocks_.size(), [&](std::size_t b) {
        const auto& blk = blocks_[b];
        const auto& hood = hoods_[blk.neighbourhood];
        const auto home = models::neighbourhood_id{blk.neighbourhood};
        const models::adoption_day today{day_, hood.policy.app, adopter_share_[blk.neighbourhood]};
        models::update_adoption(pop_.people, blk.strata, home, today, p);

        auto& out = block_reports_[b];
        out.clear();
        if (!p.prejudice.enabled) return;
        auto& people = pop_.people;
        const auto& shares = p.neighbourhoods[blk.neighbourhood].community_shares;
        // Out-group suspicion of the majority, on each resident's suspicion clock: the clocks of
        // majority strata are spent in vectorised passes, and the few that ran out report.
        const models::prejudice_params law = p.prejudice;  // a local copy: the loop vectorises
        for (const auto& st : blk.strata) {
            if (st.community != 0) continue;  // a minority member's hazard is 0
            const std::uint32_t begin = st.range.begin, n = st.range.size();
            float* const clock = people.suspicion_clock.data() + begin;
            const float* const fear = people.fear.data() + begin;
            const float* const prejudice = people.prejudice.data() + begin;
            const auto hazard = [&](std::size_t k) {
                return models::suspicion_hazard(fear[k], prejudice[k], 0, law);
            };
            models::spend_run(clock, n, hazard, [&](std::size_t k) {
                const auto i = begin + static_cast<std::uint32_t>(k);
                auto s = models::streams::suspicion.open(key_, day_, i);
                people.suspicion_clock[i] = models::exponential_threshold(s);
                const auto target = models::target_of_suspicion(shares, s);
                if (target == 0) return;
                const auto choice = models::choose_channel(people.flags[i], people.language[i],
                                                           people.group[i] != models::no_index,
                                                           hood.policy, p, s);
                models::report r;
                r.reporter = models::resident_id{i};
                r.neighbourhood = home;
                r.category = models::incident_category::suspicious_person;
                r.via = choice.via;
                r.day_filed = static_cast<std::uint16_t>(day_);
                r.target_community = target;
                out.push_back(r);
            });
        }
    });
}

// Joining groups, group activities, Deffuant encounters and consultations, per neighbourhood.
void world::group_phase() {
    const auto& p = *params_;
    const bool consultation = models::consultation_day(day_, p.policy.participation);
    if (consultation) last_vote_ = models::empty_vote(hoods_.size());
    for_each_index(hoods_.size(), [&](std::size_t h) {
        auto& hood = hoods_[h];
        const auto home = models::neighbourhood_id{static_cast<std::uint16_t>(h)};
        const auto range = pop_.neighbourhoods[h];
        auto& people = pop_.people;
        // Members lists grow with today's joiners, in the order they joined: no scan of everyone.
        hood.joined.clear();
        hood.training_hours = models::join_groups(people, range, home, hood.groups, day_,
                                                  hood.policy.groups, hood.policy.facilitators,
                                                  p.channels.groups, p.policy.moderation, key_,
                                                  &hood.joined);
        hood.members.resize(hood.groups.groups.size());
        for (const auto i : hood.joined) {
            hood.members[people.group[i]].push_back(i);
            blocks_[hood.first_block + (i - range.begin) / block_size].members.push_back(i);
        }
        hood.participants = 0;
        if (consultation && hood.policy.participation) {
            models::take_part(people, range, home, day_, p.channels.app.languages, p, key_, last_vote_);
            hood.participants = static_cast<int>(last_vote_.participants[h]);
        }
        const auto groups = hood.groups.groups.size();
        hood.social_posts = 0.0;
        hood.interventions = 0;
        hood.group_posts.assign(groups, 0.0);
        hood.group_trust_delta.assign(groups, 0.0);
        if (groups == 0) return;
        hood.cohesion_gain = models::group_activities(people, hood.members, hood.groups, range.size(),
                                                      day_, p.policy.moderation, key_);
        hood.cohesion = std::min(1.0, hood.cohesion + hood.cohesion_gain);
        if (p.prejudice.enabled)
            for (std::size_t g = 0; g < groups; ++g) {
                auto s = models::streams::deffuant.open(key_, day_, (h << 24) | g);
                models::deffuant_day(hood.members[g], people.prejudice, p.prejudice, s);
            }
    });
}

// True incidents, their discovery by patrols, the reports they lead to, and victims' fear.
void world::incident_phase() {
    const auto& p = *params_;
    for_each_index(hoods_.size(), [&](std::size_t h) {
        auto& hood = hoods_[h];
        const auto home = models::neighbourhood_id{static_cast<std::uint16_t>(h)};
        auto& people = pop_.people;
        auto s = models::streams::incidents.open(key_, day_, h);
        models::generate_incidents(pop_.neighbourhoods[h], pop_.minority_members[h],
                                   p.neighbourhoods[h], p.incidents, s, hood.incidents);
        const auto& batch = hood.incidents;
        hood.incident_counts = {};
        hood.discovered = 0;
        for (const auto c : batch.category) {
            ++hood.incident_counts[models::to_index(c)];
            const bool discovered = s.bernoulli(hood.discovery_probability);
            // Patrols record police matters; a pothole found on patrol goes elsewhere.
            if (!models::is_police_matter(c)) continue;
            ++hood.true_police_incidents;
            hood.discovered += discovered;
        }
        hood.new_reports.clear();
        hood.outcomes.clear();
        models::decide_reports(batch, people, home, hood.policy, hood.cohesion, p, day_, key_, 0,
                               hood.new_reports, hood.outcomes);
        hood.reported_incidents = hood.reported_police_incidents = 0;
        for (std::size_t k = 0; k < batch.size(); ++k) {
            const bool reported = (hood.outcomes[k] & models::incident_outcome::reported) != 0;
            hood.reported_incidents += reported;
            hood.reported_police_incidents += reported && models::is_police_matter(batch.category[k]);
            // Fairness counts follow the complainant: the victim, or the first witness.
            std::uint32_t complainant = batch.victim[k];
            if (complainant == models::no_index && batch.witness_begin[k] < batch.witness_begin[k + 1])
                complainant = batch.witnesses[batch.witness_begin[k]];
            if (complainant == models::no_index) continue;
            for (auto* counts : {&hood.community_counts[people.community[complainant]],
                                 &hood.band_counts[models::to_index(people.age[complainant])]}) {
                ++counts->incidents;
                counts->reported += reported;
            }
        }
        models::apply_incidents(batch, people, day_, p.fear);
        // Suspicious-person reports of the neighbourhood's blocks follow its incident reports.
        for (std::size_t b = 0; b < blocks_.size(); ++b)
            if (blocks_[b].neighbourhood == h)
                hood.new_reports.insert(hood.new_reports.end(), block_reports_[b].begin(),
                                        block_reports_[b].end());
    });
}

// Rumours spread among the neighbourhood's online residents; spreaders over Epstein's threshold
// post shaming messages or act; facilitators stop rumours and remove posts in their groups.
void world::information_phase() {
    const auto& p = *params_;
    const double online_per_1000 =
        officer_hours(p) * p.police.online_share * models::per_thousand / static_cast<double>(models::total_population(p));
    for_each_index(hoods_.size(), [&](std::size_t h) {
        auto& hood = hoods_[h];
        auto& people = pop_.people;
        const auto range = pop_.neighbourhoods[h];
        hood.rumours_started = hood.shaming_posts = hood.shaming_removed = 0;
        hood.rumour_ended = false;
        hood.vigilante_acts = hood.acts_on_innocents = 0;
        hood.newly_heard.clear();
        if (!p.rumours.enabled || range.size() == 0) return;
        auto s = models::streams::rumour.open(key_, day_, h);
        auto moderation = models::streams::rumour_moderation.open(key_, day_, h);
        auto& r = hood.rumour;
        const std::span<models::rumour_state> states(people.rumour);
        if (!r.active && models::maybe_start_rumour(r, range.size(), day_, p.rumours, s)) {
            models::collect_audience(people, range, hood.audience);
            if (!p.channels.social_media.enabled)  // then only groups carry rumours
                std::erase_if(hood.audience,
                              [&](std::uint32_t i) { return people.group[i] == models::no_index; });
            if (models::seed_rumour(r, states, range, hood.audience, s)) ++hood.rumours_started;
            else r.active = false;
        }
        if (!r.active) return;
        // A facilitator stops a rumour that a member of their group posts (whoever it would
        // reach), and answers it when it reaches a member (whoever passed it on).
        const auto stopped_by = [&](std::uint32_t resident) {
            const auto g = people.group[resident];
            return g != models::no_index &&
                   models::stops_rumour(hood.groups.groups[g], p.policy.moderation, moderation);
        };
        const auto blocked = [&](std::uint32_t initiator, std::uint32_t partner) {
            return stopped_by(initiator) ||
                   (people.group[partner] != people.group[initiator] && stopped_by(partner));
        };
        const auto day = models::spread_rumour(r, states, hood.audience, day_, online_per_1000,
                                               p.rumours, s, blocked, hood.newly_heard);
        for (const auto i : hood.newly_heard) {
            people.fear[i] = models::after_shock(people.fear[i], p.rumours.fear_shock);
            if (p.prejudice.enabled && r.about_outgroup && people.community[i] == 0)
                people.prejudice[i] = models::after_shock(people.prejudice[i], p.rumours.prejudice_shock);
        }
        if (p.vigilantism.enabled) {
            const double per_1000 = models::per_thousand / range.size();
            const double arrest = models::arrest_probability(
                hood.patrol_hours * per_1000, r.spreaders * per_1000, p.vigilantism);
            for (const auto i : hood.audience) {
                if (people.rumour[i] != models::rumour_state::spreader) continue;
                auto act_stream = models::streams::vigilante_act.open(key_, day_, i);
                const auto act = models::maybe_act(people.fear[i], people.trust[i], arrest,
                                                   r.is_false, p.vigilantism, act_stream);
                if (!act) continue;
                if (act->shaming_post) {
                    const auto g = people.group[i];
                    if (g != models::no_index &&
                        models::removes_shaming(hood.groups.groups[g], p.policy.moderation, moderation)) {
                        ++hood.shaming_removed;  // removed before members see it
                        continue;
                    }
                    ++hood.shaming_posts;
                    if (g != models::no_index) hood.group_posts[g] += 1.0;
                    if (p.channels.social_media.enabled) hood.social_posts += 1.0;
                } else {
                    ++hood.vigilante_acts;
                }
                hood.acts_on_innocents += act->on_innocent;
            }
        }
        hood.rumour_ended = day.ended;
        if (day.ended) {
            hood.rumour_days = day.ended_day - r.started_day;
            hood.rumour_reach = static_cast<double>(r.heard) / range.size();
        }
    });
}

// Facilitators read their groups' reports: forward, drop, or route to municipal services.
void world::moderation_phase() {
    const auto& p = *params_;
    for_each_index(hoods_.size(), [&](std::size_t h) {
        auto& hood = hoods_[h];
        auto& people = pop_.people;
        for (std::size_t k = 0; k < hood.new_reports.size(); ++k) {
            auto& rep = hood.new_reports[k];
            const auto who = models::index(rep.reporter);
            const auto g = people.group[who];
            if (g != models::no_index) hood.group_posts[g] += 1.0;  // members tell their group
            if (rep.via == models::channel::social_media) hood.social_posts += 1.0;
            if (rep.via != models::channel::group) continue;
            auto s = models::streams::report_moderation.open(key_, day_, (std::uint64_t{h} << 32) | k);
            rep.status = models::moderate(rep.category, hood.groups.groups[g], p.policy.moderation, s);
        }
        for (std::size_t g = 0; g < hood.groups.groups.size(); ++g) {
            auto& grp = hood.groups.groups[g];
            if (!grp.facilitated) continue;
            const double messages =
                grp.members * p.channels.groups.messages_per_member + hood.group_posts[g];
            const auto facilitator = grp.facilitator;
            if (models::end_facilitator_day(grp, messages, p.policy.moderation))
                people.flags[facilitator] &= static_cast<std::uint8_t>(~flag::facilitator);
            hood.group_trust_delta[g] += models::answered_trust_gain(grp, p.policy.moderation);
        }
    });
}

// Police intake, serially: today's reports in a random order, social-media pickup, triage, queue.
void world::intake_phase() {
    const auto& p = *params_;
    const auto first_new = static_cast<std::uint32_t>(reports_.size());
    // Incident numbers were counted per neighbourhood; make them run-wide.
    for (auto& hood : hoods_) {
        for (auto rep : hood.new_reports) {
            if (rep.incident != models::no_index) rep.incident += next_incident_;
            reports_.push_back(rep);
        }
        next_incident_ += static_cast<std::uint32_t>(hood.incidents.size());
        hood.triage_hours = 0.0;
        if (hood.rumour_ended) {
            totals_.rumour_days += hood.rumour_days;
            totals_.rumour_reach += hood.rumour_reach;
            ++totals_.rumours_ended;
        }
    }
    // Neither the neighbourhoods' order in the file nor which task finished first decides who
    // waits: the day's reports join in an order drawn from the city's police stream.
    auto order = models::streams::intake_order.open(key_, day_, 0);
    for (auto i = static_cast<std::uint32_t>(reports_.size()); i > first_new + 1; --i) {
        const auto j = first_new + static_cast<std::uint32_t>(order.below(i - first_new));
        std::swap(reports_[i - 1], reports_[j]);
    }

    const double online_per_1000 =
        officer_hours(p) * p.police.online_share * models::per_thousand / static_cast<double>(models::total_population(p));
    const double pickup = -std::expm1(-p.channels.social_media.pickup_per_online_hour * online_per_1000);
    closed_at_intake_.clear();
    recent_.forget_before(day_ >= p.policy.filtering.duplicate_window_days
                              ? day_ - p.policy.filtering.duplicate_window_days
                              : 0);
    const auto& people = pop_.people;
    for (auto r = first_new; r < reports_.size(); ++r) {
        auto& rep = reports_[r];
        auto& hood = hoods_[models::index(rep.neighbourhood)];
        auto s = models::streams::triage.open(key_, day_, r);
        if (rep.status == report_status::filed && rep.via == models::channel::social_media &&
            !s.bernoulli(pickup))
            rep.status = report_status::ignored;
        if (rep.status == report_status::filed) {
            const bool minority_involved =
                people.community[models::index(rep.reporter)] != 0 ||
                rep.category == models::incident_category::suspicious_person ||
                rep.category == models::incident_category::hate_crime;
            const auto decision = models::triage(rep, minority_involved, p.policy.filtering, recent_, s);
            rep.status = decision.status;
            hood.triage_hours += decision.minutes / 60.0;
        }
        if (rep.status == report_status::filed) {
            queue_.enqueue(reports_, r);
            if (rep.incident != models::no_index) recent_.record(rep.incident, day_);
            ++open_by_neighbourhood_[models::index(rep.neighbourhood)];
        } else {
            rep.day_closed = static_cast<std::uint16_t>(day_);
            closed_at_intake_.push_back(r);
        }
    }
}

// An officer acts on a suspicious-person report: the person stopped is an innocent member of the
// community described, and the whole community in the neighbourhood hears of it.
void world::intervene_on_innocent(std::uint32_t report_index) {
    const auto& rep = reports_[report_index];
    const auto h = models::index(rep.neighbourhood);
    auto& hood = hoods_[h];
    const auto& minority = pop_.minority_members[h];
    // The person stopped: the first minority member of the community after a position drawn from
    // the report's own stream.
    auto s = models::streams::innocent_stop.open(key_, day_, report_index);
    if (minority.empty()) return;
    const auto start = s.below(minority.size());
    // Mechanisms may make stops rarer (a corrective action, say); at full rate nothing is drawn.
    if (hood.effects.innocent_stop_factor < 1.0 && !s.bernoulli(hood.effects.innocent_stop_factor))
        return;
    for (std::size_t k = 0; k < minority.size(); ++k) {
        const auto who = models::index(minority[(start + k) % minority.size()]);
        if (pop_.people.community[who] != rep.target_community) continue;
        ++hood.community_counts[rep.target_community].interventions;
        ++hood.band_counts[models::to_index(pop_.people.age[who])].interventions;
        ++hood.interventions_today[rep.target_community];
        ++hood.interventions;
        totals_.interventions_by_community[rep.target_community] += 1.0;
        return;
    }
}

// Officers work the queue; every closed report is a contact that moves its reporter's trust, and
// group members feel a share of it.
void world::response_phase() {
    const auto& p = *params_;
    std::fill(hours_by_neighbourhood_.begin(), hours_by_neighbourhood_.end(), 0.0);
    std::fill(non_police_hours_.begin(), non_police_hours_.end(), 0.0);
    double triage_hours = 0.0;
    for (const auto& hood : hoods_) triage_hours += hood.triage_hours;
    closed_today_.clear();
    const double capacity = models::report_hours_per_day(p);
    const auto result = queue_.work(reports_, day_, std::max(0.0, capacity - triage_hours),
                                    closed_today_, hours_by_neighbourhood_);
    totals_.report_hours_available += capacity;
    totals_.report_hours_used += result.hours_used + triage_hours;

    auto& people = pop_.people;
    const auto contact = [&](const models::report& rep, bool positive) {
        const auto who = models::index(rep.reporter);
        const float before = people.trust[who];
        people.trust[who] = models::after_contact(before, positive, p.trust);
        const auto g = people.group[who];
        if (g != models::no_index)
            hoods_[models::index(rep.neighbourhood)].group_trust_delta[g] +=
                p.trust.vicarious_weight * (people.trust[who] - before);
    };
    for (auto& hood : hoods_) hood.dropped_reports = 0;
    for (const auto r : closed_at_intake_) {
        const auto& rep = reports_[r];
        // A police matter dropped or never seen is an ignored report; the rest leave no mark.
        if (genuine_police_matter(rep) &&
            (rep.status == report_status::moderated || rep.status == report_status::filtered ||
             rep.status == report_status::ignored))
            contact(rep, false);
        if (genuine_police_matter(rep) && rep.status == report_status::filtered)
            ++hoods_[models::index(rep.neighbourhood)].dropped_reports;
    }
    for (const auto r : closed_today_) {
        const auto& rep = reports_[r];
        const auto h = models::index(rep.neighbourhood);
        --open_by_neighbourhood_[h];
        if (rep.status == report_status::handled) {
            if (!models::is_police_matter(rep.category)) {
                const double hours = p.police.handling_hours[models::to_index(rep.category)];
                non_police_hours_[h] += hours;
                totals_.non_police_hours += hours;
            }
            if (rep.category == models::incident_category::suspicious_person) intervene_on_innocent(r);
        }
        if (genuine_police_matter(rep) && rep.status == report_status::expired) ++hoods_[h].dropped_reports;
        contact(rep, rep.status == report_status::handled);
    }

    // Patrols learn from today's recorded incidents (Ensign et al. 2018).
    std::vector<int> discovered, reported;
    std::vector<double> probability;
    for (const auto& hood : hoods_) {
        discovered.push_back(hood.discovered);
        reported.push_back(hood.reported_police_incidents);
        probability.push_back(hood.discovery_probability);
    }
    models::record_day(patrol_, discovered, reported, probability, p.police.patrol);
}

// The mechanisms of models/mechanisms.hpp, neighbourhood by neighbourhood, in list order: each that
// is on reads the day's events, updates its state and the residents, writes its daily outcomes
// and sets what it exerts on the following days. Skipped when every mechanism is off: their
// outcomes then stay 0.
void world::mechanism_phase() {
    const auto& p = *params_;
    bool any_on = false;
    models::for_each_mechanism(models::all_mechanisms{}, [&]<class M, std::size_t I>() {
        any_on = any_on || models::params_of<M>(p).enabled;
    });
    if (!any_on) return;
    for_each_index(hoods_.size(), [&](std::size_t h) {
        auto& hood = hoods_[h];
        std::fill(hood.mechanism_metrics.begin(), hood.mechanism_metrics.end(), 0.0F);
        hood.effects = {};
        const models::day_events events{static_cast<std::uint32_t>(hood.interventions),
                                        hood.dropped_reports};
        const auto range = pop_.neighbourhoods[h];
        std::size_t first_metric = 0;
        models::for_each_mechanism(models::all_mechanisms{}, [&]<class M, std::size_t I>() {
            const auto& law = models::params_of<M>(p);
            const std::span<float> metrics(hood.mechanism_metrics.data() + first_metric, M::daily.size());
            first_metric += M::daily.size();
            if (!law.enabled) return;
            models::neighbourhood_day today{day_,    models::neighbourhood_id{static_cast<std::uint16_t>(h)},
                                            range.begin, range.end, pop_.people, key_, I, events,
                                            hood.effects, metrics};
            M::step(law, std::get<I>(hood.mechanisms), today);
        });
    });
}

namespace {

/// The trust histogram's bin of a trust value in [0, 1]: the same float arithmetic everywhere.
std::size_t trust_bin(float trust) noexcept {
    constexpr auto top = static_cast<float>(world::trust_bins - 1);
    return static_cast<std::size_t>(std::min(top, trust * static_cast<float>(world::trust_bins)));
}

}  // namespace

void world::tally_afresh(std::size_t b) {
    const auto& blk = blocks_[b];
    const float* const trust = pop_.people.trust.data() + blk.range.begin;
    const std::uint8_t* const flags = pop_.people.flags.data() + blk.range.begin;
    const auto threshold = static_cast<float>(params_->trust.trusting_threshold);
    auto& t = kept_[b];
    t = kept_tally{};
    for (std::uint32_t k = 0; k < blk.range.size(); ++k) {
        ++t.histogram[trust_bin(trust[k])];
        t.trusting += trust[k] > threshold ? 1U : 0U;
    }
    for (const auto& st : blk.strata) {
        const std::size_t from = st.range.begin - blk.range.begin;
        t.trust_by_stratum.push_back(sum_of(trust + from, st.range.size()));
        t.flags_by_stratum.push_back(count_flags(flags + from, st.range.size()));
    }
}

namespace {

/// Moves one resident's flags in `c` from what they were to what they are (counted as
/// count_flags counts them).
void recount(flag_counts& c, std::uint8_t was, std::uint8_t now) {
    const auto before = count_flags(&was, 1), after = count_flags(&now, 1);
    c.aware = c.aware - before.aware + after.aware;
    c.adopters = c.adopters - before.adopters + after.adopters;
    c.volunteers = c.volunteers - before.volunteers + after.volunteers;
    c.literate = c.literate - before.literate + after.literate;
    c.literate_adopters = c.literate_adopters - before.literate_adopters + after.literate_adopters;
}

/// Calls `changed(j)` for each j in [0, n) where now and then differ, in order, after a wide
/// byte compare of chunks of 64 has skipped the chunks where nothing did.
template <class T, class Changed>
void for_each_change(const T* now, const T* then, std::size_t n, Changed&& changed) {
    for (std::size_t c = 0; c < n; c += 64) {
        const std::size_t m = std::min<std::size_t>(64, n - c);
        if (std::memcmp(now + c, then + c, m * sizeof(T)) == 0) continue;
        for (std::size_t j = c; j < c + m; ++j)
            if (std::memcmp(now + j, then + j, sizeof(T)) != 0) changed(j);
    }
}

}  // namespace

// Moves only the residents whose trust or flags changed since they were last tallied: trust from
// its old bin, count and sum to its new ones, flags from their old counts to the new. The sums
// change by exact float differences added in double, in resident order: the same at any thread
// count. A 0 that became -0 changes no figure.
void world::update_kept_tally(std::size_t b) {
    const auto& blk = blocks_[b];
    const float* const trust = pop_.people.trust.data() + blk.range.begin;
    float* const trust_then = tallied_trust_.data() + blk.range.begin;
    const std::uint8_t* const flags = pop_.people.flags.data() + blk.range.begin;
    std::uint8_t* const flags_then = tallied_flags_.data() + blk.range.begin;
    const auto threshold = static_cast<float>(params_->trust.trusting_threshold);
    auto& t = kept_[b];
    for (std::size_t s = 0; s < blk.strata.size(); ++s) {
        const std::size_t from = blk.strata[s].range.begin - blk.range.begin;
        const std::size_t size = blk.strata[s].range.size();
        const float* const now = trust + from;
        float* const then = trust_then + from;
        for_each_change(now, then, size, [&](std::size_t j) {
            const float was = then[j];
            then[j] = now[j];
            --t.histogram[trust_bin(was)];
            ++t.histogram[trust_bin(now[j])];
            t.trusting = t.trusting - (was > threshold ? 1U : 0U) + (now[j] > threshold ? 1U : 0U);
            t.trust_by_stratum[s] += static_cast<double>(now[j]) - static_cast<double>(was);
        });
        const std::uint8_t* const flags_now = flags + from;
        std::uint8_t* const flags_was = flags_then + from;
        for_each_change(flags_now, flags_was, size, [&](std::size_t j) {
            recount(t.flags_by_stratum[s], flags_was[j], flags_now[j]);
            flags_was[j] = flags_now[j];
        });
    }
}

// Fear, prejudice and trust drift for every resident; each block tallies the day's record.
// This loop touches every resident every day. It runs in passes over a block's columns: the
// passes every resident takes are straight-line code the compiler vectorises (models/passes.cpp
// and `omp simd`, with -fopenmp-simd: no OpenMP runtime). Group members are reached through the
// block's member list, the breakdowns stratum by stratum, and trust's figures and the flag
// counts from the residents that changed (the kept tally). What is the same for a neighbourhood
// is worked out first.
void world::attitude_phase() {
    const auto& p = *params_;
    std::vector<double> exposure(hoods_.size());
    for (std::size_t h = 0; h < hoods_.size(); ++h)
        exposure[h] = models::neighbourhood_exposure(hoods_[h].incident_counts,
                                                     p.neighbourhoods[h].population, p.fear);
    const models::language_table supported(p.channels.app.languages);  // languages the app speaks
    const int recent = std::max(0, static_cast<int>(day_) + 1 - static_cast<int>(models::days_per_year));  // stamps are day + 1
    const bool information_on = p.information.enabled;
    const bool prejudice_on = p.prejudice.enabled;
    const auto worried_threshold = static_cast<float>(p.fear.worried_threshold);
    for_each_index(blocks_.size(), [&](std::size_t b) {
        const auto& blk = blocks_[b];
        const auto& hood = hoods_[blk.neighbourhood];
        auto& people = pop_.people;
        const std::uint32_t begin = blk.range.begin, n = blk.range.size();
        float* const fear = people.fear.data() + begin;
        float* const trust = people.trust.data() + begin;
        float* const prejudice = people.prejudice.data() + begin;
        const float* const resting = people.resting_fear.data() + begin;
        const std::uint8_t* const flags = people.flags.data() + begin;
        const std::uint16_t* const victimised_on = people.victimised_on.data() + begin;
        block_tally tally(communities_);

        // Fear decays towards its resting level and takes the neighbourhood's exposure.
        const double decay = p.fear.decay;
        const double exposed = exposure[blk.neighbourhood];
        models::drift_fear(fear, resting, n, decay, exposed);

        // Alerts: the neighbourhood's public posts for social-media users, the group's posts for
        // members. Members also feel their group's share of contacts and answers.
        std::array<float, block_size> alerts;
        const auto social = static_cast<float>(
            information_on && p.channels.social_media.enabled ? hood.social_posts * p.channels.social_media.visibility : 0.0);
        double seen = static_cast<double>(social) * blk.social_media_users;
        for (const auto i : blk.members) {  // group members, from the block's list: no scan
            const auto g = people.group[i];
            seen += hood.group_posts[g];
            trust[i - begin] = static_cast<float>(std::clamp(trust[i - begin] + hood.group_trust_delta[g], 0.0, 1.0));
        }
        if (information_on && seen > 0.0) {
#pragma omp simd
            for (std::uint32_t k = 0; k < n; ++k) alerts[k] = (flags[k] & flag::social_media) != 0 ? social : 0.0F;
            for (const auto i : blk.members) alerts[i - begin] += static_cast<float>(hood.group_posts[people.group[i]]);
            models::take_alerts(fear, alerts.data(), n, p.information);
        }
        tally.alerts = information_on ? seen : 0.0;
        if (prejudice_on) models::drift_prejudice(prejudice, fear, n, p.prejudice);
        // An intervention on an innocent member of a community is heard by the whole community.
        for (const auto& st : blk.strata) {
            const auto heard = hood.interventions_today[st.community];
            for (std::uint32_t j = 0; j < heard; ++j)
                for (auto k = st.range.begin - begin; k < st.range.end - begin; ++k)
                    trust[k] = models::after_innocent_intervention(trust[k], p.trust);
        }

        // The day's tallies. Counts are plain loops: integer counts vectorise without a pragma,
        // and faster, since `omp simd reduction` keeps a private array per lane.
        std::uint32_t worried = 0, victimised = 0;
        for (std::uint32_t k = 0; k < n; ++k) worried += fear[k] > worried_threshold ? 1U : 0U;
        for (std::uint32_t k = 0; k < n; ++k) victimised += victimised_on[k] > recent ? 1U : 0U;
        tally.worried = worried;
        tally.victimised = victimised;
        tally.group_members = static_cast<std::uint32_t>(blk.members.size());
        update_kept_tally(b);
        const auto& kept = kept_[b];
        tally.trusting = kept.trusting;
        tally.trust_histogram = kept.histogram;

        // Fear and prejudice sums, and the kept trust sums and flag counts, stratum by stratum,
        // where community, age band and language are constant: the breakdowns by community, age
        // band, language and literacy need no lookup.
        for (std::size_t s = 0; s < blk.strata.size(); ++s) {
            const auto& st = blk.strata[s];
            const std::size_t from = st.range.begin - begin, size = st.range.size();
            const double trust_sum = kept.trust_by_stratum[s], fear_sum = sum_of(fear + from, size);
            const double prejudice_sum = sum_of(prejudice + from, size);
            const auto& set = kept.flags_by_stratum[s];
            const std::uint32_t aware = set.aware, adopters = set.adopters, volunteers = set.volunteers;
            const std::uint32_t literate = set.literate, literate_adopters = set.literate_adopters;
            tally.trust += trust_sum;
            tally.fear += fear_sum;
            tally.prejudice += prejudice_sum;
            tally.aware += aware;
            tally.adopters += adopters;
            tally.volunteers += volunteers;
            tally.with_access += supported[st.language] ? literate : 0U;
            const std::size_t language_class = st.language != 0 ? 1 : 0;
            tally.adopters_by_language[language_class] += adopters;
            tally.residents_by_language[language_class] += st.range.size();
            tally.adopters_by_literacy[1] += literate_adopters;
            tally.adopters_by_literacy[0] += adopters - literate_adopters;
            tally.residents_by_literacy[1] += literate;
            tally.residents_by_literacy[0] += st.range.size() - literate;
            const group_sums sums{trust_sum, fear_sum, adopters, st.range.size()};
            tally.by_community[st.community].add(sums);
            tally.by_band[models::to_index(st.age)].add(sums);
        }
        tallies_[b] = std::move(tally);
    });
    for (auto& hood : hoods_) std::fill(hood.interventions_today.begin(), hood.interventions_today.end(), 0);
}

float& world::metric(daily_metric m, std::size_t neighbourhood) {
    return last_day_[metric_index(m) * hoods_.size() + neighbourhood];
}

void world::block_tally::add(const block_tally& o) {
    trust += o.trust;
    fear += o.fear;
    prejudice += o.prejudice;
    alerts += o.alerts;
    trusting += o.trusting;
    worried += o.worried;
    victimised += o.victimised;
    aware += o.aware;
    adopters += o.adopters;
    with_access += o.with_access;
    group_members += o.group_members;
    volunteers += o.volunteers;
    for (std::size_t k = 0; k < 2; ++k) {
        adopters_by_language[k] += o.adopters_by_language[k];
        residents_by_language[k] += o.residents_by_language[k];
        adopters_by_literacy[k] += o.adopters_by_literacy[k];
        residents_by_literacy[k] += o.residents_by_literacy[k];
    }
    for (std::size_t k = 0; k < trust_bins; ++k) trust_histogram[k] += o.trust_histogram[k];
    for (std::size_t c = 0; c < by_community.size(); ++c) by_community[c].add(o.by_community[c]);
    for (std::size_t a = 0; a < by_band.size(); ++a) by_band[a].add(o.by_band[a]);
}

void world::write_breakdown(std::vector<float>& table, std::size_t neighbourhood,
                            std::span<const group_sums> sums, std::span<const group_counts> counts) {
    const std::size_t groups = sums.size();
    const auto at = [&](group_metric m, std::size_t g) -> float& {
        return table[(static_cast<std::size_t>(m) * hoods_.size() + neighbourhood) * groups + g];
    };
    // A group with no members here has no mean: NaN, as docs/results-format.md says.
    const auto share = [](double part, double whole) {
        return whole > 0.0 ? static_cast<float>(part / whole) : std::numeric_limits<float>::quiet_NaN();
    };
    for (std::size_t g = 0; g < groups; ++g) {
        const double members = sums[g].residents;
        at(group_metric::trust_mean, g) = share(sums[g].trust, members);
        at(group_metric::fear_mean, g) = share(sums[g].fear, members);
        at(group_metric::adoption_share, g) = share(sums[g].adopters, members);
        at(group_metric::reporting_rate, g) = share(counts[g].reported, counts[g].incidents);
        at(group_metric::interventions_on_innocents, g) = share(models::per_thousand * counts[g].interventions, members);
    }
}

namespace {

/// Value below which a share q of the histogram's mass lies (bin midpoints).
float histogram_quantile(const std::array<std::uint32_t, world::trust_bins>& histogram,
                         std::uint64_t total, double q) {
    if (total == 0) return std::numeric_limits<float>::quiet_NaN();
    const auto target = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total)));
    std::uint64_t seen = 0;
    for (std::size_t k = 0; k < histogram.size(); ++k) {
        seen += histogram[k];
        if (seen >= std::max<std::uint64_t>(1, target))
            return static_cast<float>((static_cast<double>(k) + 0.5) / world::trust_bins);
    }
    return 1.0F;
}

}  // namespace

void world::record() {
    const auto& p = *params_;
    const std::size_t n = hoods_.size();
    std::fill(last_day_.begin(), last_day_.end(), 0.0F);
    std::vector<block_tally> sums(n, block_tally(communities_));
    for (std::size_t b = 0; b < blocks_.size(); ++b) sums[blocks_[b].neighbourhood].add(tallies_[b]);
    const auto share = [](double part, double whole) {
        return whole > 0.0 ? static_cast<float>(part / whole) : 0.0F;
    };
    const auto set = [&](daily_metric m, std::size_t h, double v) { metric(m, h) = static_cast<float>(v); };

    // City-wide figures that neighbourhood metrics are shares of.
    const auto campaign_cost = models::campaign_cost_by_neighbourhood(p, day_);
    const double residents = static_cast<double>(models::total_population(p));
    const double all_hours = officer_hours(p);
    double patrol_total = 0.0;
    std::uint64_t police_incidents_total = 0;
    int consultations_live = 0;
    double live_population = 0.0;
    for (std::size_t h = 0; h < n; ++h) {
        patrol_total += hoods_[h].patrol_hours;
        police_incidents_total += hoods_[h].true_police_incidents;
        if (hoods_[h].participants > 0 || (hoods_[h].policy.participation &&
                                           models::consultation_day(day_, p.policy.participation))) {
            ++consultations_live;
            live_population += p.neighbourhoods[h].population;
        }
    }
    std::size_t extra_languages = 0;
    if (p.channels.app.languages.size() > 1) extra_languages += p.channels.app.languages.size() - 1;
    if (p.channels.phone_desk.languages.size() > 1)
        extra_languages += p.channels.phone_desk.languages.size() - 1;

    for (std::size_t h = 0; h < n; ++h) {
        const auto& s = sums[h];
        auto& hood = hoods_[h];
        const double population = pop_.neighbourhoods[h].size();
        const double population_share = residents > 0.0 ? population / residents : 0.0;
        set(daily_metric::trust_mean, h, share(s.trust, population));
        std::uint64_t counted = 0;
        for (const auto c : s.trust_histogram) counted += c;
        metric(daily_metric::trust_p10, h) = histogram_quantile(s.trust_histogram, counted, 0.1);
        metric(daily_metric::trust_p50, h) = histogram_quantile(s.trust_histogram, counted, 0.5);
        metric(daily_metric::trust_p90, h) = histogram_quantile(s.trust_histogram, counted, 0.9);
        set(daily_metric::trusting_share, h, share(s.trusting, population));
        set(daily_metric::fear_mean, h, share(s.fear, population));
        set(daily_metric::worried_share, h, share(s.worried, population));
        set(daily_metric::victimised_share, h, share(s.victimised, population));
        set(daily_metric::fear_risk_gap, h, share(s.worried, population) - share(s.victimised, population));
        set(daily_metric::prejudice_mean, h, share(s.prejudice, population));
        set(daily_metric::alerts_mean, h, share(s.alerts, population));
        set(daily_metric::aware_share, h, share(s.aware, population));
        set(daily_metric::adoption_share, h, share(s.adopters, population));
        constexpr std::array by_band{daily_metric::adoption_share_16_29, daily_metric::adoption_share_30_49,
                                     daily_metric::adoption_share_50_64, daily_metric::adoption_share_65_plus};
        for (std::size_t a = 0; a < models::age_band_count; ++a)
            set(by_band[a], h, share(s.by_band[a].adopters, s.by_band[a].residents));
        set(daily_metric::adoption_gap_language, h,
            share(s.adopters_by_language[0], s.residents_by_language[0]) -
                share(s.adopters_by_language[1], s.residents_by_language[1]));
        set(daily_metric::adoption_gap_literacy, h,
            share(s.adopters_by_literacy[1], s.residents_by_literacy[1]) -
                share(s.adopters_by_literacy[0], s.residents_by_literacy[0]));
        adopter_share_[h] = s.with_access > 0 ? static_cast<double>(s.adopters) / s.with_access : 0.0;
        set(daily_metric::group_member_share, h, share(s.group_members, population));
        set(daily_metric::volunteer_share, h, share(s.volunteers, population));
        set(daily_metric::groups, h, static_cast<double>(hood.groups.groups.size()));
        double facilitated = 0.0, burnout = 0.0;
        for (const auto& g : hood.groups.groups)
            if (g.facilitated) {
                facilitated += 1.0;
                burnout += g.burnout;
            }
        set(daily_metric::facilitated_groups, h, facilitated);
        set(daily_metric::facilitator_burnout, h, facilitated > 0.0 ? burnout / facilitated : 0.0);
        set(daily_metric::cohesion, h, hood.cohesion);
        set(daily_metric::participants, h, hood.participants);

        int incidents = 0;
        for (std::size_t c = 0; c < models::category_count; ++c) {
            const int count = hood.incident_counts[c];
            incidents += count;
            set(static_cast<daily_metric>(metric_index(daily_metric::incidents_serious_crime) + c), h, count);
        }
        set(daily_metric::incidents, h, incidents);
        set(daily_metric::incidents_reported_share, h,
            incidents > 0 ? static_cast<double>(hood.reported_incidents) / incidents
                          : std::numeric_limits<double>::quiet_NaN());
        set(daily_metric::incidents_discovered, h, hood.discovered);
        double translation = 0.0;
        for (const auto& r : hood.new_reports) {
            metric(daily_metric::reports, h) += 1.0F;
            metric(static_cast<daily_metric>(metric_index(daily_metric::reports_serious_crime) +
                                             models::to_index(r.category)), h) += 1.0F;
            metric(static_cast<daily_metric>(metric_index(daily_metric::reports_phone_desk) +
                                             models::to_index(r.via)), h) += 1.0F;
            const auto language = pop_.people.language[models::index(r.reporter)];
            const bool translated =
                language != 0 &&
                ((r.via == models::channel::app && models::supports(p.channels.app.languages, language)) ||
                 (r.via == models::channel::phone_desk &&
                  models::supports(p.channels.phone_desk.languages, language)));
            translation += translated ? p.channels.translation_cost_per_report : 0.0;
        }
        set(daily_metric::queue_length, h, open_by_neighbourhood_[h]);
        set(daily_metric::officer_hours, h, hours_by_neighbourhood_[h]);
        set(daily_metric::non_police_hours, h, non_police_hours_[h]);
        set(daily_metric::triage_hours, h, hood.triage_hours);
        set(daily_metric::patrol_hours, h, hood.patrol_hours);
        set(daily_metric::patrol_share, h, patrol_total > 0.0 ? hood.patrol_hours / patrol_total : 0.0);
        set(daily_metric::crime_share, h,
            police_incidents_total > 0
                ? static_cast<double>(hood.true_police_incidents) / static_cast<double>(police_incidents_total)
                : 0.0);
        set(daily_metric::interventions_on_innocents, h, hood.interventions);
        set(daily_metric::rumours_started, h, hood.rumours_started);
        set(daily_metric::rumour_reach, h, share(hood.rumour.heard, population));
        set(daily_metric::rumour_spreaders, h, hood.rumour.active ? hood.rumour.spreaders : 0);
        set(daily_metric::shaming_posts, h, hood.shaming_posts);
        set(daily_metric::shaming_removed, h, hood.shaming_removed);
        set(daily_metric::vigilante_acts, h, hood.vigilante_acts);
        set(daily_metric::acts_on_innocents, h, hood.acts_on_innocents);

        set(daily_metric::campaign_cost, h, campaign_cost[h]);
        set(daily_metric::training_cost, h, hood.training_hours * p.policy.moderation.cost_per_training_hour);
        set(daily_metric::translation_cost, h,
            translation + p.channels.language_cost_per_day * static_cast<double>(extra_languages) * population_share);
        const double duty_hours = all_hours * (p.police.online_share) * population_share + hood.patrol_hours;
        set(daily_metric::officer_cost, h,
            (hours_by_neighbourhood_[h] + hood.triage_hours + duty_hours) * p.police.hourly_cost);
        set(daily_metric::participation_cost, h,
            consultations_live > 0 && live_population > 0.0 && hood.policy.participation &&
                    models::consultation_day(day_, p.policy.participation)
                ? p.policy.participation.cost_per_consultation * population / live_population
                : 0.0);

        for (std::size_t k = 0; k < hood.mechanism_metrics.size(); ++k)
            last_day_[(models::core_daily_metric_count + k) * n + h] = hood.mechanism_metrics[k];

        write_breakdown(by_community_, h, s.by_community, hood.community_counts);
        write_breakdown(by_age_band_, h, s.by_band, hood.band_counts);
    }

    std::vector<double> response_sum(n, 0.0);
    const auto count_closed = [&](std::uint32_t r) {
        const auto& rep = reports_[r];
        const auto h = models::index(rep.neighbourhood);
        switch (rep.status) {
            case report_status::handled:
                metric(daily_metric::handled, h) += 1.0F;
                response_sum[h] += rep.response_hours;
                break;
            case report_status::expired: metric(daily_metric::expired, h) += 1.0F; break;
            case report_status::moderated: metric(daily_metric::moderated, h) += 1.0F; break;
            case report_status::filtered: metric(daily_metric::filtered, h) += 1.0F; break;
            case report_status::routed_municipal: metric(daily_metric::routed_municipal, h) += 1.0F; break;
            case report_status::merged: metric(daily_metric::merged, h) += 1.0F; break;
            case report_status::ignored: metric(daily_metric::ignored, h) += 1.0F; break;
            default: break;
        }
        if (genuine_police_matter(rep) &&
            (rep.status == report_status::moderated || rep.status == report_status::filtered ||
             rep.status == report_status::ignored))
            metric(daily_metric::missed_genuine, h) += 1.0F;
    };
    for (const auto r : closed_at_intake_) count_closed(r);
    for (const auto r : closed_today_) count_closed(r);
    for (std::size_t h = 0; h < n; ++h) {
        const float handled = metric(daily_metric::handled, h);
        metric(daily_metric::response_time_mean, h) =
            handled > 0.0F ? static_cast<float>(response_sum[h] / handled)
                           : std::numeric_limits<float>::quiet_NaN();
    }
}

}  // namespace civicsim::sim
