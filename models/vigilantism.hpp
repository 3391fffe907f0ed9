#pragma once
// Naming-and-shaming posts and vigilante acts, after Epstein's civil-violence rule (Epstein 2002):
// a resident acts when grievance minus risk aversion times the perceived arrest probability
// exceeds a threshold. Grievance is fear * (1 - trust) (hardship * (1 - legitimacy) in Epstein);
// the arrest probability grows with police presence and falls with the number of others acting.

#include <optional>

#include "models/parameters.hpp"
#include "models/random.hpp"

namespace civicsim::models {

/// Grievance G = fear * (1 - trust).
double grievance(float fear, float trust) noexcept;

/// Perceived arrest probability P = 1 - exp(-k * C / A), C = patrol hours per 1,000 residents of
/// the neighbourhood, A = max(1, active spreaders per 1,000).
double arrest_probability(double patrol_per_1000, double actives_per_1000,
                          const vigilantism_params& p) noexcept;

/// Epstein's rule: G - risk_aversion * P > threshold.
bool over_threshold(float fear, float trust, double arrest_p, const vigilantism_params& p) noexcept;

/// An act: a naming-and-shaming post or a physical act, against an innocent or not.
struct act {
    bool shaming_post = false;
    bool on_innocent = false;
};

/// Whether a resident acts today: nothing unless enabled and over the threshold; then an act with
/// probability act_probability, a shaming post with probability shaming_share (else physical), on
/// an innocent always if the rumour is false, else with probability innocent_share. One draw over
/// the threshold, two more if it acts, whatever the branches.
std::optional<act> maybe_act(float fear, float trust, double arrest_p, bool rumour_is_false,
                             const vigilantism_params& p, stream& s);

}  // namespace civicsim::models
