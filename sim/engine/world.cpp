#include "sim/engine/world.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <utility>

#include "models/attitudes.hpp"
#include "models/clocks.hpp"
#include "models/information.hpp"
#include "models/invariants.hpp"
#include "models/links.hpp"
#include "models/outreach.hpp"
#include "models/passes.hpp"
#include "models/prejudice.hpp"
#include "models/streams.hpp"
#include "models/victimisation.hpp"
#include "models/vigilantism.hpp"
#include "sim/engine/parallel.hpp"

namespace civicsim::sim {

namespace {
// Set by the CMake option CIVICSIM_INVARIANTS (on in the sanitizer presets).
#ifdef CIVICSIM_INVARIANTS
constexpr bool invariant_checks = true;
#else
constexpr bool invariant_checks = false;
#endif
}  // namespace

using models::report_status;
namespace flag = models::resident_flag;

world::world(std::shared_ptr<const models::parameters> params, models::stream_key key)
    : params_(std::move(params)),
      key_(key),
      communities_(std::max<std::size_t>(1, params_->scenario.communities.size())),
      pop_(models::allocate_population(*params_)),
      queue_(params_->police,
             models::effective_priority(params_->police, params_->policy.filtering.mode)),
      recent_(params_->policy.filtering.duplicate_window_days),
      patrol_(models::initial_patrol_state(params_->neighbourhoods.size())),
      last_vote_(models::empty_vote(params_->neighbourhoods.size())),
      recorder_(*params_) {
    const auto& p = *params_;
    if (p.scenario.days > std::numeric_limits<std::uint16_t>::max() - 1 - models::history_days)
        throw std::invalid_argument("world: days must fit the 16-bit day stamps of reports");
    const std::size_t n = p.neighbourhoods.size();
    places_.resize(n);
    today_.resize(n);
    for (std::size_t h = 0; h < n; ++h) {
        const auto range = pop_.neighbourhoods[h];
        places_[h].first_block = blocks_.size();
        for (std::uint32_t b = range.begin; b < range.end; b += block_size)
            blocks_.push_back({static_cast<std::uint16_t>(h),
                               {b, std::min(range.end, b + block_size)},
                               {},
                               {},
                               0});
    }
    block_reports_.resize(blocks_.size());
    for (std::size_t h = 0; h < n; ++h) {
        places_[h].cohesion = p.neighbourhoods[h].cohesion;
        places_[h].groups.by_neighbourhood.resize(n);
        today_[h].mechanism_metrics.assign(
            models::daily_metrics().size() - models::core_daily_metric_count, 0.0F);
    }
    city_.officer_hours.assign(n, 0.0);
    city_.non_police_hours.assign(n, 0.0);
    open_by_neighbourhood_.assign(n, 0);

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
    for (const auto& blk : blocks_)
        places_[blk.neighbourhood].social_media_users += blk.social_media_users;
    models::index_minority_members(pop_);
    // Victims are drawn in proportion to risk; fear spreads from the fear already there.
    for_each_index(n, [&](std::size_t h) {
        auto& place = places_[h];
        const auto range = pop_.neighbourhoods[h];
        place.victims = models::risk_table(pop_.people.risk, range.begin, range.end);
        place.hate_targets = models::risk_table(pop_.people.risk, pop_.minority_members[h]);
        double fear = 0.0;
        for (auto i = range.begin; i < range.end; ++i) fear += pop_.people.fear[i];
        place.fear_mean = range.size() > 0 ? fear / range.size() : 0.0;
    });
    recorder_.start(blocks_, pop_.people);
}

void world::step() {
    if (day_ >= std::numeric_limits<std::uint16_t>::max() - 1 - models::history_days)
        throw std::out_of_range("world: no more days fit the 16-bit day stamps of reports");
    using member = void (world::*)();
    static constexpr std::array<member, phase_count> phases{&world::policy_phase,
                                                            &world::outreach_phase,
                                                            &world::group_phase,
                                                            &world::incident_phase,
                                                            &world::information_phase,
                                                            &world::moderation_phase,
                                                            &world::intake_phase,
                                                            &world::response_phase,
                                                            &world::mechanism_phase,
                                                            &world::attitude_phase,
                                                            &world::record};
    for (std::size_t k = 0; k < phase_count; ++k) {
        const auto start = std::chrono::steady_clock::now();
        (this->*phases[k])();
        phase_seconds_[k] +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    if constexpr (invariant_checks) check_invariants();
    ++day_;
}

void world::check_invariants() const {
    models::check_population(pop_, models::total_population(*params_), day_);
    for_each_index(pop_.neighbourhoods.size(), [&](std::size_t h) {
        models::check_residents(pop_.people, pop_.neighbourhoods[h], h, day_);
    });
    models::check_reports(reports_, open_by_neighbourhood_, day_);
}

// Rollout, and the patrol hours of the day: allocation mode, blended with the last vote.
void world::policy_phase() {
    const auto& p = *params_;
    std::vector<std::uint32_t> populations;
    for (const auto& h : p.neighbourhoods) populations.push_back(h.population);
    // The last consultation's vote (if any was held) steers part of the hours.
    const auto shares =
        models::blend_patrol_shares(models::patrol_shares(patrol_, populations, p.police.patrol),
                                    last_vote_, p.policy.participation.patrol_vote_share);
    const double patrol_hours = models::officer_hours_per_day(p) * p.police.patrol_share;
    for (std::size_t h = 0; h < today_.size(); ++h) {
        auto& hood = today_[h];
        hood.policy =
            models::policy_on(p, models::neighbourhood_id{static_cast<std::uint16_t>(h)}, day_);
        hood.patrol_hours = shares[h] * patrol_hours;
        hood.patrol_per_1000 =
            populations[h] > 0 ? models::per_thousand * hood.patrol_hours / populations[h] : 0.0;
        hood.discovery_probability =
            models::discovery_probability(hood.patrol_hours, populations[h], p.police.patrol);
    }
}

// Awareness and adoption of the app; fear and prejudice turned into suspicious-person reports.
void world::outreach_phase() {
    const auto& p = *params_;
    for_each_index(blocks_.size(), [&](std::size_t b) {
        const auto& blk = blocks_[b];
        const auto& hood = today_[blk.neighbourhood];
        const auto home = models::neighbourhood_id{blk.neighbourhood};
        const models::adoption_day today{day_, hood.policy.app,
                                         recorder_.adopter_share(blk.neighbourhood)};
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
                const auto choice =
                    models::choose_channel(people.flags[i], people.language[i],
                                           people.group[i] != models::no_index, hood.policy, p, s);
                out.push_back(models::suspicious_person_report(i, home, choice.via, day_, target));
            });
        }
    });
}

