#include "models/police.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <type_traits>
#include <vector>

using namespace civicsim::models;

namespace {

// UK-style grading spelled out, so that the tests do not depend on the defaults.
// Suspicious-person reports get values no other category has, so that a test sees which apply.
police_params graded_police() {
    police_params p;
    p.handling_hours = {4.0, 2.0, 1.0, 0.5, 3.0, 1.25};
    p.expiry_days = {1.0, 7.0, 7.0, 14.0, 2.0, 3.0};
    // serious, hate, minor, suspicious person, incivility, public service
    p.priority = {5, 3, 1, 0, 4, 2};
    return p;
}

report filed(incident_category c, std::uint16_t day, std::uint16_t neighbourhood = 0) {
    report r;
    r.category = c;
    r.day_filed = day;
    r.neighbourhood = neighbourhood_id{neighbourhood};
    return r;
}

void enqueue_all(police_queue& queue, std::vector<report>& reports) {
    for (std::uint32_t r = 0; r < reports.size(); ++r) queue.enqueue(reports, r);
}

constexpr auto serious = incident_category::serious_crime;
constexpr auto minor = incident_category::minor_offence;
constexpr auto incivility = incident_category::incivility;
constexpr auto public_service = incident_category::public_service;
constexpr auto hate = incident_category::hate_crime;
constexpr auto suspicious = incident_category::suspicious_person;

}  // namespace

TEST_CASE("report_hours_per_day is officers times hours times the report share", "[police]") {
    parameters params;
    params.neighbourhoods.resize(2);
    params.neighbourhoods[0].population = 4450;
    params.neighbourhoods[1].population = 4450;
    params.police.residents_per_officer = 445.0;
    params.police.officer_hours_per_day = 5.5;
    params.police.report_share = 0.05;
    // 8,900 / 445 = 20 officers, 20 * 5.5 * 0.05 = 5.5 hours.
    CHECK(report_hours_per_day(params) == Approx(5.5));

    params.police.report_share = 0.1;
    CHECK(report_hours_per_day(params) == Approx(11.0));
    params.neighbourhoods.clear();
    CHECK(report_hours_per_day(params) == 0.0);
}

TEST_CASE("response_hours runs from the filing's day and hour to the start", "[police]") {
    auto r = filed(minor, 3);
    r.hour_filed = 22.5F;
    CHECK(clock_hours(3, 22.5) == Approx(94.5));
    CHECK(response_hours(r, clock_hours(5, 6.0)) == Approx(24.0 + 1.5 + 6.0));
    CHECK(response_hours(r, clock_hours(3, 22.75)) == Approx(0.25));
}

TEST_CASE("within_target compares the response time with the category's target", "[police]") {
    const police_params params;  // serious crime: emergency, 15 min
    auto r = filed(serious, 0);
    r.response_hours = 0.25F;
    CHECK(within_target(r, params));
    r.response_hours = 0.3F;
    CHECK_FALSE(within_target(r, params));
    r.category = minor;  // scheduled, 48 h
    r.response_hours = 47.0F;
    CHECK(within_target(r, params));
}

TEST_CASE("the default grades and targets follow UK force grading", "[police]") {
    const police_params params;
    for (std::size_t c = 0; c < report_category_count; ++c)
        CHECK(params.target_hours[c] == response_grade_target_hours[to_index(params.grade[c])]);
    CHECK(params.grade[to_index(serious)] == response_grade::emergency);
    CHECK(params.grade[to_index(hate)] == response_grade::priority);
    CHECK(params.grade[to_index(public_service)] == response_grade::scheduled);
}

TEST_CASE("a free post waits for the next report filed, and posts work side by side", "[police]") {
    const auto params = graded_police();
    police_queue queue(params);
    // 48 hours a day: two posts, each doing one hour of work per clock hour.
    std::vector<report> reports{filed(minor, 0), filed(minor, 0), filed(serious, 0),
                                filed(incivility, 0)};
    reports[0].hour_filed = 1.0F;
    reports[1].hour_filed = 1.5F;
    reports[2].hour_filed = 2.0F;
    reports[3].hour_filed = 2.5F;
    enqueue_all(queue, reports);
    std::vector<std::uint32_t> closed;
    std::vector<double> hours_by_neighbourhood{0.0};

    const auto day = queue.work(reports, 0, 48.0, closed, hours_by_neighbourhood);

    // Posts idle until 1:00 and 1:30; minor offences take 2 h, so the serious crime filed at
    // 2:00 waits for the first post (3:00) and the incivility for the second (3:30).
    CHECK(closed == std::vector<std::uint32_t>{0, 1, 2, 3});
    CHECK(day.handled == 4);
    CHECK(reports[0].response_hours == Approx(0.0));
    CHECK(reports[1].response_hours == Approx(0.0));
    CHECK(reports[2].response_hours == Approx(1.0));
    CHECK(reports[3].response_hours == Approx(1.0));
}

