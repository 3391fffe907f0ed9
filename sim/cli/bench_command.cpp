// civicsim bench: resident-days per second of one run on a generated city.

#include <tbb/task_arena.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "sim/cli/commands.hpp"
#include "sim/cli/progress.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/synthetic.hpp"
#include "sim/engine/world.hpp"

namespace civicsim::cli {

int bench_command(const invocation& call) {
    po::options_description options("options");
    options.add_options()
        ("residents", po::value<std::uint32_t>()->default_value(100000), "residents in the city")
        ("days", po::value<std::uint32_t>()->default_value(365), "days to simulate")
        ("threads", po::value<unsigned>()->default_value(default_threads()), "threads to use");
    po::variables_map vm;
    if (!parse(call, "civicsim bench [--residents N] [--days D] [--threads T]", options, {}, vm))
        return ok;
    const auto residents = vm["residents"].as<std::uint32_t>();
    const auto days = vm["days"].as<std::uint32_t>();
    const unsigned threads = std::max(1U, vm["threads"].as<unsigned>());
    if (residents == 0 || days == 0 || days > 36500)
        throw po::error("--residents must be at least 1 and --days between 1 and 36500");

    const auto params = std::make_shared<const models::parameters>(sim::synthetic_city(residents, days));
    tbb::task_arena arena(static_cast<int>(threads));
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<sim::world> w;
    arena.execute([&] {
        w = std::make_unique<sim::world>(params, models::stream_key{1, 0});
        for (std::uint32_t d = 0; d < days; ++d) w->step();
    });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double resident_days = static_cast<double>(residents) * days;
    std::printf("residents            %u in %zu neighbourhoods (every mechanism on)\n", residents,
                params->neighbourhoods.size());
    std::printf("days                 %u\n", days);
    std::printf("threads              %u\n", threads);
    std::printf("wall time            %.3f s (world construction included)\n", seconds);
    std::printf("resident-days/s      %s (%.0f)\n", si(resident_days / seconds).c_str(), resident_days / seconds);
    std::printf("time per phase of the day:\n");
    const auto phases = w->phase_seconds();
    double stepped = 0.0;
    for (const double s : phases) stepped += s;
    for (std::size_t k = 0; k < phases.size(); ++k)
        std::printf("  %-12s %8.3f s  %5.1f %%\n", std::string(sim::world::phase_names[k]).c_str(), phases[k],
                    stepped > 0.0 ? 100.0 * phases[k] / stepped : 0.0);
    return ok;
}

}  // namespace civicsim::cli
