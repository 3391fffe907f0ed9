#pragma once
// The frozen parameter set of one scenario. Built and validated by sim/scenario from a TOML file;
// submodels only read it. Defaults and their sources live in the scenario schema
// (sim/scenario/schema.cpp), which is the one place a field is declared; the values here are the
// same defaults so that a test can build parameters without a file.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/types.hpp"

namespace civicsim::models {

template <class T>
using per_category = std::array<T, category_count>;
template <class T>
using per_age_band = std::array<T, age_band_count>;

/// Urban / suburban / rural, derived from density (inhabitants per km²).
enum class settlement : std::uint8_t { rural, suburban, urban };
inline constexpr std::array<std::string_view, 3> settlement_names{"rural", "suburban", "urban"};
constexpr settlement settlement_of(double density) noexcept {
    return density >= 3000.0 ? settlement::urban
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
    /// Mean resting fear of crime in [0, 1]: with concentration 6, 30 % rest above 0.5 (EU ICS).
    double fear_baseline = 0.40;
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

struct channel_params {
    app_params app;
};

struct police_params {
    double residents_per_officer = 445.0;  ///< England & Wales 2014
    double officer_hours_per_day = 5.5;    ///< a 38.5 h week spread over seven days
    double report_share = 0.05;            ///< share of officer hours given to citizen reports
    per_category<double> handling_hours{4.0, 2.0, 1.0, 0.5, 3.0};
    /// Reports waiting longer than this many days expire unanswered.
    per_category<double> expiry_days{1.0, 7.0, 7.0, 14.0, 2.0};
    /// Queue priority, higher first (UK grading: emergency, priority, scheduled).
    per_category<std::uint8_t> priority{4, 2, 1, 0, 3};
};

struct trust_params {
    /// Mean of the Beta of initial trust: with concentration 8, 72 % start above 0.5 (OECD 2021).
    double initial_mean = 0.60;
    double initial_concentration = 8.0;
    double positive_contact = 0.02;  ///< trust gained from a good contact
    double negative_weight = 4.0;    ///< negative/positive contact weight (Skogan 2006)
    double trusting_threshold = 0.5;
};

struct fear_params {
    double concentration = 6.0;      ///< Beta concentration of resting fear around the mean
    double decay = 0.02;             ///< share of the gap to resting fear closed per day
    double victim_shock = 0.3;       ///< share of the distance to 1 added on victimisation
    double witness_shock = 0.1;      ///< same, for witnesses
    double exposure_shock = 0.002;   ///< per serious or hate incident per 1,000 residents today
    double worried_threshold = 0.5;  ///< fear above which a resident counts as worried
};

struct campaign_params {
    std::string name;
    bool enabled = true;
    /// One flag per neighbourhood; a missing flag means "not targeted", so fill it for every one.
    std::vector<std::uint8_t> neighbourhood_targeted;
    std::uint8_t age_band_mask = 0xF;                  ///< bit b: age band b targeted
    std::uint32_t language_mask = 0xFFFFFFFF;          ///< bit l: language l targeted
    std::uint32_t start_day = 0;
    std::uint32_t end_day = 30;    ///< exclusive
    double daily_reach = 0.01;     ///< P(targeted unaware resident becomes aware) per day
    double adoption_boost = 0.5;   ///< added to the yearly Bass hazard of residents reached
    double cost_per_day = 500.0;   ///< euros
};

struct outreach_params {
    std::vector<campaign_params> campaigns;
};

struct policy_params {
    outreach_params outreach;
};

struct scenario_settings {
    std::string name = "unnamed";
    std::string description;
    std::uint32_t days = 365;
    std::uint64_t seed = 1;
    std::uint32_t replications = 1;
    std::vector<std::string> languages{"majority"};
    std::vector<std::string> communities{"majority"};
};

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
    fear_params fear;
    policy_params policy;
};

}  // namespace civicsim::models