// Joining groups, group activities, Deffuant encounters and consultations, per neighbourhood.
void world::group_phase() {
    const auto& p = *params_;
    const bool consultation = models::consultation_day(day_, p.policy.participation);
    if (consultation) last_vote_ = models::empty_vote(places_.size());
    for_each_index(places_.size(), [&](std::size_t h) {
        auto& place = places_[h];
        auto& hood = today_[h];
        const auto home = models::neighbourhood_id{static_cast<std::uint16_t>(h)};
        const auto range = pop_.neighbourhoods[h];
        auto& people = pop_.people;
        // Members lists grow with today's joiners, in the order they joined: no scan of everyone.
        hood.joined.clear();
        hood.training_hours = models::join_groups(
            people, range, home, place.groups, day_, hood.policy.groups, hood.policy.facilitators,
            p.channels.groups, p.policy.moderation, key_, &hood.joined);
        place.members.resize(place.groups.groups.size());
        for (const auto i : hood.joined) {
            place.members[people.group[i]].push_back(i);
            blocks_[place.first_block + (i - range.begin) / block_size].members.push_back(i);
        }
        hood.participants = 0;
        if (consultation && hood.policy.participation) {
            models::take_part(people, range, home, day_, p.channels.app.languages, p, key_,
                              last_vote_);
            hood.participants = static_cast<int>(last_vote_.participants[h]);
        }
        const auto groups = place.groups.groups.size();
        hood.social_posts = 0.0;
        hood.interventions = 0;
        hood.group_posts.assign(groups, 0.0);
        hood.group_trust_delta.assign(groups, 0.0);
        if (groups == 0) return;
        hood.cohesion_gain = models::group_activities(
            people, place.members, place.groups, range.size(), day_, p.policy.moderation, key_);
        place.cohesion = std::min(1.0, place.cohesion + hood.cohesion_gain);
        if (p.prejudice.enabled)
            for (std::size_t g = 0; g < groups; ++g) {
                auto s = models::streams::deffuant.open(key_, day_, (h << 24) | g);
                models::deffuant_day(place.members[g], people.prejudice, p.prejudice, s);
            }
    });
}

