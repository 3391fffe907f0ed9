#include "models/streams.hpp"

#include <catch2/catch.hpp>

using namespace civicsim::models;

TEST_CASE("a stream kind opens the stream of its counter words", "[streams]") {
    const stream_key key{42, 3};
    auto from_kind = streams::innocent_stop.open(key, 7, 1234);
    stream by_hand(key, counter_phase::police, 7, (1ULL << 40) | 1234);
    for (int k = 0; k < 9; ++k) CHECK(from_kind() == by_hand());
}

TEST_CASE("the registry's kinds never share a counter", "[streams]") {
    STATIC_REQUIRE(streams::disjoint(streams::built_in));
    // Negative controls: overlapping ranges, a tag inside the entity's bits, a mechanism's word.
    constexpr std::array overlapping{
        stream_kind{"a", engine_phase::groups, 1, 1ULL << 40, 32},
        stream_kind{"b", engine_phase::groups, 1, (1ULL << 40) + 5, 0}};
    STATIC_REQUIRE_FALSE(streams::disjoint(overlapping));
    constexpr std::array tag_in_entity{stream_kind{"a", engine_phase::groups, 1, 1ULL << 20, 32}};
    STATIC_REQUIRE_FALSE(streams::disjoint(tag_in_entity));
    constexpr std::array same_range_other_word{stream_kind{"a", engine_phase::groups, 1, 0, 32},
                                               stream_kind{"b", engine_phase::groups, 2, 0, 32}};
    STATIC_REQUIRE(streams::disjoint(same_range_other_word));
    constexpr std::array mechanism_word{mechanism_stream(0, 1, "m")};
    STATIC_REQUIRE_FALSE(streams::disjoint(mechanism_word));
}

TEST_CASE("mechanisms' streams are apart from each other and from the built-in kinds",
          "[streams]") {
    constexpr auto a = mechanism_stream(0, 0, "a"), b = mechanism_stream(0, 1, "b"),
                   c = mechanism_stream(1, 0, "c");
    STATIC_REQUIRE(a.phase_word == streams::first_mechanism_word);
    STATIC_REQUIRE(a.last() < b.first());
    STATIC_REQUIRE(c.phase_word != a.phase_word);
    for (const auto& kind : streams::built_in)
        CHECK(kind.phase_word < streams::first_mechanism_word);
    const stream_key key{1, 0};
    auto x = a.open(key, 0, 5), y = b.open(key, 0, 5);
    CHECK(x() != y());
}
