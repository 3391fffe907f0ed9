#pragma once
// A document under docs/ that a command generates must be the command's current output.

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

namespace civicsim::test {

/// Fails, naming the fix, when docs/<name> differs from `generated` (what `source` yields);
/// writes the fresh text to the scratch area so that it can be copied.
inline void check_generated_doc(const std::string& name, const std::string& generated,
                                const std::string& source) {
    std::ifstream in(std::string(CIVICSIM_SOURCE_DIR) + "/docs/" + name);
    REQUIRE(in.good());
    const std::string committed{std::istreambuf_iterator<char>(in),
                                std::istreambuf_iterator<char>()};
    if (committed == generated) return;
    const std::string fresh = std::string(CIVICSIM_TEST_TMP) + "/" + name;
    std::ofstream(fresh) << generated;
    FAIL("docs/" << name << " is out of date with " << source << "; run `make docs` (or copy "
                 << fresh << ") and commit the result");
}

}  // namespace civicsim::test
