#pragma once
// The frozen parameter set of one scenario. Built and validated by sim/scenario from a TOML file;
// submodels only read it. For the engine's own submodels, defaults and their sources live in the
// scenario schema (sim/scenario/schema.cpp); the values here are the same defaults so that a test
// can build parameters without a file. A mechanism of models/mechanisms/ declares its parameters,
// defaults and field table itself; `mechanisms` holds them.

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "models/mechanisms.hpp"
#include "models/types.hpp"

namespace civicsim::models {

template <class T>
using per_category = std::array<T, category_count>;
template <class T>
using per_report_category = std::array<T, report_category_count>;
template <class T>
using per_age_band = std::array<T, age_band_count>;

/// Urban / suburban / rural, derived from density (inhabitants per km²).
enum class settlement : std::uint8_t { rural, suburban, urban };
inline constexpr std::array<std::string_view, 3> settlement_names{"rural", "suburban", "urban"};
constexpr settlement settlement_of(double density) noexcept {
    return density >= 3000.0  ? settlement::urban
           : density >= 500.0 ? settlement::suburban
                              : settlement::rural;
}

struct neighbourhood_params {
    std::string name;
    std::uint32_t population = 5000;
    double density = 2000.0;  ///< inhabitants per km²
    per_age_band<double> age_shares{0.22, 0.33, 0.25, 0.20};
    /// Share of each age band with basic digital skills (Eurostat).
    per_age_band<double> digital_literacy{0.80, 0.70, 0.50, 0.30};
    std::vector<double> language_shares{1.0};   ///< aligned with scenario languages
    std::vector<double> community_shares{1.0};  ///< aligned with scenario communities; [0] majority
    double deprivation = 0.3;                   ///< index in [0, 1]
    double cohesion = 0.5;                      ///< collective efficacy in [0, 1]
    /// Mean resting fear of crime in [0, 1]: fear without crime or talk of it (an assumption);
    /// with the default dynamics 30 % end up worried (EU ICS), against 9 % at rest.
    double fear_baseline = 0.25;
    /// True incidents per 1,000 residents per year, by category.
    per_category<double> incident_rate{20.0, 100.0, 150.0, 250.0, 3.0};
};

struct incident_params {
    /// Mean number of witnesses per incident (Poisson), by category.
    per_category<double> witnesses_mean{1.0, 0.8, 2.0, 1.5, 1.0};
};

struct reporting_params {
    /// Probability that a victim reports, at the reference trust, cohesion and deprivation
    /// (CSEW 2009/10; MOPAC 2015 for hate crime).
    per_category<double> base_rate{0.80, 0.35, 0.25, 0.20, 0.48};
    double trust_effect = 2.0;        ///< logit per unit of trust above the reference
    double cohesion_effect = 1.0;     ///< logit per unit of cohesion above the reference
    double deprivation_effect = 1.0;  ///< logit per unit of deprivation above the reference
    double reference_trust = 0.60;
    double reference_cohesion = 0.5;
    double reference_deprivation = 0.3;
    double witness_factor = 0.3;  ///< a witness reports with this share of a victim's probability
    double app_uplift = 0.4;      ///< logit added when the reporter can use the app
};

struct adoption_params {
    double p = 0.03;  ///< innovation coefficient, per year (Sultan, Farley & Lehmann 1990)
    double q = 0.38;  ///< imitation coefficient, per year (same)
};

struct app_params {
    bool enabled = true;
    std::uint32_t launch_day = 0;
    /// Indices into the scenario languages that the app supports.
    std::vector<std::uint8_t> languages{0};
};

/// The police phone line and front desk: always open, in the languages it has interpreters for.
struct phone_desk_params {
    std::vector<std::uint8_t> languages{0};
    /// A speaker of an unsupported language reports with this share of their probability.
    double unsupported_factor = 0.5;
};

/// Neighbourhood chat groups (WhatsApp-style), with or without a facilitator.
struct group_channel_params {
    bool enabled = false;
    std::uint32_t launch_day = 0;
    double join_rate =
        0.005;  ///< yearly hazard of joining, for residents with basic digital skills
    std::uint32_t target_size =
        55;                        ///< a new group opens when every group has this many (FA-TAMTAM)
    std::uint32_t size_cap = 256;  ///< WhatsApp's cap
    double messages_per_member = 0.2;  ///< chat messages per member per day, besides reports
};

/// Public social media: a neighbourhood/city audience the police watch with their online hours.
struct social_media_params {
    bool enabled = true;
    per_age_band<double> use_share{0.85, 0.70, 0.50, 0.30};  ///< share using social media
    double report_share = 0.1;  ///< share of users without app or group who report by a post
    double pickup_per_online_hour = 10.0;  ///< P(seen) = 1 - exp(-k * online hours per 1,000)
    double visibility = 0.05;  ///< share of the neighbourhood's users who see a given post
};

struct channel_params {
    app_params app;
    phone_desk_params phone_desk;
    group_channel_params groups;
    social_media_params social_media;
    double translation_cost_per_report = 15.0;  ///< euros, for a report in a non-first language
    double language_cost_per_day = 30.0;        ///< euros per extra language per channel per day
};

/// How patrol hours are shared between neighbourhoods.
enum class patrol_allocation : std::uint8_t { uniform, predictive, corrected };
inline constexpr std::array<std::string_view, 3> patrol_allocation_names{"uniform", "predictive",
                                                                         "corrected"};

struct patrol_params {
    patrol_allocation allocation = patrol_allocation::uniform;
    /// P(an incident is discovered) = 1 - exp(-discovery_rate * patrol hours per 1,000 residents).
    double discovery_rate = 0.05;
    /// Predictive and corrected modes count reported incidents as well as discovered ones.
    bool use_reports = true;
    /// Weight of past days in the allocation counts: 1 keeps every day (Ensign et al.'s urn).
    double memory = 1.0;
};

struct police_params {
    double residents_per_officer = 445.0;  ///< England & Wales 2014
    double officer_hours_per_day = 5.5;    ///< a 38.5 h week spread over seven days
    double report_share = 0.05;            ///< share of officer hours given to citizen reports
    double online_share = 0.005;           ///< share on official posts and watching social media
    double patrol_share = 0.3;             ///< share on patrol
    double hourly_cost = 45.0;             ///< euros per officer hour
    per_report_category<double> handling_hours{4.0, 2.0, 1.0, 0.5, 3.0, 1.5};
    /// Reports waiting longer than this many days expire unanswered.
    per_report_category<double> expiry_days{1.0, 7.0, 7.0, 14.0, 2.0, 2.0};
    /// Response grade of each category (UK force grading): serious crime emergency, hate crime
    /// and suspicious persons priority, the rest scheduled (the mapping is an assumption).
    per_report_category<response_grade> grade{response_grade::emergency, response_grade::scheduled,
                                              response_grade::scheduled, response_grade::scheduled,
                                              response_grade::priority,  response_grade::priority};
    /// Response target in hours from filing to the start of handling, by category: its grade's
    /// (UK force grading: emergency 15 min, priority 1 h, scheduled 48 h); a report answered
    /// later is a late contact.
    per_report_category<double> target_hours{0.25, 48.0, 48.0, 48.0, 1.0, 1.0};
    /// Queue priority, higher first (UK grading: emergency, priority, scheduled).
    per_report_category<std::uint8_t> priority{5, 3, 1, 0, 4, 2};
    patrol_params patrol;
};

struct trust_params {
    /// Mean of the Beta of resting trust (where trust starts and returns to): with concentration
    /// 8, 72 % rest above 0.5 (OECD 2021).
    double initial_mean = 0.60;
    double initial_concentration = 8.0;
    /// Days for half the gap between trust and its resting level to close without new events.
    double half_life_days = 365.0;
    double positive_contact = 0.02;  ///< trust gained from a good contact
    double negative_weight = 4.0;    ///< negative/positive contact weight (Skogan 2006)
    /// Share of handled contacts the reporter experiences as fair; the others count as bad.
    double procedural_quality = 0.8;
    /// A report answered after its grade's target counts as a bad contact of this weight.
    double late_weight = 0.5;
    double trusting_threshold = 0.5;
    double vicarious_weight = 0.1;  ///< those who hear of a contact feel this share of it
    /// Residents of the stopped person's community in the neighbourhood who hear of a stop of
    /// an innocent person, and feel vicarious_weight of the loss.
    std::uint32_t stop_hearers = 20;
};

/// Who is victimised: individual risk heterogeneity (repeat and concentrated victimisation) and
/// a history of the year before the run.
struct victimisation_params {
    /// Shape of the Gamma (mean 1) of each resident's relative risk; smaller concentrates more.
    double risk_shape = 0.5;
    /// Relative risk by age band (16-29, 30-49, 50-64, 65+).
    per_age_band<double> age_risk{1.6, 1.1, 0.8, 0.5};
};

/// Crime prevention: patrols and neighbourhood groups change how many incidents happen.
struct prevention_params {
    bool enabled = true;
    /// Patrol hours per 1,000 residents per day at which incident_rate holds.
    double reference_patrol_hours = 3.7;
    /// Elasticity of incidents with respect to patrol hours, by category.
    per_category<double> patrol_elasticity{-0.34, -0.17, 0.0, 0.0, -0.34};
    /// The ratio of patrol hours to the reference is held within [1/limit, limit]: the
    /// elasticity is not extrapolated to neighbourhoods patrols all but leave, or flood.
    double patrol_ratio_limit = 2.0;
    /// Share of incidents a fully covered neighbourhood watch prevents, by category.
    per_category<double> watch_reduction{0.16, 0.16, 0.0, 0.0, 0.0};
    /// Share of residents in groups at which a neighbourhood counts as fully covered.
    double watch_full_coverage = 0.1;
};

/// Crime news, alerts and official posts reaching residents through groups and social media.
struct information_params {
    bool enabled = true;
    double alert_fear = 0.01;         ///< fear shock per alert seen, times (1 - fear)
    double overload_threshold = 5.0;  ///< alerts per day above which overload adds fear
    double overload_fear = 0.02;
};

/// Who hears a rumour from whom: over the neighbourhood's contact structure (word of mouth, a
/// social-media follower network with heavy-tailed follower counts, and group chats), or, as in
/// Maki & Thompson, among a well-mixed online audience.
enum class rumour_structure : std::uint8_t { network, well_mixed };
inline constexpr std::array<std::string_view, 2> rumour_structure_names{"network", "well_mixed"};

/// Rumours and fake news: Maki–Thompson contacts over a contact structure (models/rumours.hpp).
struct rumour_params {
    bool enabled = true;
    rumour_structure structure = rumour_structure::network;
    double start_rate = 0.2;    ///< new rumours per 10,000 residents per 30 days
    double false_share = 0.5;   ///< share of rumours that are false
    double contact_rate = 1.0;  ///< contacts per spreader per day (word of mouth in a network)
    /// Vosoughi, Roy & Aral 2018: false news 70 % more likely to be retweeted. In a network it
    /// multiplies the share probability; well mixed, the contact rate.
    double false_multiplier = 1.7;
    double outgroup_share = 0.5;    ///< share of false rumours blaming a minority
    double fear_shock = 0.05;       ///< on hearing a rumour, times (1 - fear)
    double prejudice_shock = 0.05;  ///< on hearing an out-group rumour, times (1 - prejudice)
    /// Well mixed only: daily P(spreader stops) per official online hour per 1,000.
    double debunk_per_online_hour = 0.02;
    // The network structure:
    double share_probability = 0.1;  ///< P(a resident who hears a true rumour passes it on)
    double forget_rate = 0.3;        ///< daily P(a spreader stops of their own accord)
    /// Neighbourhood users who see a user's post: Lomax (Pareto II) with this scale and tail
    /// exponent (density ~ k^-exponent; Kwak et al. 2010 fit 2.276 to follower counts).
    double followers_scale = 2.0;
    double followers_exponent = 2.276;
    /// P(the police see a given public post about a rumour) = 1 - exp(-this * online hours per
    /// 1,000 residents); a false rumour they see is corrected.
    double detection_per_online_hour = 1.0;
    double police_follower_share = 0.2;  ///< share of social-media users who follow the police
};

/// Out-group suspicion (prejudice) and the "suspicious person" reports it drives.
struct prejudice_params {
    bool enabled = true;
    double initial_mean = 0.2;
    double initial_concentration = 5.0;
    double epsilon = 0.3;                  ///< Deffuant confidence bound (Deffuant et al. 2000)
    double mu = 0.5;                       ///< Deffuant convergence
    double interactions_per_member = 0.1;  ///< pairwise group interactions per member per day
    double fear_effect = 0.002;            ///< daily rise fear * (1 - prejudice) * this
    double decay = 0.01;                   ///< daily return towards initial_mean
    double suspicious_rate = 0.0001;  ///< daily P(report) = rate * fear * prejudice, majority only
};

/// Naming-and-shaming and vigilante acts, after Epstein's civil-violence rule (Epstein 2002).
/// Off by default: the act rate is an assumption no data calibrates yet.
struct vigilantism_params {
    bool enabled = false;
    double k = 2.3;          ///< arrest-probability constant: P = 0.9 with one officer per actor
    double threshold = 0.1;  ///< act if grievance - risk * P > threshold
    double risk_aversion = 0.5;       ///< mean; each resident's is uniform on [0, 2 * mean]
    double vision_residents = 100.0;  ///< residents within sight, where police and actors count
    double act_probability = 0.002;   ///< daily P(act) for a spreader over the threshold
    double shaming_share = 0.8;       ///< share of acts that are posts rather than physical acts
    double innocent_share = 0.3;      ///< share of acts on true rumours that hit innocents
    double target_fear = 0.1;         ///< fear shock to a shaming post's target, times (1 - fear)
};

struct fear_params {
    double concentration = 6.0;     ///< Beta concentration of resting fear around the mean
    double decay = 0.02;            ///< share of the gap to resting fear closed per day
    double victim_shock = 0.3;      ///< share of the distance to 1 added on victimisation
    double witness_shock = 0.1;     ///< same, for witnesses
    double exposure_shock = 0.002;  ///< per serious or hate incident per 1,000 residents today
    /// Share of the distance to 1 added per day per unit of yesterday's mean fear in the
    /// neighbourhood: talk with fearful neighbours (Prieto Curiel & Bishop 2017).
    double contagion = 0.017;
    /// Added to the daily decay per patrol hour per 1,000 residents: visible patrols reassure.
    double patrol_reassurance = 0.001;
    /// Resting fear by age band relative to the neighbourhood's baseline (fear-risk paradox).
    per_age_band<double> age_fear{0.9, 0.95, 1.05, 1.15};
    double worried_threshold = 0.5;  ///< fear above which a resident counts as worried
};

/// Police-trained facilitators of neighbourhood groups (FA-TAMTAM) — the moderation policy.
struct moderation_params {
    bool enabled = true;             ///< groups get facilitators; off: every group is an open chat
    double facilitated_share = 1.0;  ///< share of groups that have a facilitator
    double training_hours = 20.0;
    double training_scale = 20.0;  ///< training level = 1 - exp(-hours / scale)
    double capacity = 40.0;        ///< messages a facilitator handles per day
    double base_quality = 0.6;     ///< precision and recall of an untrained facilitator
    double max_quality = 0.95;     ///< of a fully trained one who is not overloaded
    double burnout_rate = 0.05;    ///< burnout gained per day per unit of overload
    double recovery_rate = 0.02;   ///< burnout lost per day when not overloaded
    double rumour_stop = 0.8;      ///< P(stop a rumour in the group), fully trained
    double shaming_removal = 0.9;  ///< P(remove a shaming post), fully trained
    /// Trust gained by each member of a facilitated group when a report posted in it is answered,
    /// times the facilitator's effectiveness.
    double answer_trust_gain = 0.002;
    double cohesion_gain = 0.0002;   ///< daily cohesion gain per member share, from activities
    double volunteer_rate = 0.0005;  ///< daily P(member becomes a volunteer), fully trained
    double cost_per_training_hour = 40.0;  ///< euros
};

/// Police triage of incoming reports — the filtering policy.
enum class triage_mode : std::uint8_t { none, rules, classifier };
inline constexpr std::array<std::string_view, 3> triage_mode_names{"none", "rules", "classifier"};

struct filtering_params {
    triage_mode mode = triage_mode::none;
    double rules_minutes = 3.0;       ///< officer minutes to triage a report by rules
    double classifier_minutes = 0.5;  ///< officer minutes to check a classified report
    double accuracy = 0.85;           ///< classifier accuracy at threshold 0.5
    double threshold = 0.5;           ///< higher filters more
    double minority_gap = 0.0;        ///< accuracy lost on reports by or about minority members
    std::uint32_t duplicate_window_days = 1;
};

/// Decidim/CitizenLab-style consultations steering part of the patrol hours.
struct participation_params {
    bool enabled = false;
    std::uint32_t period_days = 90;
    double base_rate = 0.05;  ///< share of app users taking part in a consultation
    per_age_band<double> age_factor{0.8, 1.0, 1.1, 0.9};
    double offline_factor = 0.2;  ///< residents without digital skills take part at this factor
    std::uint8_t outreach_age_band_mask = 0;  ///< bands reached by consultation outreach
    bool outreach_low_literacy = false;       ///< outreach also reaches residents without skills
    double outreach_boost = 3.0;              ///< participation multiplier for those reached
    double patrol_vote_share = 0.2;           ///< share of patrol hours allocated by the last vote
    double trust_gain = 0.02;                 ///< trust gained by a participant
    double cost_per_consultation = 5000.0;    ///< euros
};

struct campaign_params {
    std::string name;
    bool enabled = true;
    /// One flag per neighbourhood; a missing flag means "not targeted", so fill it for every one.
    std::vector<std::uint8_t> neighbourhood_targeted;
    std::uint8_t age_band_mask = 0xF;          ///< bit b: age band b targeted
    std::uint32_t language_mask = 0xFFFFFFFF;  ///< bit l: language l targeted
    std::uint32_t start_day = 0;
    std::uint32_t end_day = 30;   ///< exclusive
    double daily_reach = 0.01;    ///< P(targeted unaware resident becomes aware) per day
    double adoption_boost = 0.5;  ///< added to the yearly Bass hazard of residents reached
    double cost_per_day = 500.0;  ///< euros
};

struct outreach_params {
    std::vector<campaign_params> campaigns;
};

struct policy_params {
    outreach_params outreach;
    moderation_params moderation;
    filtering_params filtering;
    participation_params participation;
};

/// A dated step of the rollout: from `start_day`, in the neighbourhoods it names, switches the
/// channels and policies it sets (unset switches leave the state as it was).
struct rollout_phase {
    std::string name;
    std::uint32_t start_day = 0;
    std::vector<std::uint8_t> neighbourhood_targeted;  ///< one flag per neighbourhood
    enum class toggle : std::uint8_t { unset, off, on };
    toggle app = toggle::unset;
    toggle groups = toggle::unset;
    toggle facilitators = toggle::unset;
    toggle participation = toggle::unset;
};

struct rollout_params {
    std::vector<rollout_phase> phases;
};

/// The planner's question, carried with the scenario for the report: which outcomes decide the
/// case, how large a difference must be to matter, and what may be spent. The engine never reads
/// it.
struct report_settings {
    /// Headline outcomes (summary outcome names), in the order the findings take them; empty: the
    /// headline outcomes of every family.
    std::vector<std::string> outcomes;
    /// Per summary outcome (summary_metrics() order), the smallest difference that matters in the
    /// outcome's unit; NaN: the outcome's default (metric_info::smallest_difference).
    std::vector<double> smallest_difference =
        std::vector<double>(summary_metrics().size(), std::numeric_limits<double>::quiet_NaN());
    /// Spending over the run beyond the baseline's that the planner can afford, in euros; NaN:
    /// none given.
    double budget = std::numeric_limits<double>::quiet_NaN();
};

/// A parameter the planner is unsure of, for `civicsim compare --robust`: its dotted scenario key
/// and the range its value is drawn from. The engine never reads it.
struct uncertain_parameter {
    std::string key;
    /// The range [low, high]; NaN until resolved: the key's plausible range.
    double low = std::numeric_limits<double>::quiet_NaN();
    double high = std::numeric_limits<double>::quiet_NaN();
};

struct scenario_settings {
    std::string name = "unnamed";
    std::string description;
    std::uint32_t days = 365;
    std::uint64_t seed = 1;
    std::uint32_t replications = 1;
    std::vector<std::string> languages{"majority"};
    std::vector<std::string> communities{"majority"};
    /// Optional: one row per community, one share per language in each row. When given, a
    /// resident's language is drawn from their community's row (and neighbourhoods give no
    /// language_shares); empty: from the neighbourhood's language_shares.
    std::vector<std::vector<double>> language_by_community;
};

struct parameters;

/// Residents of every neighbourhood together.
std::uint64_t total_population(const parameters& params) noexcept;

/// Everything a run needs, immutable once built.
struct parameters {
    scenario_settings scenario;
    std::vector<neighbourhood_params> neighbourhoods;
    police_params police;
    channel_params channels;
    incident_params incidents;
    reporting_params reporting;
    adoption_params adoption;
    trust_params trust;
    victimisation_params victimisation;
    prevention_params prevention;
    fear_params fear;
    information_params information;
    rumour_params rumours;
    prejudice_params prejudice;
    vigilantism_params vigilantism;
    policy_params policy;
    rollout_params rollout;
    report_settings report;
    /// The parameters a robustness comparison draws ([[uncertain]] tables), in file order.
    std::vector<uncertain_parameter> uncertain;
    /// The parameters of each mechanism of models/mechanisms.hpp, declared by the mechanism.
    all_mechanisms::params mechanisms;
};

/// The parameters of mechanism M.
template <class M>
const typename M::params& params_of(const parameters& p) noexcept {
    return std::get<typename M::params>(p.mechanisms);
}
template <class M>
typename M::params& params_of(parameters& p) noexcept {
    return std::get<typename M::params>(p.mechanisms);
}

inline std::uint64_t total_population(const parameters& params) noexcept {
    std::uint64_t residents = 0;
    for (const auto& n : params.neighbourhoods) residents += n.population;
    return residents;
}

}  // namespace civicsim::models
