// civicsim serve [FILE] [--port 8080] [--host 127.0.0.1]: the workshop page and its JSON API
// (sim/workshop/server.hpp) until Ctrl-C.

#include <csignal>
#include <filesystem>
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/workshop/server.hpp"
#include "sim/workshop/workshop.hpp"

namespace civicsim::cli {

namespace {

sim::workshop::server* serving = nullptr;

extern "C" void stop_serving(int) {
    if (serving != nullptr) serving->stop();
}

bool loopback(const std::string& host) {
    return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.starts_with("127.");
}

}  // namespace

int serve_command(const invocation& call) {
    po::options_description options("options");
    options.add_options()("scenario", po::value<std::string>(),
                          "a scenario of yours, put first among the presets (optional)")(
        "port", po::value<int>()->default_value(8080), "port to listen on (0: any free port)")(
        "host", po::value<std::string>()->default_value("127.0.0.1"),
        "address to listen on; anything but loopback makes the page reachable from other "
        "machines")("threads", po::value<std::string>(),
                    "threads per comparison (default: every core)");
    po::positional_options_description positional;
    positional.add("scenario", 1);
    po::variables_map vm;
    if (!parse(call, "civicsim serve [FILE] [--port 8080] [--host 127.0.0.1]", options, positional,
               vm))
        return ok;

    const int port = vm["port"].as<int>();
    if (port < 0 || port > 65535) {
        std::cerr << "civicsim serve: --port " << port << ": must be from 0 to 65535\n";
        return bad_input;
    }
    const unsigned threads = threads_option(vm);
    if (vm.count("scenario")) {
        const std::filesystem::path file = vm["scenario"].as<std::string>();
        auto sc = read_scenario(file);
        const auto title = sc.params.scenario.name;
        sim::workshop::add_preset({file.stem().string(), title, std::move(sc)});
    }
    sim::workshop::presets();  // read and check the embedded presets before listening

    const auto host = vm["host"].as<std::string>();
    sim::workshop::server server({.host = host, .port = port, .threads = threads});
    const int bound = server.bind();
    if (bound < 0) {
        std::cerr << "civicsim serve: cannot listen on " << host << ":" << port
                  << " (in use, or not an address of this machine)\n";
        return failure;
    }
    std::cout << "civicsim serve: the workshop page is at http://"
              << (host.find(':') != std::string::npos ? "[" + host + "]" : host) << ":" << bound
              << "/\n"
              << (loopback(host) ? "  listening on loopback only: open it on this machine.\n"
                                 : "  WARNING: listening on " + host +
                                       ": anyone who can reach this machine can use the page.\n")
              << "  Ctrl-C stops it.\n"
              << std::flush;
    serving = &server;
    std::signal(SIGINT, stop_serving);
    std::signal(SIGTERM, stop_serving);
    server.listen();
    serving = nullptr;
    std::cout << "civicsim serve: stopped.\n";
    return ok;
}

}  // namespace civicsim::cli