TEST_CASE("a report filed late in the day waits for the next day's work", "[police]") {
    const auto params = graded_police();
    police_queue queue(params);
    std::vector<report> reports{filed(minor, 0), filed(minor, 0)};
    reports[0].hour_filed = 20.0F;
    reports[1].hour_filed = 21.0F;
    enqueue_all(queue, reports);
    std::vector<std::uint32_t> closed;
    std::vector<double> hours_by_neighbourhood{0.0};

    // 6 hours a day: one post at a quarter of an hour of work per clock hour; a 2-hour minor
    // offence takes it 8 clock hours, into the next day.
    queue.work(reports, 0, 6.0, closed, hours_by_neighbourhood);
    CHECK(reports[0].status == report_status::handled);
    CHECK(reports[0].response_hours == Approx(0.0));
    CHECK(reports[1].status == report_status::queued);
    queue.work(reports, 1, 6.0, closed, hours_by_neighbourhood);
    CHECK(reports[1].status == report_status::handled);
    CHECK(reports[1].response_hours == Approx(28.0 - 21.0));  // started at 4:00 on day 1
}

TEST_CASE("the queue orders reports by priority and first come first served within one",
          "[police]") {
    const auto params = graded_police();
    police_queue queue(params);
    std::vector<report> reports{filed(public_service, 0), filed(minor, 0),   filed(serious, 0),
                                filed(incivility, 0),     filed(serious, 0), filed(hate, 0)};
    enqueue_all(queue, reports);

    CHECK(queue.waiting() == std::vector<std::uint32_t>{2, 4, 5, 1, 3, 0});
    CHECK(queue.size() == 6);
    for (const auto& r : reports) CHECK(r.status == report_status::queued);
}

TEST_CASE("categories sharing a priority share one first come first served level", "[police]") {
    auto params = graded_police();
    params.priority = {2, 1, 1, 0, 2, 0};  // serious with hate, minor with incivility, ...
    police_queue queue(params);
    std::vector<report> reports{filed(hate, 0),       filed(minor, 0),          filed(serious, 0),
                                filed(incivility, 0), filed(public_service, 0), filed(hate, 0),
                                filed(suspicious, 0), filed(public_service, 0)};
    enqueue_all(queue, reports);

    // ... and public service with suspicious person.
    CHECK(queue.waiting() == std::vector<std::uint32_t>{0, 2, 5, 1, 3, 4, 6, 7});
    CHECK(queue.size() == queue.waiting().size());
}

TEST_CASE("handled reports are closed with their day response time and hours", "[police]") {
    const auto params = graded_police();
    police_queue queue(params);
    std::vector<report> reports{filed(minor, 0, 0), filed(serious, 0, 1), filed(incivility, 0, 0)};
    enqueue_all(queue, reports);
    std::vector<std::uint32_t> closed;
    std::vector<double> hours_by_neighbourhood{0.0, 0.0};

    const auto day = queue.work(reports, 1, 100.0, closed, hours_by_neighbourhood);

    CHECK(closed == std::vector<std::uint32_t>{1, 0, 2});  // serious, minor, incivility
    CHECK(day.handled == 3);
    CHECK(day.expired == 0);
    CHECK(day.hours_available == Approx(100.0));
    CHECK(day.hours_used == Approx(4.0 + 2.0 + 1.0));
    for (const auto& r : reports) {
        CHECK(r.status == report_status::handled);
        CHECK(r.day_closed == 1);
    }
    // Filed at midnight a day before; five posts are free at the start of the day.
    CHECK(reports[1].response_hours == Approx(24.0));
    CHECK(reports[0].response_hours == Approx(24.0));
    CHECK(reports[2].response_hours == Approx(24.0));
    CHECK(hours_by_neighbourhood[0] == Approx(2.0 + 1.0));
    CHECK(hours_by_neighbourhood[1] == Approx(4.0));
    CHECK(queue.size() == 0);
    CHECK(queue.waiting().empty());
}

