#pragma once
// Whether a channel speaks a language: the one rule for the app, the phone desk, consultations,
// the translation bill and the tallies of who has access.

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>

namespace civicsim::models {

/// Whether a channel serving `languages` (indices into the scenario languages) speaks `language`.
constexpr bool supports(std::span<const std::uint8_t> languages, std::uint8_t language) noexcept {
    return std::find(languages.begin(), languages.end(), language) != languages.end();
}

/// supports() answered once for every language index, for the loops over every resident.
class language_table {
public:
    /// Built once per block and day in the outreach pass, so it asks supports() only for the
    /// languages listed (every other index is unsupported by that very rule); the test checks
    /// the table against supports() for all 256.
    constexpr explicit language_table(std::span<const std::uint8_t> languages) noexcept {
        for (const auto l : languages) spoken_[l] = supports(languages, l);
    }
    constexpr bool operator[](std::uint8_t language) const noexcept { return spoken_[language]; }

private:
    std::array<bool, 256> spoken_{};  // one per value of a std::uint8_t language index
};

}  // namespace civicsim::models
