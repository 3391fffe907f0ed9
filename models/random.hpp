#pragma once
// Counter-based random streams (DESIGN.md §7).
//
// Every draw is a pure function of (base seed, run) -> Philox key and
// (phase, day, entity, draw index) -> Philox counter. A submodel asks for the stream of the entity
// it is working on (a resident, a neighbourhood, the city) and draws from it in a fixed order, so
// no value depends on how work was split between threads or in which order tasks ran.

#include <Random123/philox.h>

#include <array>
#include <cstdint>
#include <limits>

namespace civicsim::models {

/// Word 3 of the Philox counter: the first level at which streams are kept apart. Its names are
/// historical; which engine phase draws from which value, and what for, is declared once in the
/// stream registry (models/streams.hpp), the only place production code opens a stream from.
enum class counter_phase : std::uint8_t {
    initialise,
    outreach,
    incidents,
    reporting,
    police,
    trust_fear,
    groups,       ///< joining, activities, Deffuant encounters
    information,  ///< rumours and vigilantism
    moderation,   ///< facilitators' decisions
    triage,       ///< police intake: triage and social-media pickup
    design,       ///< an experiment's design, drawn before any run (robustness draws)
};

/// Identifies one run: the base seed of the command and the run's index in it.
struct stream_key {
    std::uint64_t seed = 0;
    std::uint64_t run = 0;
};

using philox_counter = std::array<std::uint64_t, 4>;
using philox_key = std::array<std::uint64_t, 2>;

/// One application of Philox4x64-10 (Salmon et al. 2011, the Random123 reference implementation).
inline philox_counter philox4x64_10(const philox_counter& counter, const philox_key& key) noexcept {
    using generator = r123::Philox4x64_R<10>;
    const auto out =
        generator{}(generator::ctr_type{{counter[0], counter[1], counter[2], counter[3]}},
                    generator::key_type{{key[0], key[1]}});
    return {out[0], out[1], out[2], out[3]};
}

/// A stream of 64-bit values for one (run, phase, day, entity). Satisfies
/// UniformRandomBitGenerator, so Boost.Random distributions can draw from it.
class stream {
    __extension__ typedef unsigned __int128 uint128;

public:
    using result_type = std::uint64_t;

    stream(stream_key key, counter_phase p, std::uint32_t day, std::uint64_t entity) noexcept
        : stream(key, static_cast<std::uint64_t>(p), day, entity) {}
    /// The stream with counter words (draw, entity, day, phase_word).
    stream(stream_key key, std::uint64_t phase_word, std::uint32_t day,
           std::uint64_t entity) noexcept
        : key_{key.seed, key.run}, counter_{0, entity, day, phase_word} {}

    static constexpr result_type min() noexcept { return 0; }
    static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

    result_type operator()() noexcept {
        if (used_ == block_.size()) {
            block_ = philox4x64_10(counter_, key_);
            ++counter_[0];
            used_ = 0;
        }
        return block_[used_++];
    }

    /// A uniform double in [0, 1) from the top 53 bits of one draw.
    double uniform() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

    /// True with probability p (one draw, whatever p is, so the draw count stays fixed).
    bool bernoulli(double p) noexcept { return uniform() < p; }

    /// A uniform index in [0, n) (n > 0), by Lemire's multiply-shift; bias below 2^-32 for
    /// n < 2^32.
    std::uint64_t below(std::uint64_t n) noexcept {
        return static_cast<std::uint64_t>((static_cast<uint128>((*this)()) * n) >> 64);
    }

private:
    philox_key key_;
    philox_counter counter_;
    philox_counter block_{};
    std::size_t used_ = 4;
};

}  // namespace civicsim::models