TEST_CASE("a report expires after waiting longer than its limit but not exactly its limit",
          "[police]") {
    const auto params = graded_police();  // serious crime expires after 1 day
    police_queue queue(params);
    std::vector<report> reports{filed(serious, 0), filed(serious, 1), filed(minor, 0)};
    enqueue_all(queue, reports);
    std::vector<std::uint32_t> closed;
    std::vector<double> hours_by_neighbourhood{0.0};

    const auto day = queue.work(reports, 2, 0.0, closed, hours_by_neighbourhood);

    CHECK(closed == std::vector<std::uint32_t>{0});
    CHECK(day.expired == 1);
    CHECK(day.handled == 0);
    CHECK(reports[0].status == report_status::expired);
    CHECK(reports[0].day_closed == 2);
    CHECK(reports[0].response_hours == 0.0F);
    CHECK(reports[1].status == report_status::queued);  // waited exactly 1 day
    CHECK(reports[2].status == report_status::queued);
    CHECK(queue.waiting() == std::vector<std::uint32_t>{1, 2});
    CHECK(hours_by_neighbourhood[0] == 0.0);
}

TEST_CASE("closed lists expired reports first and then handled ones", "[police]") {
    const auto params = graded_police();
    police_queue queue(params);
    std::vector<report> reports{filed(minor, 0), filed(serious, 0), filed(incivility, 0),
                                filed(hate, 0)};
    enqueue_all(queue, reports);
    std::vector<std::uint32_t> closed{42};  // appended to, not replaced
    std::vector<double> hours_by_neighbourhood{0.0};

    const auto day = queue.work(reports, 3, 100.0, closed, hours_by_neighbourhood);

    // Serious crime (1 day) and hate crime (2 days) have expired; the rest are handled.
    CHECK(closed == std::vector<std::uint32_t>{42, 1, 3, 0, 2});
    CHECK(day.expired == 2);
    CHECK(day.handled == 2);
    CHECK(reports[1].status == report_status::expired);
    CHECK(reports[3].status == report_status::expired);
    CHECK(hours_by_neighbourhood[0] == Approx(2.0 + 1.0));  // expired reports cost nothing
}

TEST_CASE("when the hours run out the remaining reports stay queued", "[police]") {
    const auto params = graded_police();
    police_queue queue(params);
    std::vector<report> reports{filed(serious, 0), filed(serious, 0), filed(minor, 0)};
    enqueue_all(queue, reports);
    std::vector<std::uint32_t> closed;
    std::vector<double> hours_by_neighbourhood{0.0};

    // 5 hours: the first serious crime takes the post 24 * 4 / 5 clock hours, so the second is
    // started before midnight (and finished the next day): one of its 4 hours is worked today.
    const auto day = queue.work(reports, 0, 5.0, closed, hours_by_neighbourhood);

    CHECK(closed == std::vector<std::uint32_t>{0, 1});
    CHECK(day.handled == 2);
    CHECK(day.hours_used == Approx(5.0));
    CHECK(hours_by_neighbourhood[0] == Approx(5.0));
    CHECK(reports[1].response_hours == Approx(24.0 * 4.0 / 5.0));
    CHECK(reports[2].status == report_status::queued);
    CHECK(queue.waiting() == std::vector<std::uint32_t>{2});
    CHECK(queue.size() == 1);
}

TEST_CASE("work started before midnight delays the next day's", "[police]") {
    const auto params = graded_police();
    police_queue queue(params);
    std::vector<report> reports{filed(serious, 0), filed(serious, 0), filed(minor, 0)};
    enqueue_all(queue, reports);
    std::vector<std::uint32_t> closed;
    std::vector<double> hours_by_neighbourhood{0.0};

    queue.work(reports, 0, 5.0, closed, hours_by_neighbourhood);  // 8 hours of work started
    const auto day2 = queue.work(reports, 1, 5.0, closed, hours_by_neighbourhood);

    // The post is busy until 24 * 8 / 5 = 38.4 h on the run's clock: the second report's other
    // 3 hours, then the minor offence's 2, which ends at midnight.
    CHECK(day2.hours_available == Approx(5.0));
    CHECK(day2.handled == 1);
    CHECK(day2.hours_used == Approx(3.0 + 2.0));
    CHECK(hours_by_neighbourhood[0] == Approx(5.0 + 5.0));
    CHECK(reports[2].status == report_status::handled);
    CHECK(reports[2].response_hours == Approx(38.4));
}

