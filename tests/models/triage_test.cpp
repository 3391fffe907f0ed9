#include "models/triage.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "models/police.hpp"

using namespace civicsim::models;

namespace {

constexpr auto serious = incident_category::serious_crime;
constexpr auto minor = incident_category::minor_offence;
constexpr auto incivility = incident_category::incivility;
constexpr auto public_service = incident_category::public_service;
constexpr auto hate = incident_category::hate_crime;
constexpr auto suspicious = incident_category::suspicious_person;
constexpr incident_category all_categories[] = {serious,        minor, incivility,
                                                public_service, hate,  suspicious};

report filed(incident_category c, std::uint16_t day, std::uint32_t incident = no_index) {
    report r;
    r.category = c;
    r.day_filed = day;
    r.incident = incident;
    return r;
}

filtering_params mode(triage_mode m) {
    filtering_params p;
    p.mode = m;
    p.rules_minutes = 3.0;
    p.classifier_minutes = 0.5;
    p.accuracy = 0.85;
    p.threshold = 0.5;
    p.minority_gap = 0.0;
    p.duplicate_window_days = 1;
    return p;
}

stream test_stream(std::uint64_t entity = 0) {
    return stream({11, 0}, counter_phase::police, 0, entity);
}

double logit(double p) { return std::log(p / (1.0 - p)); }
double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

/// Share of `n` reports of category `c` that the classifier passes, each with its own stream.
double pass_share(incident_category c, bool minority, const filtering_params& p, int n,
                  std::uint64_t salt) {
    const recent_incidents none(0);
    int passed = 0;
    for (int i = 0; i < n; ++i) {
        stream s = stream({salt, 0}, counter_phase::police, 0, static_cast<std::uint64_t>(i));
        if (triage(filed(c, 0), minority, p, none, s).perceived_police_matter) ++passed;
    }
    return static_cast<double>(passed) / n;
}

double four_se(double p, int n) { return 4.0 * std::sqrt(p * (1.0 - p) / n); }

}  // namespace

TEST_CASE("without triage every report is queued at no cost and without draws", "[triage]") {
    const auto p = mode(triage_mode::none);
    recent_incidents recent(p.duplicate_window_days);
    recent.record(7, 0);
    for (const auto c : all_categories) {
        stream s = test_stream();
        const auto d = triage(filed(c, 0, 7), false, p, recent, s);
        CHECK(d.status == report_status::filed);
        CHECK(d.minutes == 0.0);
        CHECK(d.perceived_police_matter);
        stream fresh = test_stream();
        CHECK(s() == fresh());
    }
}

TEST_CASE("rules route public-service issues, merge duplicates and queue the rest", "[triage]") {
    const auto p = mode(triage_mode::rules);
    recent_incidents recent(p.duplicate_window_days);
    recent.record(7, 4);
    stream s = test_stream();

    for (const auto c : {serious, minor, incivility, hate}) {
        const auto d = triage(filed(c, 4, 8), false, p, recent, s);
        CHECK(d.status == report_status::filed);
        CHECK(d.perceived_police_matter);
        CHECK(d.minutes == 3.0);
    }
    const auto municipal = triage(filed(public_service, 4, 8), false, p, recent, s);
    CHECK(municipal.status == report_status::routed_municipal);
    CHECK_FALSE(municipal.perceived_police_matter);
    CHECK(municipal.minutes == 3.0);

    // Rules cannot tell a suspicious-person report from a real one.
    const auto person = triage(filed(suspicious, 4), true, p, recent, s);
    CHECK(person.status == report_status::filed);
    CHECK(person.perceived_police_matter);

    const auto duplicate = triage(filed(minor, 4, 7), false, p, recent, s);
    CHECK(duplicate.status == report_status::merged);
    CHECK(duplicate.minutes == 3.0);
    // A public-service duplicate is routed: it was never a police matter to merge into.
    CHECK(triage(filed(public_service, 4, 7), false, p, recent, s).status ==
          report_status::routed_municipal);

    stream fresh = test_stream();
    CHECK(s() == fresh());  // rules draw nothing
}

