#pragma once
// Exponential clocks: event-driven Bernoulli processes.
//
// A resident who does something on each day t with probability 1 - exp(-h_t), independently from
// day to day, does it for the first time on the first day on which h_1 + ... + h_t reaches a
// threshold E drawn from Exp(1): P(E > H) = exp(-H), so the two processes are equal in law
// (the time change of a Poisson process). A clock holds what is left of E;
// each day spends that day's hazard, and no random number is drawn until the event happens. The
// daily loops then touch a float instead of generating a Philox block for every resident.
//
// Clocks are floats: a day's hazard is subtracted with a rounding error of at most half a unit in
// the last place of the clock (2^-24 of it, relative). For a constant hazard that error can repeat
// day after day, so the rate the clock realises may be off by up to ulp / (2 hazard): for the
// smallest hazards the model uses (suspicious-person reports, about 1e-5 a day) and a clock in
// [1, 2), 0.6 %; for adoption (about 1e-4 a day), under 0.1 %. Both are well inside the
// uncertainty of the rates themselves; a double clock would remove it at 4 more bytes each.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "models/random.hpp"

namespace civicsim::models {

/// A threshold drawn from Exp(1) (one draw from `s`), never 0: u is taken at the middle of its
/// 2^-53 step, so -log(1 - u) > 0 and a clock with no hazard never runs out.
inline float exponential_threshold(stream& s) noexcept {
    const double u = (static_cast<double>(s() >> 11) + 0.5) * 0x1.0p-53;
    return static_cast<float>(-std::log1p(-u));
}

/// Spends `hazard` (>= 0) from `clock`; true when the clock has run out, i.e. the event happens
/// today. A clock that ran out must be rewound (a new threshold) or retired by its caller.
inline bool spend(float& clock, float hazard) noexcept {
    clock -= hazard;
    return clock <= 0.0F;
}

/// A clock for an event that can no longer happen: spending never runs it out.
inline constexpr float retired_clock = std::numeric_limits<float>::infinity();

/// The loops over every resident spend `hazard` only from eligible residents, as a product rather
/// than a branch: eligibility is a random pattern over residents, which branch prediction cannot
/// follow, while the clock's running out is rare.
inline bool spend_if(float& clock, float hazard, bool eligible) noexcept {
    return spend(clock, hazard * static_cast<float>(eligible));
}

/// Spends `hazard(k)` from clocks[k] for every k in [0, n) and calls `ran_out(k)`, in order of
/// k, for each clock that ran out; ran_out must rewind or retire that clock. The spending is one
/// straight-line pass per chunk of 256 clocks that also counts the clocks that ran out, and
/// only a chunk with one is looked through again: on most days there is none, and the scalar,
/// branching work is skipped. `hazard` must be branch-free for the pass to vectorise.
template <class Hazard, class RanOut>
void spend_run(float* clocks, std::size_t n, Hazard&& hazard, RanOut&& ran_out) {
    constexpr std::size_t chunk = 256;
    // size_t indices: with a 32-bit index from a chunk's start, GCC 12 gathers element by element.
    for (std::size_t from = 0; from < n; from += chunk) {
        const std::size_t to = n - from < chunk ? n : from + chunk;
        std::uint32_t out = 0;
        for (std::size_t k = from; k < to; ++k) {
            clocks[k] -= hazard(k);
            out += clocks[k] <= 0.0F ? 1U : 0U;
        }
        if (out == 0) continue;
        for (std::size_t k = from; k < to; ++k)
            if (clocks[k] <= 0.0F) ran_out(k);
    }
}

}  // namespace civicsim::models
