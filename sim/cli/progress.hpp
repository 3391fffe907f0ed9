#pragma once
// A one-line progress bar on standard error (runs done, resident-days per second, ETA), drawn
// only when standard error is a terminal and at most a few times a second.

#include <chrono>
#include <cstdint>
#include <string>

namespace civicsim::cli {

class progress_bar {
public:
    progress_bar(std::uint32_t runs, std::uint64_t resident_days_per_run);
    ~progress_bar();
    progress_bar(const progress_bar&) = delete;
    progress_bar& operator=(const progress_bar&) = delete;

    /// Records simulated resident-days; redraws when enough time has passed.
    void advance(std::uint64_t resident_days);
    /// Clears the line (called before printing anything else).
    void finish();

    bool enabled() const noexcept { return enabled_; }

private:
    void draw();

    using clock = std::chrono::steady_clock;
    bool enabled_;
    std::uint32_t runs_;
    std::uint64_t per_run_;
    std::uint64_t done_ = 0;
    clock::time_point start_ = clock::now();
    clock::time_point last_draw_{};
};

/// "12.3 M", "456 k": a rate or count with an SI prefix.
std::string si(double value);

}  // namespace civicsim::cli
