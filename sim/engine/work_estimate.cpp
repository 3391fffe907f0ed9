#include "sim/engine/work_estimate.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "models/exposure.hpp"
#include "models/metrics.hpp"

namespace civicsim::sim {

namespace {

/// a x b, saturating instead of wrapping: an absurd scenario must not look small.
std::uint64_t times(std::uint64_t a, std::uint64_t b) {
    if (a != 0 && b > UINT64_MAX / a) return UINT64_MAX;
    return a * b;
}

std::uint64_t plus(std::uint64_t a, std::uint64_t b) {
    return b > UINT64_MAX - a ? UINT64_MAX : a + b;
}

std::string gigabytes(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(bytes) / 1e9);
    return text;
}

std::string scientific(std::uint64_t n) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", static_cast<double>(n));
    return text;
}

}  // namespace

work_limits machine_limits() {
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long page_size = ::sysconf(_SC_PAGESIZE);
    const std::uint64_t physical =
        pages > 0 && page_size > 0
            ? times(static_cast<std::uint64_t>(pages), static_cast<std::uint64_t>(page_size))
            : UINT64_MAX;
    return {physical / 10 * 8, 1'000'000'000'000};
}

work_estimate estimate_work(const models::parameters& params, std::uint64_t runs, unsigned threads,
                            std::optional<std::uint64_t> kept) {
    work_estimate e;
    e.residents = models::total_population(params);
    e.runs = runs;
    const std::uint64_t days = params.scenario.days;
    e.resident_days = times(times(e.residents, days), runs);
    const std::uint64_t worlds = std::max<std::uint64_t>(1, std::min<std::uint64_t>(threads, runs));
    const std::uint64_t places = params.neighbourhoods.size();
    const std::uint64_t groups = params.scenario.communities.size() + models::age_band_count +
                                 models::exposure_count * models::exposure_groups;
    const std::uint64_t floats_per_day =
        plus(models::daily_metrics().size(), times(models::group_metrics().size(), groups));
    const std::uint64_t recorded = times(times(times(floats_per_day, places), days), sizeof(float));
    // Each run's outcomes, then the file image, which is at most as large before compression.
    const std::uint64_t holding =
        kept ? std::min(runs, plus(*kept, std::min<std::uint64_t>(threads, runs - *kept))) : runs;
    e.memory_bytes = plus(times(times(worlds, e.residents), bytes_per_resident_estimate),
                          times(times(recorded, holding), 2));
    return e;
}

std::string work_problem(const work_estimate& estimate, const work_limits& limits,
                         const std::string& override_it) {
    if (estimate.memory_bytes > limits.memory_bytes)
        return "needs about " + gigabytes(estimate.memory_bytes) + " of memory (" +
               std::to_string(estimate.residents) + " residents, " + std::to_string(estimate.runs) +
               " runs and their recorded outcomes), more than the " +
               gigabytes(limits.memory_bytes) +
               " allowed (80% of this machine's memory); use fewer residents, days, replications "
               "or threads, or " +
               override_it + " to try anyway";
    if (estimate.resident_days > limits.resident_days)
        return "asks for " + scientific(estimate.resident_days) + " resident-days (" +
               std::to_string(estimate.residents) + " residents x days x " +
               std::to_string(estimate.runs) + " runs), more than the " +
               scientific(limits.resident_days) +
               " allowed (about three hours at 100 M resident-days/s); use fewer residents, days "
               "or replications, or " +
               override_it + " to run it anyway";
    return {};
}

}  // namespace civicsim::sim
