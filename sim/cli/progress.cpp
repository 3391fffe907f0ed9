#include "sim/cli/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace civicsim::cli {

progress_bar::progress_bar(std::uint32_t runs, std::uint64_t resident_days_per_run)
    : enabled_(isatty(STDERR_FILENO) == 1), runs_(runs), per_run_(resident_days_per_run) {}

progress_bar::~progress_bar() { finish(); }

void progress_bar::advance(std::uint64_t resident_days) {
    done_ += resident_days;
    if (!enabled_) return;
    const auto now = clock::now();
    if (now - last_draw_ < std::chrono::milliseconds(200) && done_ < per_run_ * runs_) return;
    last_draw_ = now;
    draw();
}

void progress_bar::draw() {
    const double total = static_cast<double>(per_run_) * runs_;
    const double fraction = total > 0.0 ? static_cast<double>(done_) / total : 1.0;
    const double seconds = std::chrono::duration<double>(clock::now() - start_).count();
    const double rate = seconds > 0.0 ? static_cast<double>(done_) / seconds : 0.0;
    const double eta = rate > 0.0 ? (total - static_cast<double>(done_)) / rate : 0.0;
    constexpr int width = 24;
    const int filled = static_cast<int>(std::lround(fraction * width));
    const auto runs_done = per_run_ > 0 ? done_ / per_run_ : 0;
    std::fprintf(stderr, "\r[%.*s%*s] %llu/%u runs  %s resident-days/s  ETA %.0f s  ", filled,
                 "########################", width - filled, "",
                 static_cast<unsigned long long>(runs_done), runs_, si(rate).c_str(), eta);
    std::fflush(stderr);
}

void progress_bar::finish() {
    if (!enabled_) return;
    std::fprintf(stderr, "\r%*s\r", 90, "");
    std::fflush(stderr);
    enabled_ = false;
}

std::string si(double value) {
    char buffer[32];
    if (value >= 1e9)
        std::snprintf(buffer, sizeof buffer, "%.2f G", value / 1e9);
    else if (value >= 1e6)
        std::snprintf(buffer, sizeof buffer, "%.2f M", value / 1e6);
    else if (value >= 1e3)
        std::snprintf(buffer, sizeof buffer, "%.1f k", value / 1e3);
    else
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return buffer;
}

}  // namespace civicsim::cli
