#pragma once
// Costly checks of a day's state: what must hold after every day whatever the parameters. The
// engine runs them after each day only in builds configured with -DCIVICSIM_INVARIANTS=ON (the
// sanitizer builds, docs/reliability.md); the checks themselves are plain functions, always
// compiled, so that a test can feed each a deliberately broken state.

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

#include "models/population.hpp"
#include "models/reporting.hpp"

namespace civicsim::models {

/// A broken invariant: a bug in the engine or a submodel, never bad input. The message names the
/// invariant, the day and the neighbourhood (by index).
class invariant_error : public std::logic_error {
public:
    invariant_error(std::string_view invariant, std::uint32_t day, std::size_t neighbourhood,
                    const std::string& detail);
};

/// Trust, resting trust, fear, resting fear and prejudice of every resident of `range` (all of
/// neighbourhood `neighbourhood`) are probabilities: finite, in [0, 1]; each resident's
/// neighbourhood column says `neighbourhood`.
void check_residents(const residents& people, resident_range range, std::size_t neighbourhood,
                     std::uint32_t day);

/// The population is conserved: the neighbourhood ranges tile [0, people.size()) in order, and
/// their total is `expected_total`, the population the run started with.
void check_population(const population& pop, std::size_t expected_total, std::uint32_t day);

/// Every report is in exactly one status: a known one; queued (open) or final at the end of a
/// day, never left `filed`; closed on or after the day filed and not after today when final;
/// and the open reports of each neighbourhood number open_by_neighbourhood[h].
void check_reports(std::span<const report> reports,
                   std::span<const std::uint32_t> open_by_neighbourhood, std::uint32_t day);

}  // namespace civicsim::models
