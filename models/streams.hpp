#pragma once
// The registry of random streams: every kind of draw the model makes, declared once, with the
// engine phase that draws it, what it is for and the part of Philox's counter space it owns
// (DESIGN.md §7). Code opens a stream only through a kind of this file or, for a mechanism of
// models/mechanisms/, through mechanism_stream(); a compile-time check below proves that no two
// kinds can ever produce the same counter, so no draw is shared by accident.
//
// The encoding: counter word 3 is `phase_word`, word 1 is `tag | entity` with
// entity < 2^entity_bits, word 2 the day, word 0 the draw index. The values of the built-in kinds
// are those the engine has always used, so results stay bit for bit what they were.

#include <array>
#include <cstdint>
#include <string_view>

#include "models/random.hpp"

namespace civicsim::models {

/// The engine's steps, in the order of a day (sim/engine/world.cpp walks them in this order);
/// `construction` is the building of the world before day 0.
enum class engine_phase : std::uint8_t {
    design,  ///< before any run: the draws of a comparison's design, not of a run
    construction,
    policy,
    outreach,
    groups,
    incidents,
    information,
    moderation,
    intake,
    response,
    mechanisms,
    attitudes,
    record,
};

/// One kind of draw: when, what for, and its range of counters.
struct stream_kind {
    std::string_view purpose;
    engine_phase when;
    std::uint64_t phase_word;  ///< counter word 3
    std::uint64_t tag;         ///< high bits of counter word 1
    unsigned entity_bits;      ///< the entity (resident, report, ...) is below 2^entity_bits

    constexpr std::uint64_t first() const noexcept { return tag; }
    constexpr std::uint64_t last() const noexcept {
        return tag +
               (entity_bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << entity_bits) - 1);
    }
    /// The stream of one entity on one day.
    stream open(stream_key key, std::uint32_t day, std::uint64_t entity) const noexcept {
        return stream(key, phase_word, day, tag | entity);
    }
};

