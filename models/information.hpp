#pragma once
// Fear from crime news and alerts seen in groups and on social media (Prieto Curiel & Bishop
// 2017). Each alert closes part of the distance to full fear, so the same alert raises fear more
// in someone who felt safe, as social-media exposure does (Intravia et al. 2017, 2nd); a flood of
// alerts past `overload_threshold` adds a further shock.

#include <algorithm>

#include "models/parameters.hpp"

namespace civicsim::models {

/// Fear after seeing `alerts` alerts today: fear + alert_fear * alerts * (1 - fear), plus
/// overload_fear * (1 - fear) if alerts > overload_threshold, clamped to [0, 1].
/// In float, like the state: this runs for every resident every day, four at a time.
inline float after_alerts(float fear, float alerts, const information_params& p) noexcept {
    const auto overload = static_cast<float>(p.overload_fear);  // read unconditionally: a select
    const float shock = static_cast<float>(p.alert_fear) * alerts +
                        (alerts > static_cast<float>(p.overload_threshold) ? overload : 0.0F);
    return clamp_unit(fear + shock * (1.0F - fear));
}

/// Alerts a resident sees today: their group's posts if in a group, plus the neighbourhood's
/// public social-media posts times `visibility` if a social-media user.
inline double alerts_seen(bool in_group, double group_posts_today, bool social_media_user,
                          double neighbourhood_social_posts_today, double visibility) noexcept {
    return (in_group ? group_posts_today : 0.0) +
           (social_media_user ? neighbourhood_social_posts_today * visibility : 0.0);
}

}  // namespace civicsim::models
