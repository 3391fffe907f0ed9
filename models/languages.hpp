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
    constexpr explicit language_table(std::span<const std::uint8_t> languages) noexcept {
        for (std::size_t l = 0; l < spoken_.size(); ++l)
            spoken_[l] = supports(languages, static_cast<std::uint8_t>(l));
    }
    constexpr bool operator[](std::uint8_t language) const noexcept { return spoken_[language]; }

private:
    std::array<bool, 256> spoken_{};  // one per value of a std::uint8_t language index
};

}  // namespace civicsim::models