TEST_CASE("duplicates merge within the window and not outside it", "[triage]") {
    auto p = mode(triage_mode::rules);
    stream s = test_stream();

    SECTION("a one-day window merges same-day duplicates only") {
        recent_incidents recent(1);
        recent.record(7, 10);
        CHECK(triage(filed(serious, 10, 7), false, p, recent, s).status == report_status::merged);
        CHECK(triage(filed(serious, 11, 7), false, p, recent, s).status == report_status::filed);
        CHECK(triage(filed(serious, 10, 8), false, p, recent, s).status == report_status::filed);
    }
    SECTION("a three-day window merges up to two days later") {
        recent_incidents recent(3);
        recent.record(7, 10);
        CHECK(recent.contains(7, 10));
        CHECK(recent.contains(7, 12));
        CHECK_FALSE(recent.contains(7, 13));
        CHECK_FALSE(recent.contains(7, 9));  // not queued yet on day 9
        CHECK(triage(filed(minor, 12, 7), false, p, recent, s).status == report_status::merged);
        CHECK(triage(filed(minor, 13, 7), false, p, recent, s).status == report_status::filed);
        // Queued again later: the window runs from the latest queueing.
        recent.record(7, 13);
        recent.record(7, 11);
        CHECK(recent.contains(7, 15));
    }
    SECTION("a zero-day window never merges") {
        recent_incidents recent(0);
        recent.record(7, 10);
        CHECK_FALSE(recent.contains(7, 10));
        CHECK(triage(filed(serious, 10, 7), false, p, recent, s).status == report_status::filed);
    }
    SECTION("reports about no incident are never duplicates") {
        recent_incidents recent(5);
        recent.record(no_index, 10);
        CHECK(recent.size() == 0);
        CHECK_FALSE(recent.contains(no_index, 10));
        CHECK(triage(filed(suspicious, 10), false, p, recent, s).status == report_status::filed);
    }
    SECTION("forget_before drops closed windows only") {
        recent_incidents recent(2);
        recent.record(1, 10);
        recent.record(2, 11);
        recent.record(3, 12);
        recent.forget_before(12);
        CHECK(recent.size() == 2);
        CHECK_FALSE(recent.contains(1, 11));
        CHECK(recent.contains(2, 12));
        CHECK(recent.contains(3, 13));
    }
}

TEST_CASE("a perfect classifier at threshold 0.5 makes no mistakes", "[triage]") {
    auto p = mode(triage_mode::classifier);
    p.accuracy = 1.0;
    const recent_incidents recent(1);
    for (std::uint64_t i = 0; i < 200; ++i) {
        stream s = test_stream(i);
        for (const auto c : {serious, minor, incivility, hate}) {
            const auto d = triage(filed(c, 0), i % 2 == 0, p, recent, s);
            CHECK(d.status == report_status::filed);
            CHECK(d.perceived_police_matter);
            CHECK(d.minutes == 0.5);
        }
        const auto municipal = triage(filed(public_service, 0), false, p, recent, s);
        CHECK(municipal.status == report_status::routed_municipal);
        CHECK_FALSE(municipal.perceived_police_matter);
        const auto person = triage(filed(suspicious, 0), true, p, recent, s);
        CHECK(person.status == report_status::filtered);
        CHECK_FALSE(person.perceived_police_matter);
        CHECK(person.minutes == 0.5);
    }
    CHECK(classifier_pass_probability(true, false, p) == 1.0);
    CHECK(classifier_pass_probability(false, false, p) == 0.0);
}

TEST_CASE("the classifier draws exactly once per report", "[triage]") {
    const auto p = mode(triage_mode::classifier);
    recent_incidents recent(1);
    recent.record(7, 0);
    for (const auto c : all_categories) {
        stream s = test_stream();
        triage(filed(c, 0, 7), false, p, recent, s);
        stream fresh = test_stream();
        fresh();
        CHECK(s() == fresh());
    }
}

TEST_CASE("a classifier with accuracy 0.5 flips a coin", "[triage]") {
    auto p = mode(triage_mode::classifier);
    p.accuracy = 0.5;
    constexpr int n = 20000;
    CHECK(classifier_pass_probability(true, false, p) == Approx(0.5));
    CHECK(classifier_pass_probability(false, false, p) == Approx(0.5));
    CHECK(pass_share(serious, false, p, n, 1) == Approx(0.5).margin(four_se(0.5, n)));
    CHECK(pass_share(suspicious, false, p, n, 2) == Approx(0.5).margin(four_se(0.5, n)));
    CHECK(pass_share(public_service, false, p, n, 3) == Approx(0.5).margin(four_se(0.5, n)));
}

TEST_CASE("recall and false-positive rate follow the logistic formulas", "[triage]") {
    auto p = mode(triage_mode::classifier);
    constexpr int n = 20000;
    for (const double threshold : {0.5, 0.3, 0.7}) {
        p.accuracy = 0.85;
        p.threshold = threshold;
        INFO("threshold " << threshold);
        const double recall = sigmoid(logit(0.85) - logit(threshold));
        const double false_positive = sigmoid(-logit(0.85) - logit(threshold));
        CHECK(classifier_pass_probability(true, false, p) == Approx(recall));
        CHECK(classifier_pass_probability(false, false, p) == Approx(false_positive));
        CHECK(pass_share(minor, false, p, n, 10) == Approx(recall).margin(four_se(recall, n)));
        CHECK(pass_share(suspicious, false, p, n, 11) ==
              Approx(false_positive).margin(four_se(false_positive, n)));
    }
    // At threshold 0.5 recall is the accuracy and the false-positive rate its complement.
    p.threshold = 0.5;
    CHECK(classifier_pass_probability(true, false, p) == Approx(0.85));
    CHECK(classifier_pass_probability(false, false, p) == Approx(0.15));
    // A higher threshold filters more of both.
    p.threshold = 0.7;
    CHECK(classifier_pass_probability(true, false, p) < 0.85);
    CHECK(classifier_pass_probability(false, false, p) < 0.15);
}

