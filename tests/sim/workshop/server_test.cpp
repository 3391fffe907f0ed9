// The workshop server over loopback: the page and its assets, JSON refusals for hostile
// requests, the limit on runs at once, a newer request cancelling its session's older one, and
// a bounded load that the server answers in full.

#include <catch2/catch.hpp>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "sim/workshop/server.hpp"

using namespace civicsim::sim::workshop;
using nlohmann::json;

namespace {

// A server on a free loopback port, serving on its own thread for the test's lifetime.
struct running_server {
    server serving;
    int port;
    std::thread thread;
    explicit running_server(server_options options = {})
        : serving([&] {
              options.port = 0;
              return options;
          }()),
          port(serving.bind()),
          thread([this] { serving.listen(); }) {
        REQUIRE(port > 0);
    }
    ~running_server() {
        serving.stop();
        thread.join();
    }
    // Waits (up to a minute) until a comparison is running.
    void await_run() const {
        for (int i = 0; i < 6000 && serving.runs_in_progress() == 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        REQUIRE(serving.runs_in_progress() > 0);
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(120, 0);
        return c;
    }
};

json body_of(const httplib::Result& r) { return json::parse(r->body); }

// A comparison that runs long enough to overlap with the next request.
const std::string slow = json{
    {"preset", "workshop_town"},
    {"days", 730},
    {"replications", 8},
    {"residents", 100000}}.dump();

}  // namespace

TEST_CASE("workshop server serves the page, Chart.js and the presets", "[workshop]") {
    running_server s;
    auto c = s.client();
    const auto page = c.Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body.find("civicsim workshop") != std::string::npos);
    const auto chart = c.Get("/chart.js");
    REQUIRE(chart);
    CHECK(chart->body.size() > 100000);
    const auto presets = c.Get("/api/presets");
    REQUIRE(presets);
    CHECK(body_of(presets).size() == 7);
    const auto levers = c.Get("/api/levers?preset=terrassa");
    REQUIRE(levers);
    CHECK(body_of(levers)["preset"] == "terrassa");
}

TEST_CASE("workshop server refuses hostile requests with a JSON error", "[workshop]") {
    running_server s({.max_body = 4096});
    auto c = s.client();
    const auto expect = [&](const httplib::Result& r, int status, const std::string& field) {
        REQUIRE(r);
        CHECK(r->status == status);
        const auto body = body_of(r);
        CHECK_FALSE(body["error"].get<std::string>().empty());
        CHECK(body["field"] == field);
    };
    expect(c.Get("/etc/passwd"), 404, "");
    expect(c.Get("/api/levers?preset=../../etc"), 400, "preset");
    expect(c.Post("/api/compare", "{not json", "application/json"), 400, "");
    expect(c.Post("/api/compare", std::string(10000, ' '), "application/json"), 413, "");
    expect(c.Post("/api/compare", R"({"preset": "workshop_town", "x": 1})", "application/json"),
           400, "x");
    expect(
        c.Post("/api/compare", R"({"preset": "workshop_town", "b": {"police.report_share": -1}})",
               "application/json"),
        400, "b.police.report_share");
    expect(
        c.Post("/api/compare", R"({"preset": "workshop_town", "session": 5})", "application/json"),
        400, "session");
    // The server is still there.
    const auto again = c.Get("/api/presets");
    REQUIRE(again);
    CHECK(again->status == 200);
}

TEST_CASE("workshop server limits runs at once and stays responsive meanwhile", "[workshop]") {
    running_server s({.threads = 1, .max_runs = 1});
    std::atomic<bool> first_done{false};
    auto first = std::async(std::launch::async, [&] {
        auto c = s.client();
        auto r = c.Post("/api/compare", slow, "application/json");
        first_done = true;
        return r ? r->status : -1;
    });
    s.await_run();
    auto c = s.client();
    const auto second =
        c.Post("/api/compare", R"({"preset": "workshop_town", "days": 30})", "application/json");
    REQUIRE(second);
    CHECK(second->status == 429);
    const auto presets = c.Get("/api/presets");
    REQUIRE(presets);
    CHECK(presets->status == 200);
    CHECK_FALSE(first_done.load());  // answered while the long run was still going
    CHECK(first.get() == 200);
}

TEST_CASE("workshop server: a newer request of a session cancels the older one", "[workshop]") {
    running_server s({.threads = 1, .max_runs = 2});
    auto old_run = std::async(std::launch::async, [&] {
        auto c = s.client();
        json body = json::parse(slow);
        body["session"] = "room-1";
        auto r = c.Post("/api/compare", body.dump(), "application/json");
        return r ? r->status : -1;
    });
    s.await_run();
    auto c = s.client();
    const auto newer = c.Post(
        "/api/compare",
        R"({"preset": "workshop_town", "days": 30, "replications": 2, "residents": 2000, "session": "room-1"})",
        "application/json");
    REQUIRE(newer);
    CHECK(newer->status == 200);
    CHECK(old_run.get() == 409);
}

TEST_CASE("workshop server answers a bounded load in full", "[workshop]") {
    running_server s;
    constexpr int clients = 4, requests = 25;
    std::vector<std::future<int>> answered;
    for (int k = 0; k < clients; ++k)
        answered.push_back(std::async(std::launch::async, [&] {
            auto c = s.client();
            int ok = 0;
            for (int i = 0; i < requests; ++i) {
                const auto r = c.Get("/api/levers?preset=workshop_town");
                ok += r && r->status == 200;
            }
            return ok;
        }));
    int total = 0;
    for (auto& f : answered) total += f.get();
    CHECK(total == clients * requests);
}
