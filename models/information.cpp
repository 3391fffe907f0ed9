#include "models/information.hpp"

#include <algorithm>

namespace civicsim::models {

float after_alerts(float fear, double alerts, const information_params& p) noexcept {
    const double f = fear;
    double shock = p.alert_fear * alerts;
    if (alerts > p.overload_threshold) shock += p.overload_fear;
    return static_cast<float>(std::clamp(f + shock * (1.0 - f), 0.0, 1.0));
}

double alerts_seen(bool in_group, double group_posts_today, bool social_media_user,
                   double neighbourhood_social_posts_today, double visibility) noexcept {
    return (in_group ? group_posts_today : 0.0) +
           (social_media_user ? neighbourhood_social_posts_today * visibility : 0.0);
}

}  // namespace civicsim::models