TEST_CASE("the minority gap lowers recall for minority-involved reports", "[triage]") {
    auto p = mode(triage_mode::classifier);
    p.accuracy = 0.9;
    p.minority_gap = 0.2;
    constexpr int n = 20000;
    CHECK(classifier_pass_probability(true, false, p) == Approx(0.9));
    CHECK(classifier_pass_probability(true, true, p) == Approx(0.7));
    CHECK(classifier_pass_probability(false, true, p) ==
          Approx(0.3));  // and raises false positives

    const double majority = pass_share(hate, false, p, n, 20);
    const double minority = pass_share(hate, true, p, n, 21);
    CHECK(majority == Approx(0.9).margin(four_se(0.9, n)));
    CHECK(minority == Approx(0.7).margin(four_se(0.7, n)));
    CHECK(majority - minority > 4.0 * std::sqrt(0.9 * 0.1 / n + 0.7 * 0.3 / n));
    CHECK(pass_share(suspicious, true, p, n, 22) == Approx(0.3).margin(four_se(0.3, n)));

    // A gap larger than the accuracy leaves a classifier that is always wrong, not a NaN.
    p.minority_gap = 2.0;
    CHECK(classifier_pass_probability(true, true, p) == 0.0);
    CHECK(classifier_pass_probability(false, true, p) == 1.0);
}

TEST_CASE("the classifier routes, filters and merges what it judges", "[triage]") {
    auto p = mode(triage_mode::classifier);
    p.accuracy = 0.0;  // always wrong: police matters are dropped, the rest passed
    recent_incidents recent(1);
    recent.record(7, 0);
    stream s = test_stream();
    CHECK(triage(filed(serious, 0, 8), false, p, recent, s).status == report_status::filtered);
    CHECK(triage(filed(public_service, 0, 8), false, p, recent, s).status == report_status::filed);
    CHECK(triage(filed(suspicious, 0), false, p, recent, s).status == report_status::filed);
    CHECK(triage(filed(suspicious, 0, 7), false, p, recent, s).status == report_status::merged);

    p.accuracy = 1.0;
    CHECK(triage(filed(serious, 0, 7), false, p, recent, s).status == report_status::merged);
    CHECK(triage(filed(public_service, 0, 7), false, p, recent, s).status ==
          report_status::routed_municipal);
    CHECK(triage(filed(serious, 1, 7), false, p, recent, s).status == report_status::filed);
}

TEST_CASE("minutes are spent per report by mode", "[triage]") {
    auto p = mode(triage_mode::none);
    p.rules_minutes = 4.0;
    p.classifier_minutes = 0.25;
    recent_incidents recent(1);
    recent.record(7, 0);
    for (const auto m : {triage_mode::none, triage_mode::rules, triage_mode::classifier}) {
        p.mode = m;
        const double expected = m == triage_mode::none ? 0.0 : m == triage_mode::rules ? 4.0 : 0.25;
        double total = 0.0;
        stream s = test_stream();
        for (const auto c : all_categories) {
            total += triage(filed(c, 0), false, p, recent, s).minutes;
            total += triage(filed(c, 0, 7), false, p, recent, s).minutes;  // merged ones too
        }
        CHECK(total == Approx(12.0 * expected));
    }
}

TEST_CASE("without triage the queue is first come first served", "[triage]") {
    police_params police;
    police.priority = {5, 3, 1, 0, 4, 2};
    const auto equal = effective_priority(police, triage_mode::none);
    for (const auto level : equal) CHECK(level == equal[0]);
    CHECK(effective_priority(police, triage_mode::rules) == police.priority);
    CHECK(effective_priority(police, triage_mode::classifier) == police.priority);

    police_queue queue(police, equal);
    std::vector<report> reports{filed(public_service, 0), filed(suspicious, 0), filed(minor, 0),
                                filed(serious, 0),        filed(incivility, 0), filed(hate, 0)};
    for (std::uint32_t r = 0; r < reports.size(); ++r) queue.enqueue(reports, r);
    CHECK(queue.waiting() == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5});
}
