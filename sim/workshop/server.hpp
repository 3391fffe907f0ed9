#pragma once
// The workshop server: one page and a small JSON API over the comparisons of workshop.hpp.
//   GET  /                 the page (sim/workshop/page.html, embedded)
//   GET  /chart.js         Chart.js, embedded
//   GET  /api/presets      [{name, title, residents}]
//   GET  /api/levers?preset=NAME   {preset, levers: [{key, label, kind, min, max, step, choices,
//                                   unit, description, value}]}
//   POST /api/compare      a comparison (workshop::parse_request), or {"error", "field"}
// Every refusal is a JSON {"error": what is wrong and what is allowed, "field": where}, with
// status 400 (bad input), 404 (no such path), 409 (superseded by a newer request of the same
// session), 413 (body too large) or 429 (too many runs at once). A request never blocks the
// server: runs are limited in number, and each cancels the earlier run of its session.

#include <cstddef>
#include <memory>
#include <string>

namespace civicsim::sim::workshop {

struct server_options {
    std::string host = "127.0.0.1";
    int port = 8080;                   ///< 0: any free port
    unsigned threads = 1;              ///< per comparison
    std::size_t max_body = 64 * 1024;  ///< bytes of a request body
    unsigned max_runs = 2;             ///< comparisons at once
};

class server {
public:
    explicit server(server_options options);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// Binds to the host and port; returns the port bound, or -1 when it cannot bind.
    int bind();
    /// Serves until stop(); call after bind().
    void listen();
    /// Stops listen() from any thread.
    void stop();
    /// Comparisons running now.
    unsigned runs_in_progress() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace civicsim::sim::workshop