// True incidents, their discovery by patrols, the reports they lead to, and victims' fear.
void world::incident_phase() {
    const auto& p = *params_;
    for_each_index(places_.size(), [&](std::size_t h) {
        auto& place = places_[h];
        auto& hood = today_[h];
        const auto home = models::neighbourhood_id{static_cast<std::uint16_t>(h)};
        auto& people = pop_.people;
        auto s = models::streams::incidents.open(key_, day_, h);
        const auto range = pop_.neighbourhoods[h];
        std::size_t members = 0;
        for (const auto& m : place.members) members += m.size();
        const double population = std::max<std::uint32_t>(1, range.size());
        const auto prevention = models::prevention_factor(
            hood.patrol_per_1000, static_cast<double>(members) / population, p.prevention);
        models::generate_incidents({range, &place.victims, &place.hate_targets},
                                   p.neighbourhoods[h], prevention, p.incidents, s, hood.incidents);
        // Yesterday's vigilante acts are incidents like any other from here on.
        for (const auto& a : place.pending_acts)
            models::add_incident(hood.incidents, a.category, a.victim);
        place.pending_acts.clear();
        const auto& batch = hood.incidents;
        const auto known = models::tally_incidents(batch, hood.discovery_probability, s);
        hood.incident_counts = known.by_category;
        hood.discovered = known.discovered;
        recorder_.count_police_incidents(h, known.police_matters);
        hood.new_reports.clear();
        hood.outcomes.clear();
        models::decide_reports(batch, people, home, hood.policy, place.cohesion, p, day_, key_, 0,
                               hood.new_reports, hood.outcomes);
        hood.reported_incidents = hood.reported_police_incidents = 0;
        hood.reported_counts = {};
        for (std::size_t k = 0; k < batch.size(); ++k) {
            const bool reported = (hood.outcomes[k] & models::incident_outcome::reported) != 0;
            hood.reported_incidents += reported;
            hood.reported_counts[static_cast<std::size_t>(batch.category[k])] += reported;
            hood.reported_police_incidents +=
                reported && models::is_police_matter(batch.category[k]);
            // Fairness counts follow the complainant.
            const auto complainant = models::complainant(batch, k);
            if (complainant == models::no_index) continue;
            recorder_.count_incident(h, people.community[complainant], people.age[complainant],
                                     reported);
            recorder_.count_incident_by_exposure(h, people, complainant, reported);
        }
        hood.victimisations = models::apply_incidents(batch, people, day_, p.fear);
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
    // Officers who monitor public posts (models/mechanisms/intelligence) see rumours too.
    const double online_per_1000 =
        models::online_hours_per_1000(p) + models::monitoring_hours_per_1000(p);
    for_each_index(places_.size(), [&](std::size_t h) {
        auto& place = places_[h];
        auto& hood = today_[h];
        auto& people = pop_.people;
        const auto range = pop_.neighbourhoods[h];
        hood.rumours_started = hood.shaming_posts = hood.shaming_removed = 0;
        hood.shaming_authors.clear();
        hood.rumour_ended = false;
        hood.rumours_debunked = 0;
        hood.vigilante_acts = hood.acts_on_innocents = 0;
        hood.newly_heard.clear();
        const auto actors_yesterday = std::exchange(place.actors, 0U);
        if (!p.rumours.enabled || range.size() == 0) return;
        auto s = models::streams::rumour.open(key_, day_, h);
        auto moderation = models::streams::rumour_moderation.open(key_, day_, h);
        auto& r = place.rumour;
        const std::span<models::rumour_state> states(people.rumour);
        const bool network = p.rumours.structure == models::rumour_structure::network;
        if (!r.active && models::maybe_start_rumour(r, range.size(), day_, p.rumours, s)) {
            std::optional<std::uint32_t> seed;
            if (network) {
                seed =
                    models::seed_network_rumour(r, place.spread, states, range, place.audience, s);
            } else {
                models::collect_audience(people, range, place.audience);
                if (!p.channels.social_media.enabled)  // then only groups carry rumours
                    std::erase_if(place.audience, [&](std::uint32_t i) {
                        return people.group[i] == models::no_index;
                    });
                seed = models::seed_rumour(r, place.spread, states, range, place.audience, s);
            }
            if (seed)
                ++hood.rumours_started;
            else
                r.active = false;
        }
        if (!r.active) return;
        // Word of mouth among the residents, posts seen by followers and read by group members;
        // facilitators stop group posts (network) or contacts (well mixed).
        const models::contact_structure structure{
            range,
            people.flags,
            p.channels.social_media.enabled ? place.social_media_users : 0U,
            people.group,
            place.members,
            key_};
        const models::rumour_moderation facilitators{
            [&](std::uint32_t initiator, std::uint32_t partner) {
                return models::rumour_blocked(initiator, partner, people.group, place.groups.groups,
                                              p.policy.moderation, moderation);
            },
            [&](std::uint32_t, std::uint32_t g) {
                return models::stops_rumour(place.groups.groups[g], p.policy.moderation,
                                            moderation);
            }};
        const auto day =
            models::spread_rumour(r, place.spread, states, place.audience, structure, day_,
                                  online_per_1000, p.rumours, s, facilitators, hood.newly_heard);
        hood.rumours_debunked = day.detected ? 1 : 0;
        for (const auto i : hood.newly_heard)
            models::hear_rumour(people, i, r.about_outgroup, p.rumours, p.prejudice.enabled);
        if (p.vigilantism.enabled) act_on_rumour(h, actors_yesterday, moderation);
        hood.rumour_ended = day.ended;
        if (day.ended) {
            hood.rumour_days = day.ended_day - r.started_day;
            hood.rumour_reach = static_cast<double>(r.heard) / range.size();
            hood.rumour_false = r.is_false;
            hood.rumour_debunked = r.detected;
        }
    });
}

// Spreaders over Epstein's threshold post shaming messages or act (docs/ODD.md §7.13). Police and
// actors are counted within a resident's sight; a published post frightens its target and is seen
// like any post; a physical act becomes one of tomorrow's incidents.
void world::act_on_rumour(std::size_t h, std::uint32_t actors_yesterday,
                          models::stream& moderation) {
    const auto& p = *params_;
    auto& place = places_[h];
    auto& hood = today_[h];
    auto& people = pop_.people;
    const auto range = pop_.neighbourhoods[h];
    const auto& r = place.rumour;
    const double residents = range.size();
    const double arrest =
        models::arrest_probability(models::officers_present(hood.patrol_hours) / residents,
                                   actors_yesterday / residents, p.vigilantism);
    std::uint32_t actors = 0;
    for (const auto i : place.audience) {
        if (people.rumour[i] != models::rumour_state::spreader) continue;
        auto trait = models::streams::risk_trait.open(key_, 0, i);
        const double risk = models::risk_aversion_of(p.vigilantism, trait);
        auto act_stream = models::streams::vigilante_act.open(key_, day_, i);
        const auto act = models::maybe_act(people.fear[i], people.trust[i], risk, arrest,
                                           r.is_false, p.vigilantism, act_stream);
        if (!act) continue;
        ++actors;
        const auto target =
            models::act_target(i, r.about_outgroup, range, pop_.minority_members[h], act_stream);
        const auto g = people.group[i];
        const auto* own = g != models::no_index ? &place.groups.groups[g] : nullptr;
        switch (models::fate_of(*act, own, p.policy.moderation, moderation)) {
            case models::act_fate::removed: ++hood.shaming_removed; continue;
            case models::act_fate::posted:
                ++hood.shaming_posts;
                if (own != nullptr) hood.group_posts[g] += 1.0;
                if (p.channels.social_media.enabled) {
                    hood.social_posts += 1.0;
                    hood.shaming_authors.push_back(i);
                }
                if (target != models::no_index)
                    people.fear[target] =
                        models::after_shock(people.fear[target], p.vigilantism.target_fear);
                break;
            case models::act_fate::physical:
                ++hood.vigilante_acts;
                if (target != models::no_index)
                    place.pending_acts.push_back(
                        {models::incident_of_act(r.about_outgroup), target});
                break;
        }
        hood.acts_on_innocents += act->on_innocent;
    }
    place.actors = actors;
}

// Facilitators read their groups' reports: forward, drop, or route to municipal services.
void world::moderation_phase() {
    const auto& p = *params_;
    for_each_index(places_.size(), [&](std::size_t h) {
        auto& place = places_[h];
        auto& hood = today_[h];
        auto& people = pop_.people;
        for (std::size_t k = 0; k < hood.new_reports.size(); ++k) {
            auto& rep = hood.new_reports[k];
            const auto g = people.group[models::index(rep.reporter)];
            models::post_report(rep, g, hood.group_posts, hood.social_posts);
            if (rep.via != models::channel::group) continue;
            auto s =
                models::streams::report_moderation.open(key_, day_, (std::uint64_t{h} << 32) | k);
            rep.status =
                models::moderate(rep.category, place.groups.groups[g], p.policy.moderation, s);
        }
        for (std::size_t g = 0; g < place.groups.groups.size(); ++g) {
            auto& grp = place.groups.groups[g];
            if (!grp.facilitated) continue;
            const double messages =
                models::facilitator_messages(grp, hood.group_posts[g], p.channels.groups);
            const auto facilitator = grp.facilitator;
            if (models::end_facilitator_day(grp, messages, p.policy.moderation))
                people.flags[facilitator] &= static_cast<std::uint8_t>(~flag::facilitator);
        }
    });
}

// Police intake, serially: today's reports in a random order, social-media pickup, triage, queue.
void world::intake_phase() {
    const auto& p = *params_;
    const auto first_new = static_cast<std::uint32_t>(reports_.size());
    // Incident numbers were counted per neighbourhood; make them run-wide.
    for (auto& hood : today_) {
        for (auto rep : hood.new_reports) {
            if (rep.incident != models::no_index) rep.incident += next_incident_;
            reports_.push_back(rep);
        }
        next_incident_ += static_cast<std::uint32_t>(hood.incidents.size());
        hood.triage_hours = 0.0;
        if (hood.rumour_ended) {
            auto& totals = recorder_.totals();
            totals.rumour_days += hood.rumour_days;
            totals.rumour_reach += hood.rumour_reach;
            ++totals.rumours_ended;
            totals.rumours.push_back(
                {static_cast<float>(hood.rumour_reach), hood.rumour_false, hood.rumour_debunked});
        }
    }
    // Neither the neighbourhoods' order in the file nor which task finished first decides who
    // waits: the day's reports join in an order drawn from the city's police stream.
    auto order = models::streams::intake_order.open(key_, day_, 0);
    for (auto i = static_cast<std::uint32_t>(reports_.size()); i > first_new + 1; --i) {
        const auto j = first_new + static_cast<std::uint32_t>(order.below(i - first_new));
        std::swap(reports_[i - 1], reports_[j]);
    }
    // Each reaches the police at a time of day drawn from its own stream (uniform over the day:
    // an assumption), and they join the queue in the order they arrive.
    for (auto r = first_new; r < reports_.size(); ++r) {
        auto s = models::streams::report_arrival.open(key_, day_, r);
        reports_[r].hour_filed = std::min(static_cast<float>(24.0 * s.uniform()), 23.999998F);
    }
    std::stable_sort(reports_.begin() + first_new, reports_.end(),
                     [](const auto& a, const auto& b) { return a.hour_filed < b.hour_filed; });

    const double online_per_1000 = models::online_hours_per_1000(p);
    const double pickup =
        -std::expm1(-p.channels.social_media.pickup_per_online_hour * online_per_1000);
    city_.closed_at_intake.clear();
    recent_.forget_before(day_ >= p.policy.filtering.duplicate_window_days
                              ? day_ - p.policy.filtering.duplicate_window_days
                              : 0);
    const auto& people = pop_.people;
    // Monitoring officers read a share of the day's public posts, each post with one draw from its
    // own stream (a report by its index in the run, a shaming post by neighbourhood and position),
    // so that what is read depends neither on threads nor on which other posts there were.
    using models::intelligence;
    const auto& intel = models::params_of<intelligence>(p);
    double public_posts = 0.0;
    for (auto& hood : today_) {
        public_posts += hood.social_posts;
        hood.posts_read = hood.leads = 0;
        hood.authors_read.clear();
    }
    const double coverage = models::monitoring_coverage(models::monitoring_hours_per_day(p),
                                                        public_posts, intel.posts_per_hour);
    constexpr auto position = models::position_in<intelligence>(models::all_mechanisms{});
    const auto reading = [&](intelligence::stream_purpose purpose, std::uint64_t entity) {
        return models::mechanism_stream(position, static_cast<std::uint64_t>(purpose), "")
            .open(key_, day_, entity)
            .bernoulli(coverage);
    };
    if (coverage > 0.0)
        for (std::size_t h = 0; h < today_.size(); ++h) {
            auto& hood = today_[h];
            for (std::size_t k = 0; k < hood.shaming_authors.size(); ++k)
                if (reading(intelligence::stream_purpose::reading_shaming, (h << 32) | k)) {
                    ++hood.posts_read;
                    hood.authors_read.push_back(hood.shaming_authors[k]);
                }
        }
    for (auto r = first_new; r < reports_.size(); ++r) {
        auto& rep = reports_[r];
        auto& hood = today_[models::index(rep.neighbourhood)];
        auto s = models::streams::triage.open(key_, day_, r);
        const bool minority =
            models::minority_involved(people.community[models::index(rep.reporter)], rep.category);
        const bool read = coverage > 0.0 && rep.via == models::channel::social_media &&
                          reading(intelligence::stream_purpose::reading_reports, r);
        if (read) {
            ++hood.posts_read;
            hood.authors_read.push_back(models::index(rep.reporter));
        }
        const auto result =
            models::intake(rep, minority, pickup, p.policy.filtering, recent_, s, read);
        hood.leads += result.lead ? 1U : 0U;
        rep.status = result.status;
        hood.triage_hours += result.triage_minutes / 60.0;
        if (rep.status == report_status::filed) {
            queue_.enqueue(reports_, r);
            if (rep.incident != models::no_index) recent_.record(rep.incident, day_);
            ++open_by_neighbourhood_[models::index(rep.neighbourhood)];
        } else {
            rep.day_closed = static_cast<std::uint16_t>(day_);
            city_.closed_at_intake.push_back(r);
        }
    }
}

// An officer acts on a suspicious-person report: the person stopped is an innocent member of the
// community described, for whom it is a bad contact; a bounded number of members of that
// community in the neighbourhood hear of it and feel a share of it (vicarious experience).
void world::intervene_on_innocent(std::uint32_t report_index) {
    const auto& p = *params_;
    const auto& rep = reports_[report_index];
    const auto h = models::index(rep.neighbourhood);
    auto& hood = today_[h];
    auto& people = pop_.people;
    const auto& minority = pop_.minority_members[h];
    // The person stopped: the first minority member of the community after a position drawn from
    // the report's own stream; those who hear of it, likewise, from the same stream.
    auto s = models::streams::innocent_stop.open(key_, day_, report_index);
    const auto who = models::stopped_resident(minority, people.community, rep.target_community,
                                              places_[h].effects.innocent_stop_factor, s);
    if (who == models::no_index) return;
    recorder_.count_stop(h, rep.target_community, people.age[who]);
    recorder_.count_stop_by_exposure(h, people, who);
    ++hood.interventions;
    const auto effect =
        models::apply_contact(people.trust[who], models::contact_kind::bad, p.trust);
    people.trust[who] = effect.trust;
    for (std::uint32_t k = 0; k < p.trust.stop_hearers; ++k) {
        const auto hearer =
            models::stopped_resident(minority, people.community, rep.target_community, 1.0, s);
        if (hearer == who || hearer == models::no_index) continue;
        people.trust[hearer] = models::clamp_unit(
            static_cast<float>(static_cast<double>(people.trust[hearer]) + effect.vicarious));
    }
}

// Officers work the queue; every closed report is a contact that moves its reporter's trust, and
// group members feel a share of it.
void world::response_phase() {
    const auto& p = *params_;
    std::fill(city_.officer_hours.begin(), city_.officer_hours.end(), 0.0);
    std::fill(city_.non_police_hours.begin(), city_.non_police_hours.end(), 0.0);
    double triage_hours = 0.0;
    for (const auto& hood : today_) triage_hours += hood.triage_hours;
    city_.closed.clear();
    const double capacity = models::report_hours_per_day(p);
    const auto result = queue_.work(reports_, day_, std::max(0.0, capacity - triage_hours),
                                    city_.closed, city_.officer_hours, city_.non_police_hours);
    auto& totals = recorder_.totals();
    totals.report_hours_available += capacity;
    totals.report_hours_used += result.hours_used + triage_hours;
    for (const double hours : city_.non_police_hours) totals.non_police_hours += hours;

    auto& people = pop_.people;
    // Every closed report that is a contact moves its reporter's trust as they experience it, and
    // their group feels a share of it; an answer to a report posted in a facilitated group raises
    // its members' trust; police failures are the day's events for the mechanisms.
    const auto close = [&](std::uint32_t r) {
        const auto& rep = reports_[r];
        const auto h = models::index(rep.neighbourhood);
        auto& hood = today_[h];
        hood.dropped_reports += models::dropped_by_police(rep) ? 1U : 0U;
        const auto who = models::index(rep.reporter);
        const auto g = people.group[who];
        if (g != models::no_index && rep.via == models::channel::group && models::answered(rep))
            hood.group_trust_delta[g] +=
                models::answered_trust_gain(places_[h].groups.groups[g], p.policy.moderation);
        auto kind = models::contact_of(rep, p.police);
        if (kind == models::contact_kind::none) return;
        auto s = models::streams::contact.open(key_, day_, r);
        kind = models::as_experienced(kind, p.trust, s);
        const auto effect = models::apply_contact(people.trust[who], kind, p.trust);
        people.trust[who] = effect.trust;
        if (g != models::no_index) hood.group_trust_delta[g] += effect.vicarious;
    };
    for (auto& hood : today_) hood.dropped_reports = 0;
    for (const auto r : city_.closed_at_intake) close(r);
    for (const auto r : city_.closed) {
        const auto& rep = reports_[r];
        const auto h = models::index(rep.neighbourhood);
        --open_by_neighbourhood_[h];
        if (rep.status == report_status::handled &&
            rep.category == models::incident_category::suspicious_person)
            intervene_on_innocent(r);
        close(r);
    }

    // Patrols learn from today's recorded incidents (Ensign et al. 2018).
    std::vector<int> discovered, reported;
    std::vector<double> probability;
    for (const auto& hood : today_) {
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
    for_each_index(places_.size(), [&](std::size_t h) {
        auto& place = places_[h];
        auto& hood = today_[h];
        std::fill(hood.mechanism_metrics.begin(), hood.mechanism_metrics.end(), 0.0F);
        place.effects = {};
        const double population_share =
            static_cast<double>(p.neighbourhoods[h].population) /
            static_cast<double>(std::max<std::uint64_t>(1, models::total_population(p)));
        const models::day_events events{
            .innocent_stops = static_cast<std::uint32_t>(hood.interventions),
            .dropped_reports = hood.dropped_reports,
            .monitoring_hours = models::monitoring_hours_per_day(p) * population_share,
            .posts_read = hood.posts_read,
            .leads = hood.leads,
            .authors_read = hood.authors_read};
        const auto range = pop_.neighbourhoods[h];
        std::size_t first_metric = 0;
        models::for_each_mechanism(models::all_mechanisms{}, [&]<class M, std::size_t I>() {
            const auto& law = models::params_of<M>(p);
            const std::span<float> metrics(hood.mechanism_metrics.data() + first_metric,
                                           M::daily.size());
            first_metric += M::daily.size();
            if (!law.enabled) return;
            models::neighbourhood_day today{day_,
                                            models::neighbourhood_id{static_cast<std::uint16_t>(h)},
                                            range.begin,
                                            range.end,
                                            pop_.people,
                                            key_,
                                            I,
                                            events,
                                            place.effects,
                                            metrics};
            M::step(law, std::get<I>(place.mechanisms), today);
        });
    });
}

// Fear, prejudice and trust drift for every resident; the recorder tallies each block.
// This loop touches every resident every day. It runs in passes over a block's columns: the
// passes every resident takes are straight-line code the compiler vectorises (models/passes.cpp
// and `omp simd`, with -fopenmp-simd: no OpenMP runtime). Group members are reached through the
// block's member list. What is the same for a neighbourhood is worked out first.
void world::attitude_phase() {
    const auto& p = *params_;
    std::vector<double> exposure(today_.size()), decay(today_.size());
    for (std::size_t h = 0; h < today_.size(); ++h) {
        exposure[h] = models::neighbourhood_exposure(today_[h].incident_counts,
                                                     p.neighbourhoods[h].population,
                                                     places_[h].fear_mean, p.fear);
        decay[h] = models::neighbourhood_decay(today_[h].patrol_per_1000, p.fear);
    }
    const bool information_on = p.information.enabled;
    const bool prejudice_on = p.prejudice.enabled;
    // Trust relaxes towards its resting level every few days, all residents at once; the
    // recorder then counts trust afresh instead of following the residents that changed.
    const bool relax = (day_ + 1) % models::trust_relaxation_days == 0;
    const auto relaxation =
        static_cast<float>(models::trust_relaxation(models::trust_relaxation_days, p.trust));
    for_each_index(blocks_.size(), [&](std::size_t b) {
        const auto& blk = blocks_[b];
        const auto& hood = today_[blk.neighbourhood];
        auto& people = pop_.people;
        const std::uint32_t begin = blk.range.begin, n = blk.range.size();
        float* const fear = people.fear.data() + begin;
        float* const trust = people.trust.data() + begin;
        float* const prejudice = people.prejudice.data() + begin;
        const float* const resting = people.resting_fear.data() + begin;
        const std::uint8_t* const flags = people.flags.data() + begin;

        // Fear decays towards its resting level and takes the neighbourhood's exposure.
        models::drift_fear(fear, resting, n, decay[blk.neighbourhood], exposure[blk.neighbourhood]);

        // Alerts: the neighbourhood's public posts for social-media users, the group's posts for
        // members. Members also feel their group's share of contacts and answers.
        std::array<float, block_size> alerts;
        const auto social =
            static_cast<float>(information_on && p.channels.social_media.enabled
                                   ? hood.social_posts * p.channels.social_media.visibility
                                   : 0.0);
        double seen = static_cast<double>(social) * blk.social_media_users;
        for (const auto i : blk.members) {  // group members, from the block's list: no scan
            const auto g = people.group[i];
            seen += hood.group_posts[g];
            trust[i - begin] = static_cast<float>(
                std::clamp(trust[i - begin] + hood.group_trust_delta[g], 0.0, 1.0));
        }
        if (information_on && seen > 0.0) {
#pragma omp simd
            for (std::uint32_t k = 0; k < n; ++k)
                alerts[k] = (flags[k] & flag::social_media) != 0 ? social : 0.0F;
            for (const auto i : blk.members)
                alerts[i - begin] += static_cast<float>(hood.group_posts[people.group[i]]);
            models::take_alerts(fear, alerts.data(), n, p.information);
        }
        if (prejudice_on) models::drift_prejudice(prejudice, fear, n, p.prejudice);
        if (relax) models::relax_trust(trust, people.resting_trust.data() + begin, n, relaxation);

        recorder_.tally_block(b, blk, people, day_, information_on ? seen : 0.0, relax);
    });
}

void world::record() {
    recorder_.record(day_, blocks_, places_, today_, city_, reports_, pop_.people,
                     open_by_neighbourhood_);
    const auto last = recorder_.last_day();
    const auto fear = static_cast<std::size_t>(models::daily_metric::fear_mean);
    for (std::size_t h = 0; h < places_.size(); ++h) {
        const double mean = last[fear * places_.size() + h];
        places_[h].fear_mean = std::isfinite(mean) ? mean : 0.0;
    }
}

}  // namespace civicsim::sim
