#pragma once
// Files and directories in the tests' scratch area, for tests of what commands write.

#include <sys/resource.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
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

/// Makes writes past `bytes` fail with EFBIG, as a full disk would fail them, until destroyed.
class file_size_limit {
public:
    explicit file_size_limit(rlim_t bytes) {
        REQUIRE(getrlimit(RLIMIT_FSIZE, &saved_) == 0);
        // Otherwise the kernel ends the process with SIGXFSZ instead of failing the write.
        saved_handler_ = std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limited{bytes, saved_.rlim_max};
        REQUIRE(setrlimit(RLIMIT_FSIZE, &limited) == 0);
    }
    file_size_limit(const file_size_limit&) = delete;
    file_size_limit& operator=(const file_size_limit&) = delete;
    ~file_size_limit() {
        setrlimit(RLIMIT_FSIZE, &saved_);
        std::signal(SIGXFSZ, saved_handler_);
    }

private:
    rlimit saved_{};
    void (*saved_handler_)(int) = nullptr;
};

}  // namespace civicsim::test