TEST_CASE("a report longer than a day's hours keeps its post busy for days", "[police]") {
    const auto params = graded_police();
    police_queue queue(params);
    std::vector<report> reports{filed(serious, 0), filed(minor, 0)};
    enqueue_all(queue, reports);
    std::vector<std::uint32_t> closed;
    std::vector<double> hours_by_neighbourhood{0.0};

    // One hour a day and a 4-hour report: the post is busy until the start of day 4, and the
    // report's hours count one a day.
    CHECK(queue.work(reports, 0, 1.0, closed, hours_by_neighbourhood).hours_used == Approx(1.0));
    for (std::uint32_t day = 1; day < 4; ++day) {
        const auto today = queue.work(reports, day, 1.0, closed, hours_by_neighbourhood);
        CHECK(today.handled == 0);
        CHECK(today.hours_used == Approx(1.0));
    }
    CHECK(queue.work(reports, 4, 1.0, closed, hours_by_neighbourhood).handled == 1);
    CHECK(reports[1].response_hours == Approx(96.0));
    CHECK(hours_by_neighbourhood[0] == Approx(5.0));  // the minor offence's first hour too
}

TEST_CASE("a day's hours worked never exceed its hours, however long a report takes", "[police]") {
    // A report of a million hours on a millionth of an hour a day: the queue once counted the
    // whole report on the day it started (a utilisation of 1e12, and an infinite cost with
    // absurd handling hours); now it counts what is worked, and never more than the day has.
    auto params = graded_police();
    params.handling_hours[to_index(serious)] = 1e6;
    police_queue queue(params);
    std::vector<report> reports;
    std::vector<std::uint32_t> closed;
    std::vector<double> hours_by_neighbourhood{0.0};
    double used = 0.0, available = 0.0;
    for (std::uint16_t day = 0; day < 30; ++day) {
        for (const auto c : {serious, minor, incivility, public_service, hate, suspicious}) {
            reports.push_back(filed(c, day));
            queue.enqueue(reports, static_cast<std::uint32_t>(reports.size() - 1));
        }
        const double hours = day % 7 == 6 ? 0.0 : (day < 10 ? 1e-6 : 30.0);
        const auto today = queue.work(reports, day, hours, closed, hours_by_neighbourhood);
        INFO("day " << day);
        CHECK(today.hours_used <= today.hours_available * (1.0 + 1e-12));
        used += today.hours_used;
        available += today.hours_available;
    }
    CHECK(used > 0.0);
    CHECK(used <= available * (1.0 + 1e-12));
    CHECK(hours_by_neighbourhood[0] == Approx(used));
}

TEST_CASE("size and waiting agree as reports come and go", "[police]") {
    const auto params = graded_police();
    police_queue queue(params);
    std::vector<report> reports;
    std::vector<std::uint32_t> closed;
    std::vector<double> hours_by_neighbourhood{0.0};
    CHECK(queue.size() == 0);
    for (std::uint16_t day = 0; day < 10; ++day) {
        for (const auto c : {serious, minor, incivility, public_service, hate, suspicious}) {
            reports.push_back(filed(c, day));
            queue.enqueue(reports, static_cast<std::uint32_t>(reports.size() - 1));
        }
        queue.work(reports, day, 3.0, closed, hours_by_neighbourhood);
        INFO("day " << day);
        CHECK(queue.size() == queue.waiting().size());
        // Every report is either closed or waiting, never both.
        CHECK(queue.size() + closed.size() == reports.size());
    }
}

TEST_CASE("police arrays have an entry for every report category", "[police]") {
    STATIC_REQUIRE(std::tuple_size_v<decltype(police_params::handling_hours)> ==
                   report_category_count);
    STATIC_REQUIRE(std::tuple_size_v<decltype(police_params::expiry_days)> ==
                   report_category_count);
    STATIC_REQUIRE(std::tuple_size_v<decltype(police_params::priority)> == report_category_count);
    // The queue keeps a reference to its parameters, so it refuses a temporary.
    STATIC_REQUIRE_FALSE(std::is_constructible_v<police_queue, police_params&&>);
}

TEST_CASE("the default priorities put suspicious persons between minor offences and incivility",
          "[police]") {
    const police_params params;  // the scenario defaults
    police_queue queue(params);
    std::vector<report> reports{filed(public_service, 0), filed(incivility, 0),
                                filed(suspicious, 0),     filed(minor, 0),
                                filed(hate, 0),           filed(serious, 0)};
    enqueue_all(queue, reports);
    CHECK(queue.waiting() == std::vector<std::uint32_t>{5, 4, 3, 2, 1, 0});
}

