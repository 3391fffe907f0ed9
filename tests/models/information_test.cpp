#include "models/information.hpp"

#include <catch2/catch.hpp>

using namespace civicsim::models;

TEST_CASE("after_alerts closes alert_fear per alert of the distance to full fear",
          "[information]") {
    information_params p;
    p.alert_fear = 0.01;
    p.overload_threshold = 5.0;
    p.overload_fear = 0.02;
    CHECK(after_alerts(0.2f, 0.0, p) == 0.2f);
    // 0.2 + 0.01 * 3 * 0.8 = 0.224
    CHECK(after_alerts(0.2f, 3.0, p) == Approx(0.224).epsilon(1e-6));
    // At the threshold there is no overload: 0.2 + 0.05 * 0.8 = 0.24
    CHECK(after_alerts(0.2f, 5.0, p) == Approx(0.24).epsilon(1e-6));
    // Past it: 0.2 + (0.06 + 0.02) * 0.8 = 0.264
    CHECK(after_alerts(0.2f, 6.0, p) == Approx(0.264).epsilon(1e-6));
    CHECK(after_alerts(1.0f, 10.0, p) == 1.0f);
    CHECK(after_alerts(0.5f, 1000.0, p) == 1.0f);  // clamped
    CHECK(after_alerts(0.0f, 0.5, p) == Approx(0.005).epsilon(1e-6));
}

TEST_CASE("the same alerts raise fear more in someone who felt safe", "[information]") {
    const information_params p;
    for (const float alerts : {1.0F, 4.0F, 8.0F}) {
        const float safe = 0.1f;
        const float afraid = 0.7f;
        const double rise_safe = after_alerts(safe, alerts, p) - safe;
        const double rise_afraid = after_alerts(afraid, alerts, p) - afraid;
        CHECK(rise_safe > rise_afraid);
        CHECK(rise_safe / rise_afraid == Approx(0.9 / 0.3).epsilon(1e-4));
    }
}

TEST_CASE("alerts_seen adds group posts and visible social-media posts", "[information]") {
    CHECK(alerts_seen(true, 4.0, true, 10.0, 0.25) == 6.5);
    CHECK(alerts_seen(true, 4.0, false, 10.0, 0.25) == 4.0);
    CHECK(alerts_seen(false, 4.0, true, 10.0, 0.25) == 2.5);
    CHECK(alerts_seen(false, 4.0, false, 10.0, 0.25) == 0.0);
    CHECK(alerts_seen(false, 4.0, true, 10.0, 0.0) == 0.0);
}
