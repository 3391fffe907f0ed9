#include "models/languages.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

using namespace civicsim::models;

TEST_CASE("supports finds a language among a channel's languages", "[languages]") {
    const std::vector<std::uint8_t> languages{0, 2};
    CHECK(supports(languages, 0));
    CHECK(supports(languages, 2));
    CHECK_FALSE(supports(languages, 1));
    CHECK_FALSE(supports(languages, 255));
    CHECK_FALSE(supports(std::vector<std::uint8_t>{}, 0));
}

TEST_CASE("language_table agrees with supports on every language index", "[languages]") {
    const std::vector<std::uint8_t> languages{3, 0, 31};
    const language_table table(languages);
    for (unsigned l = 0; l < 256; ++l) {
        const auto language = static_cast<std::uint8_t>(l);
        CHECK(table[language] == supports(languages, language));
    }
    CHECK(table[31]);
    CHECK_FALSE(table[1]);
}
