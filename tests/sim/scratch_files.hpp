#pragma once
// Files and directories in the tests' scratch area, for tests of what commands write.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace civicsim::test {

/// An empty directory of its own under the scratch area: <tmp>/<area>/<name>.
inline std::filesystem::path fresh_directory(const std::string& area, const std::string& name) {
    const auto directory = std::filesystem::path(CIVICSIM_TEST_TMP) / area / name;
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);
    return directory;
}

/// Everything in `directory`, sorted: shows a temporary file left behind.
inline std::vector<std::string> entries(const std::filesystem::path& directory) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(directory))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

inline std::string contents(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

}  // namespace civicsim::test
