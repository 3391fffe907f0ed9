#include "models/types.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

using namespace civicsim::models;

namespace {

template <class T>
concept ordered_against_no_index = requires(T index) {
    index < no_index;
};

}  // namespace

TEST_CASE("no_index is stored as a std::uint32_t and equals only that value", "[types]") {
    std::vector<std::uint32_t> column{0, 7};
    column.push_back(no_index);
    CHECK(column[2] == 0xFFFFFFFFU);
    CHECK(column[2] == no_index);
    CHECK(no_index == column[2]);
    CHECK_FALSE(column[0] == no_index);
    CHECK(column[1] != no_index);
    CHECK_FALSE(std::uint32_t{0xFFFFFFFE} == no_index);
}

TEST_CASE("no_index has no order, so it cannot be taken for a real index", "[types]") {
    STATIC_REQUIRE_FALSE(ordered_against_no_index<std::uint32_t>);
}
