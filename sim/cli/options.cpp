#include <tbb/info.h>

#include <array>
#include <charconv>
#include <csignal>
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/cli/progress.hpp"
#include "sim/engine/work_estimate.hpp"
#include "sim/report/html_report.hpp"
#include "sim/results/atomic_file.hpp"
#include "sim/results/hdf5_writer.hpp"
#include "sim/scenario/text.hpp"

namespace civicsim::cli {

bool parse(const invocation& call, const std::string& usage, const po::options_description& options,
           const po::positional_options_description& positional, po::variables_map& vm) {
    po::options_description all(options);
    all.add_options()("help,h", "show this help");
    po::store(po::command_line_parser(call.args).options(all).positional(positional).run(), vm);
    if (vm.count("help") != 0) {
        std::cout << "usage: " << usage << "\n\n" << all << '\n';
        return false;
    }
    po::notify(vm);
    return true;
}

namespace {

std::atomic<bool> cancel_requested{false};

extern "C" void request_cancel(int) { cancel_requested.store(true); }

}  // namespace

sim::results_set run_with_progress(
    std::uint32_t runs, std::uint64_t resident_days_per_run,
    const std::function<sim::results_set(const sim::run_control&)>& work) {
    progress_bar progress(runs, resident_days_per_run);
    sim::run_control control;
    control.on_day = [&](std::uint64_t resident_days) { progress.advance(resident_days); };
    control.cancel = interrupt_guard::requested();
    sim::results_set results;
    {
        const interrupt_guard guard;
        results = work(control);
    }
    progress.finish();
    return results;
}

namespace {
// Ctrl-C, `kill` and a closed terminal all stop a run the same way: between days, writing nothing.
constexpr int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};
}  // namespace

interrupt_guard::interrupt_guard() {
    for (const int s : stop_signals) std::signal(s, request_cancel);
}
interrupt_guard::~interrupt_guard() {
    for (const int s : stop_signals) std::signal(s, SIG_DFL);
}
const std::atomic<bool>* interrupt_guard::requested() noexcept { return &cancel_requested; }

namespace {
std::atomic<int> held_signal{0};
extern "C" void hold_signal(int signal) { held_signal.store(signal); }
}  // namespace

struct stop_signals_held::saved_handlers {
    std::array<struct sigaction, std::size(stop_signals)> previous{};
};

stop_signals_held::stop_signals_held() : saved_(std::make_unique<saved_handlers>()) {
    held_signal.store(0);
    struct sigaction hold {};
    hold.sa_handler = hold_signal;
    sigemptyset(&hold.sa_mask);
    hold.sa_flags = SA_RESTART;  // writes go on; the atomic file retries EINTR anyway
    for (std::size_t i = 0; i < std::size(stop_signals); ++i)
        ::sigaction(stop_signals[i], &hold, &saved_->previous[i]);
}

stop_signals_held::~stop_signals_held() {
    for (std::size_t i = 0; i < std::size(stop_signals); ++i)
        ::sigaction(stop_signals[i], &saved_->previous[i], nullptr);
    // Held inside a run's interrupt_guard, the signal still stops the run.
    for (std::size_t i = 0; i < std::size(stop_signals); ++i)
        if (stop_signals[i] == held_signal.load() &&
            saved_->previous[i].sa_handler == request_cancel)
            cancel_requested.store(true);
}

void write_then_stop_if_asked(const std::string& what, const std::function<void()>& write) {
    {
        const stop_signals_held hold;
        write();
    }
    // Read once the handlers are back: a signal caught just before they were is not lost.
    if (held_signal.load() != 0)
        throw stopped_after_writing("interrupted while writing " + what +
                                    "; it was finished and written in full first.");
}

void add_scenario_options(po::options_description& options) {
    options.add_options()("scenario", po::value<std::string>()->required(), "scenario file (TOML)");
    add_override_options(options);
    add_allow_large_option(options);
    options.add_options()("replications", po::value<std::string>(),
                          "replications (same as --set scenario.replications=R)")(
        "threads", po::value<std::string>(),
        ("threads to use, 1 to " + std::to_string(max_threads) + " (default: every core, " +
         std::to_string(default_threads()) + ")")
            .c_str());
}

void add_allow_large_option(po::options_description& options) {
    options.add_options()("allow-large", po::bool_switch(),
                          "run even what is estimated to exceed 80% of this machine's memory or "
                          "10^12 resident-days");
}

