#include "sim/engine/work_estimate.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "models/parameters.hpp"

using Catch::Matchers::Contains;
using civicsim::sim::estimate_work;
using civicsim::sim::work_limits;
using civicsim::sim::work_problem;

namespace {

civicsim::models::parameters city(std::uint32_t residents, std::uint32_t days) {
    civicsim::models::parameters p;
    p.scenario.days = days;
    p.neighbourhoods.resize(2);
    p.neighbourhoods[0].population = residents / 2;
    p.neighbourhoods[1].population = residents - residents / 2;
    return p;
}

}  // namespace

TEST_CASE("the work estimate counts resident-days and the worlds alive at once", "[engine]") {
    const auto p = city(1'000'000, 365);
    const auto one = estimate_work(p, 1, 4);
    CHECK(one.residents == 1'000'000);
    CHECK(one.resident_days == 365'000'000);
    const auto ten = estimate_work(p, 10, 4);
    CHECK(ten.resident_days == 3'650'000'000);
    // Four worlds at once, not ten: more runs add recorded outcomes only.
    const auto four_threads = estimate_work(p, 4, 4);
    CHECK(ten.memory_bytes > four_threads.memory_bytes);
    CHECK(ten.memory_bytes - four_threads.memory_bytes <
          civicsim::sim::bytes_per_resident_estimate * 1'000'000);
    CHECK(four_threads.memory_bytes >= 4 * civicsim::sim::bytes_per_resident_estimate * 1'000'000);
    CHECK(estimate_work(p, 1, 1).memory_bytes >=
          civicsim::sim::bytes_per_resident_estimate * 1'000'000);
}

TEST_CASE("runs that keep only summaries cost recorded outcomes only while they run", "[engine]") {
    const auto p = city(100'000, 365);
    const auto all = estimate_work(p, 1000, 2);
    const auto summaries = estimate_work(p, 1000, 2, 10);  // 10 kept, 990 summaries only
    CHECK(summaries.resident_days == all.resident_days);
    CHECK(summaries.memory_bytes == estimate_work(p, 12, 2).memory_bytes);
    CHECK(estimate_work(p, 10, 2, 10).memory_bytes == estimate_work(p, 10, 2).memory_bytes);
}

TEST_CASE("an estimate past a limit is refused with both numbers", "[engine]") {
    const auto e = estimate_work(city(1'000'000, 365), 2, 2);
    CHECK(work_problem(e, {e.memory_bytes, e.resident_days}).empty());
    const auto memory = work_problem(e, {e.memory_bytes - 1, e.resident_days});
    CHECK_THAT(memory, Contains("of memory (1000000 residents, 2 runs"));
    CHECK_THAT(memory, Contains("--allow-large"));
    const auto time = work_problem(e, {e.memory_bytes, 1'000'000});
    CHECK_THAT(time, Contains("asks for 7.3e+08 resident-days"));
    CHECK_THAT(time, Contains("more than the 1e+06 allowed"));
}

TEST_CASE("an absurd scenario saturates instead of wrapping to a small estimate", "[engine]") {
    const auto e = estimate_work(city(4'000'000'000U, 36'500), 10'000'000'000ULL, 1024);
    CHECK(e.resident_days == UINT64_MAX);
    CHECK(e.memory_bytes > 100'000'000'000'000'000ULL);  // 100,000 TB
    CHECK_FALSE(work_problem(e, civicsim::sim::machine_limits()).empty());
}

TEST_CASE("this machine's limits are its memory and 10^12 resident-days", "[engine]") {
    const auto limits = civicsim::sim::machine_limits();
    CHECK(limits.resident_days == 1'000'000'000'000);
    CHECK(limits.memory_bytes > 100'000'000);  // every machine that builds this has more
}