TEST_CASE("the explicit priorities replace the parameters' priorities", "[police]") {
    const auto params = graded_police();
    // Reversed: public service first, serious crime last.
    police_queue queue(params, per_report_category<std::uint8_t>{0, 2, 3, 5, 1, 4});
    std::vector<report> reports{filed(serious, 0),    filed(hate, 0),
                                filed(minor, 0),      filed(suspicious, 0),
                                filed(incivility, 0), filed(public_service, 0)};
    enqueue_all(queue, reports);
    CHECK(queue.waiting() == std::vector<std::uint32_t>{5, 3, 4, 2, 1, 0});
}

TEST_CASE("with all priorities equal the queue is first come first served across categories",
          "[police]") {
    const auto params = graded_police();
    police_queue queue(params, per_report_category<std::uint8_t>{7, 7, 7, 7, 7, 7});
    std::vector<report> reports{filed(public_service, 0), filed(incivility, 0), filed(serious, 0),
                                filed(suspicious, 0),     filed(minor, 0),      filed(hate, 0),
                                filed(public_service, 0), filed(serious, 0)};
    enqueue_all(queue, reports);
    CHECK(queue.waiting() == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 7});

    std::vector<std::uint32_t> closed;
    std::vector<double> hours_by_neighbourhood{0.0};
    // The public-service, incivility and serious reports, in that order (the serious crime is
    // started at 24 * 1.5 / 5 h, before midnight): 0.5 + 1 hours, and 3.5 of the serious crime's
    // 4, are today's 5.
    const auto day = queue.work(reports, 0, 5.0, closed, hours_by_neighbourhood);
    CHECK(closed == std::vector<std::uint32_t>{0, 1, 2});
    CHECK(day.hours_used == Approx(5.0));
    CHECK(reports[1].response_hours == Approx(24.0 * 0.5 / 5.0));
    CHECK(reports[2].response_hours == Approx(24.0 * 1.5 / 5.0));
    CHECK(queue.waiting() == std::vector<std::uint32_t>{3, 4, 5, 6, 7});
}

TEST_CASE("suspicious-person reports cost their own handling hours", "[police]") {
    const auto params = graded_police();
    police_queue queue(params);
    std::vector<report> reports{filed(suspicious, 0, 1), filed(suspicious, 0, 0),
                                filed(incivility, 0, 1)};
    enqueue_all(queue, reports);
    std::vector<std::uint32_t> closed;
    std::vector<double> hours_by_neighbourhood{0.0, 0.0};

    const auto day = queue.work(reports, 0, 100.0, closed, hours_by_neighbourhood);

    CHECK(closed == std::vector<std::uint32_t>{0, 1, 2});  // above incivility
    CHECK(day.handled == 3);
    CHECK(day.hours_used == Approx(1.25 + 1.25 + 1.0));
    CHECK(hours_by_neighbourhood[0] == Approx(1.25));
    CHECK(hours_by_neighbourhood[1] == Approx(1.25 + 1.0));
    CHECK(reports[1].response_hours == Approx(0.0));  // five posts: all start at once
    CHECK(reports[2].response_hours == Approx(0.0));
    for (const auto& r : reports) CHECK(r.status == report_status::handled);
}

TEST_CASE("suspicious-person reports expire after their own limit", "[police]") {
    const auto params = graded_police();  // 3 days, where hate crime has 2 and minor 7
    police_queue queue(params);
    std::vector<report> reports{filed(suspicious, 0), filed(suspicious, 1), filed(hate, 1),
                                filed(minor, 0)};
    enqueue_all(queue, reports);
    std::vector<std::uint32_t> closed;
    std::vector<double> hours_by_neighbourhood{0.0};

    // Day 3: the first has waited exactly 3 days and stays; nothing has expired yet.
    auto day = queue.work(reports, 3, 0.0, closed, hours_by_neighbourhood);
    CHECK(day.expired == 0);
    CHECK(closed.empty());

    // Day 4: the first (4 days) and the hate crime (3 days) expire; the second waited 3.
    day = queue.work(reports, 4, 0.0, closed, hours_by_neighbourhood);
    CHECK(day.expired == 2);
    CHECK(closed == std::vector<std::uint32_t>{2, 0});  // in queue order: hate crime first
    CHECK(reports[0].status == report_status::expired);
    CHECK(reports[0].day_closed == 4);
    CHECK(reports[1].status == report_status::queued);
    CHECK(reports[3].status == report_status::queued);

    day = queue.work(reports, 5, 0.0, closed, hours_by_neighbourhood);
    CHECK(day.expired == 1);
    CHECK(reports[1].status == report_status::expired);
    CHECK(queue.waiting() == std::vector<std::uint32_t>{3});
}