void check_work(const po::variables_map& vm, const models::parameters& params, std::uint64_t runs,
                unsigned threads, std::optional<std::uint64_t> kept) {
    if (vm.count("allow-large") != 0 && vm["allow-large"].as<bool>()) return;
    const auto problem =
        sim::work_problem(sim::estimate_work(params, runs, threads, kept), sim::machine_limits());
    if (!problem.empty())
        throw bad_input_error("this work " + problem + ". Nothing was run or written.");
}

void add_override_options(po::options_description& options) {
    options.add_options()("set", po::value<std::vector<std::string>>()->composing(),
                          "override a scenario key: --set police.report_share=0.08 (repeatable)")(
        "seed", po::value<std::string>(), "base seed (same as --set scenario.seed=N)")(
        "days", po::value<std::string>(), "days to simulate (same as --set scenario.days=D)");
}

sim::scenario read_scenario(const std::filesystem::path& file,
                            const std::vector<std::string>& set_overrides) {
    auto scenario = sim::load_scenario(file, set_overrides);
    for (const auto& warning : scenario.warnings)
        std::cerr << "civicsim: warning: " << warning.to_string() << '\n';
    return scenario;
}

std::vector<std::string> overrides_from(const po::variables_map& vm) {
    auto overrides =
        vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
    for (const char* key : {"seed", "replications", "days"})
        if (vm.count(key))
            overrides.push_back(std::string("scenario.") + key + "=" + vm[key].as<std::string>());
    return overrides;
}

namespace {

std::filesystem::path resolved(const std::filesystem::path& path) {
    const auto absolute = std::filesystem::absolute(path);
    std::error_code error;
    auto canonical = std::filesystem::weakly_canonical(absolute, error);
    return error ? absolute.lexically_normal() : canonical;
}

}  // namespace

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::error_code error;  // a path that does not exist (yet) is not equivalent to anything
    return std::filesystem::equivalent(a, b, error) || resolved(a) == resolved(b);
}

void check_outputs(const std::vector<std::pair<std::filesystem::path, std::string>>& inputs,
                   const std::vector<planned_output>& outputs, bool force,
                   std::string_view nothing_done) {
    const auto quoted = [](const std::filesystem::path& path) { return "'" + path.string() + "'"; };
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const auto& out = outputs[i];
        for (const auto& [input, noun] : inputs)
            if (same_file(out.path, input))
                throw bad_input_error("the " + out.noun + " " + quoted(out.path) + " is the " +
                                      noun + " " + quoted(input) +
                                      ", and writing it would replace it; give another path. " +
                                      std::string(nothing_done));
        for (std::size_t j = 0; j < i; ++j)
            if (same_file(outputs[j].path, out.path))
                throw bad_input_error("the " + outputs[j].noun + " " + quoted(outputs[j].path) +
                                      " and the " + out.noun + " " + quoted(out.path) +
                                      " are the same file, so one would replace the other; give "
                                      "them different paths. " +
                                      std::string(nothing_done));
    }
    for (const auto& out : outputs) {
        try {
            if (out.html)
                sim::report::check_html_writable(out.path, force || out.replace);
            else
                sim::check_writable(out.path, force || out.replace);
        } catch (const sim::output_error& e) {
            throw bad_input_error(std::string(e.what()) + ". " + std::string(nothing_done));
        }
    }
}

std::uint64_t count_option(const po::variables_map& vm, const std::string& name, std::uint64_t min,
                           std::uint64_t max) {
    const std::string& text = vm[name].as<std::string>();
    const auto trimmed = sim::detail::trim(text);
    std::int64_t value = 0;
    const auto* end = trimmed.data() + trimmed.size();
    const auto [rest, error] = std::from_chars(trimmed.data(), end, value);
    if (error != std::errc{} || rest != end || value < 0 ||
        static_cast<std::uint64_t>(value) < min || static_cast<std::uint64_t>(value) > max)
        throw bad_input_error("--" + name + " " + sim::detail::excerpt(text) +
                              ": must be a whole number from " + std::to_string(min) + " to " +
                              std::to_string(max) + ". Nothing was run or written.");
    return static_cast<std::uint64_t>(value);
}

unsigned threads_option(const po::variables_map& vm) {
    if (vm.count("threads") == 0) return default_threads();
    return static_cast<unsigned>(count_option(vm, "threads", 1, max_threads));
}

unsigned default_threads() {
    return static_cast<unsigned>(std::max(1, tbb::info::default_concurrency()));
}

}  // namespace civicsim::cli