namespace streams {

constexpr auto word(counter_phase p) { return static_cast<std::uint64_t>(p); }

// Entities: a resident index (< 2^32), a neighbourhood (< 2^16), a report index (< 2^32), or a
// pair packed as the comment says.
inline constexpr stream_kind resident_attributes{
    "a resident's attributes and first clock thresholds", engine_phase::construction,
    word(counter_phase::initialise), 0, 32};
inline constexpr stream_kind group_joining{
    "a resident joining a group (and training as facilitator)", engine_phase::groups,
    word(counter_phase::outreach), 1ULL << 40, 32};
inline constexpr stream_kind volunteering{"a group member becoming a volunteer",
                                          engine_phase::groups, word(counter_phase::outreach),
                                          2ULL << 40, 32};
inline constexpr stream_kind consultation{"a resident taking part in a consultation",
                                          engine_phase::groups, word(counter_phase::outreach),
                                          4ULL << 40, 32};
inline constexpr stream_kind incidents{
    "a neighbourhood's incidents, victims and patrol discoveries", engine_phase::incidents,
    word(counter_phase::incidents), 0, 16};
/// Entity: neighbourhood << 32 | the incident's index in the day's batch.
inline constexpr stream_kind report_decisions{"who reports an incident, and through which channel",
                                              engine_phase::incidents,
                                              word(counter_phase::reporting), 0, 48};
inline constexpr stream_kind suspicion{"a suspicious-person report: next clock, target, channel",
                                       engine_phase::outreach, word(counter_phase::reporting),
                                       1ULL << 48, 32};
inline constexpr stream_kind intake_order{"the order in which the day's reports reach the police",
                                          engine_phase::intake, word(counter_phase::police), 0, 0};
/// Entity: the report's index in the run, after the day's shuffle.
inline constexpr stream_kind report_arrival{"the time of day a report reaches the police",
                                            engine_phase::intake, word(counter_phase::police),
                                            2ULL << 40, 32};
/// Entity: the report's index in the run.
inline constexpr stream_kind innocent_stop{"who is stopped after a suspicious-person report",
                                           engine_phase::response, word(counter_phase::police),
                                           1ULL << 40, 32};
/// Entity: the report's index in the run.
inline constexpr stream_kind contact{"whether a police answer is experienced as fair",
                                     engine_phase::response, word(counter_phase::trust_fear), 0,
                                     32};
/// Entity: neighbourhood << 24 | group.
inline constexpr stream_kind deffuant{"a group's Deffuant encounters", engine_phase::groups,
                                      word(counter_phase::groups), 6ULL << 40, 40};
inline constexpr stream_kind rumour{"a neighbourhood's rumour: start, seeds, spread, debunking",
                                    engine_phase::information, word(counter_phase::information), 0,
                                    16};
inline constexpr stream_kind vigilante_act{"whether a spreader acts, and how",
                                           engine_phase::information,
                                           word(counter_phase::information), 8ULL << 40, 32};
/// Entity: the resident. Opened with day word 0 whatever the day: the network is fixed for the
/// run.
inline constexpr stream_kind followers{
    "a social-media user's followers, and whether they follow the police",
    engine_phase::information, word(counter_phase::information), 9ULL << 40, 32};
/// Entity: the resident's index; drawn on day 0 only, a fixed trait.
inline constexpr stream_kind risk_trait{"a resident's risk aversion (vigilantism)",
                                        engine_phase::information, word(counter_phase::information),
                                        10ULL << 40, 32};
inline constexpr stream_kind rumour_moderation{"facilitators stopping rumours and shaming posts",
                                               engine_phase::information,
                                               word(counter_phase::moderation), 2ULL << 48, 16};
/// Entity: neighbourhood << 32 | the report's index in the neighbourhood's day.
inline constexpr stream_kind report_moderation{"a facilitator's decision on a group report",
                                               engine_phase::moderation,
                                               word(counter_phase::moderation), 0, 48};
/// Entity: the report's index in the run.
inline constexpr stream_kind triage{"social-media pickup and police triage of a report",
                                    engine_phase::intake, word(counter_phase::triage), 0, 32};

/// Entity: the uncertain parameter's index. Opened with the key (seed, 0) and day word 0: the
/// Latin-hypercube draws of `civicsim compare --robust`, the same for every strategy and run.
inline constexpr stream_kind uncertainty_design{
    "the Latin-hypercube draws of the uncertain parameters", engine_phase::design,
    word(counter_phase::design), 0, 16};

inline constexpr std::array built_in{
    resident_attributes, group_joining,    volunteering,   consultation,
    incidents,           report_decisions, suspicion,      intake_order,
    innocent_stop,       contact,          deffuant,       rumour,
    vigilante_act,       followers,        risk_trait,     rumour_moderation,
    report_moderation,   triage,           report_arrival, uncertainty_design};

/// Mechanisms of models/mechanisms/ draw from phase words from here on, one each.
inline constexpr std::uint64_t first_mechanism_word = 16;
/// A mechanism's purposes are kept apart by the top 16 bits of the entity word.
inline constexpr unsigned mechanism_entity_bits = 48;

/// True when no two kinds of `kinds` can produce the same counter.
template <std::size_t N>
constexpr bool disjoint(const std::array<stream_kind, N>& kinds) {
    for (std::size_t a = 0; a < N; ++a) {
        if (kinds[a].entity_bits < 64 &&
            (kinds[a].tag & ((std::uint64_t{1} << kinds[a].entity_bits) - 1)) != 0)
            return false;  // the tag must sit above the entity
        if (kinds[a].phase_word >= first_mechanism_word) return false;
        for (std::size_t b = a + 1; b < N; ++b)
            if (kinds[a].phase_word == kinds[b].phase_word && kinds[a].first() <= kinds[b].last() &&
                kinds[b].first() <= kinds[a].last())
                return false;
    }
    return true;
}
static_assert(disjoint(built_in), "two stream kinds share counters");

}  // namespace streams

/// The stream kind of purpose `purpose` (an enumerator of the mechanism's own `stream_purpose`)
/// of the mechanism at position `mechanism` in the mechanism list: phase word
/// first_mechanism_word + position, the purpose in the entity word's top 16 bits. Two mechanisms,
/// or two purposes, never share a counter, and none meets a built-in kind.
constexpr stream_kind mechanism_stream(std::size_t mechanism, std::uint64_t purpose,
                                       std::string_view what) noexcept {
    return {what, engine_phase::mechanisms, streams::first_mechanism_word + mechanism,
            purpose << streams::mechanism_entity_bits, streams::mechanism_entity_bits};
}

}  // namespace civicsim::models
