#include "sim/workshop/server.hpp"

#include <httplib.h>

#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "sim/engine/run.hpp"
#include "sim/report/chartjs.hpp"
#include "sim/workshop/embedded.hpp"
#include "sim/workshop/workshop.hpp"

namespace civicsim::sim::workshop {

namespace {

using nlohmann::json;

void send(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

void refuse(httplib::Response& res, int status, const std::string& field,
            const std::string& message) {
    send(res, status, {{"error", message}, {"field", field}});
}

}  // namespace

struct server::impl {
    server_options options;
    httplib::Server http;
    std::atomic<unsigned> running{0};
    std::mutex sessions_mutex;
    std::map<std::string, std::shared_ptr<std::atomic<bool>>> sessions;

    explicit impl(server_options o) : options(std::move(o)) { routes(); }

    // The cancel flag of a new run of `session`; the session's earlier run, if any, is told to
    // stop.
    std::shared_ptr<std::atomic<bool>> supersede(const std::string& session) {
        auto flag = std::make_shared<std::atomic<bool>>(false);
        if (session.empty()) return flag;
        const std::lock_guard lock(sessions_mutex);
        auto& slot = sessions[session];
        if (slot) slot->store(true);
        slot = flag;
        if (sessions.size() > 1000) sessions.clear();  // bounded: forget old sessions
        return flag;
    }

    void compare(const httplib::Request& req, httplib::Response& res) {
        json body;
        try {
            body = json::parse(req.body);
        } catch (const json::parse_error& e) {
            return refuse(res, 400, "", std::string("the body is not valid JSON: ") + e.what());
        }
        std::string session;
        if (body.is_object() && body.contains("session")) {
            if (!body["session"].is_string() || body["session"].get<std::string>().size() > 64)
                return refuse(res, 400, "session", "session: a string of at most 64 characters");
            session = body["session"].get<std::string>();
            body.erase("session");
        }
        comparison_request request;
        try {
            request = parse_request(body);
        } catch (const api_error& e) {
            return refuse(res, e.status(), e.field(), e.what());
        }
        if (running.fetch_add(1) >= options.max_runs) {
            running.fetch_sub(1);
            return refuse(res, 429, "",
                          "too many comparisons at once (at most " +
                              std::to_string(options.max_runs) + "); try again in a moment");
        }
        const auto cancel = supersede(session);
        try {
            send(res, 200, workshop::compare(request, options.threads, cancel.get()));
        } catch (const interrupted&) {
            refuse(res, 409, "", "superseded by a newer request of the same session");
        } catch (const api_error& e) {
            refuse(res, e.status(), e.field(), e.what());
        } catch (const std::exception& e) {
            refuse(res, 500, "", std::string("the comparison failed: ") + e.what());
        }
        running.fetch_sub(1);
    }

    void routes() {
        http.set_payload_max_length(options.max_body);
        http.Get("/", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(std::string(page_html()), "text/html; charset=utf-8");
        });
        http.Get("/chart.js", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(std::string(report::chartjs_source()), "text/javascript");
        });
        http.Get("/api/presets", [](const httplib::Request&, httplib::Response& res) {
            json list = json::array();
            for (const auto& p : presets())
                list.push_back({{"name", p.name},
                                {"title", p.title},
                                {"residents", models::total_population(p.scenario.params)}});
            send(res, 200, list);
        });
        http.Get("/api/levers", [](const httplib::Request& req, httplib::Response& res) {
            const auto name = req.get_param_value("preset");
            const auto* p = find_preset(name.empty() ? "workshop_town" : name);
            if (p == nullptr)
                return refuse(res, 400, "preset",
                              "preset: not a preset (GET /api/presets lists them)");
            json list = json::array();
            for (const auto& l : levers(*p))
                list.push_back({{"key", l.key},
                                {"label", l.label},
                                {"kind", l.kind},
                                {"min", l.min},
                                {"max", l.max},
                                {"step", l.step},
                                {"choices", l.choices},
                                {"unit", l.unit},
                                {"description", l.description},
                                {"value", l.value}});
            send(res, 200, {{"preset", p->name}, {"levers", list}});
        });
        http.Post("/api/compare", [this](const httplib::Request& req, httplib::Response& res) {
            compare(req, res);
        });
        http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
            if (!res.body.empty()) return;
            if (res.status == 413)
                refuse(res, 413, "",
                       "the body is larger than " + std::to_string(options.max_body) + " bytes");
            else if (res.status == 404)
                refuse(res, 404, "", "no such path: " + req.path.substr(0, 80));
            else
                refuse(res, res.status, "", "the request was refused");
        });
    }
};

server::server(server_options options) : impl_(std::make_unique<impl>(std::move(options))) {}
server::~server() = default;

int server::bind() {
    if (impl_->options.port == 0) return impl_->http.bind_to_any_port(impl_->options.host);
    return impl_->http.bind_to_port(impl_->options.host, impl_->options.port) ? impl_->options.port
                                                                              : -1;
}

void server::listen() { impl_->http.listen_after_bind(); }

void server::stop() { impl_->http.stop(); }

unsigned server::runs_in_progress() const noexcept { return impl_->running.load(); }

}  // namespace civicsim::sim::workshop
