#include "sim/workshop/workshop.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <span>
#include <sstream>

#include "models/metrics.hpp"
#include "sim/engine/run.hpp"
#include "sim/results/statistics.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/text.hpp"
#include "sim/workshop/embedded.hpp"

namespace civicsim::sim::workshop {

namespace {

using nlohmann::json;

// The main levers of the issue, in the page's order: (dotted key, label, slider max where the
// schema gives no upper bound).
struct lever_spec {
    std::string_view key;
    std::string_view label;
    double open_max = 1.0;
};
constexpr lever_spec main_levers[] = {
    {"channels.app.enabled", "Reporting app"},
    {"channels.app.languages", "Languages of the app"},
    {"channels.groups.enabled", "Neighbourhood chat groups"},
    {"channels.groups.join_rate", "Yearly rate of joining a group", 2.0},
    {"policy.moderation.enabled", "Police-trained facilitators in the groups"},
    {"policy.moderation.training_hours", "Facilitators' training (hours)", 80.0},
    {"policy.filtering.mode", "Triage of reports"},
    {"policy.filtering.accuracy", "Classifier accuracy"},
    {"police.report_share", "Officer time for reports"},
    {"police.online_share", "Officer time online (debunking, pick-up of posts)"},
    {"police.patrol_share", "Officer time on patrol"},
    {"police.patrol.allocation", "Patrol allocation"},
    {"policy.participation.enabled", "Consultations steering patrols"},
    {"policy.participation.patrol_vote_share", "Share of patrols the vote steers"},
};

const schema::field* field_named(std::string_view dotted) {
    for (const auto& f : schema::table().fields) {
        const auto& s = schema::table().sections[f.section];
        if (!s.repeated && s.path + "." + f.key == dotted) return &f;
    }
    return nullptr;
}

const schema::field* campaign_field(std::string_view key) {
    for (const auto& f : schema::table().fields)
        if (schema::table().sections[f.section].path == "policy.outreach.campaign" && f.key == key)
            return &f;
    return nullptr;
}

std::string campaign_key(const models::campaign_params& c, std::string_view key) {
    return "policy.outreach.campaign." + c.name + "." + std::string(key);
}

// A lever and where its value lives, for reading a preset's value.
struct binding {
    lever control;
    const schema::field* field = nullptr;
    std::size_t element = 0;
};

std::vector<binding> bindings(const preset& p) {
    std::vector<binding> all;
    for (const auto& spec : main_levers) {
        const auto* f = field_named(spec.key);
        if (f == nullptr) continue;
        lever l;
        l.key = spec.key;
        l.label = spec.label;
        l.unit = f->unit;
        l.description = f->description;
        switch (f->kind) {
            case schema::value_kind::boolean: l.kind = "boolean"; break;
            case schema::value_kind::string_list:  // the app's languages, from the scenario's
                l.kind = "languages";
                l.choices = p.scenario.params.scenario.languages;
                break;
            case schema::value_kind::string:
                l.kind = "choice";
                if (spec.key == "policy.filtering.mode")
                    l.choices.assign(models::triage_mode_names.begin(),
                                     models::triage_mode_names.end());
                else
                    l.choices.assign(models::patrol_allocation_names.begin(),
                                     models::patrol_allocation_names.end());
                break;
            default:
                l.kind = f->kind == schema::value_kind::integer ? "integer" : "number";
                l.min = f->range.min ? f->range.min->limit : 0.0;
                l.max = f->range.max ? f->range.max->limit : spec.open_max;
                l.step = f->kind == schema::value_kind::integer ? 1.0 : (l.max - l.min) / 1000.0;
        }
        all.push_back({std::move(l), f, 0});
    }
    // Each campaign of the preset: a switch and its daily reach.
    const auto* enabled = campaign_field("enabled");
    const auto* reach = campaign_field("daily_reach");
    const auto& campaigns = p.scenario.params.policy.outreach.campaigns;
    for (std::size_t c = 0; c < campaigns.size() && enabled != nullptr && reach != nullptr; ++c) {
        lever on;
        on.key = campaign_key(campaigns[c], "enabled");
        on.label = "Campaign \"" + campaigns[c].name + "\"";
        on.kind = "boolean";
        on.description = enabled->description;
        all.push_back({std::move(on), enabled, c});
        lever daily;
        daily.key = campaign_key(campaigns[c], "daily_reach");
        daily.label = "Campaign \"" + campaigns[c].name + "\": daily reach";
        daily.kind = "number";
        daily.max = 0.1;  // a tenth of the targets a day: beyond what a campaign plausibly reaches
        daily.step = 0.0001;
        daily.unit = reach->unit;
        daily.description = reach->description;
        all.push_back({std::move(daily), reach, c});
    }
    return all;
}

const binding* binding_of(const std::vector<binding>& all, std::string_view key) {
    for (const auto& b : all)
        if (b.control.key == key) return &b;
    return nullptr;
}

// A value or key as a message quotes it, cut short as every message of the project cuts it.
std::string quote(std::string_view text) { return "'" + detail::excerpt(text) + "'"; }

// The TOML text of a JSON value for lever `b`, checked against the lever; throws api_error.
std::string toml_of(const binding& b, const json& v, const std::string& field) {
    const auto& l = b.control;
    if (l.kind == "boolean") {
        if (!v.is_boolean()) throw api_error(field, field + ": must be true or false");
        return v.get<bool>() ? "true" : "false";
    }
    if (l.kind == "languages") {
        if (!v.is_array() || v.empty())
            throw api_error(field,
                            field + ": must be a non-empty list of the scenario's languages");
        std::vector<std::string> names;
        for (const auto& item : v) {
            if (!item.is_string() || std::find(l.choices.begin(), l.choices.end(),
                                               item.get<std::string>()) == l.choices.end())
                throw api_error(field, field + ": " + quote(item.dump()) +
                                           " is not one of the scenario's languages");
            names.push_back(item.get<std::string>());
        }
        return schema::to_toml_text(schema::value{names});
    }
    if (l.kind == "choice") {
        if (!v.is_string()) throw api_error(field, field + ": must be a string");
        const auto s = v.get<std::string>();
        if (std::find(l.choices.begin(), l.choices.end(), s) == l.choices.end()) {
            std::string allowed;
            for (const auto& c : l.choices) allowed += (allowed.empty() ? "" : ", ") + c;
            throw api_error(field, field + ": " + quote(s) + " is not one of " + allowed);
        }
        return schema::to_toml_text(schema::value{s});
    }
    if (!v.is_number()) throw api_error(field, field + ": must be a number");
    const double x = v.get<double>();
    if (!std::isfinite(x) || x < l.min || x > l.max) {
        std::ostringstream message;
        message << field << ": must be between " << l.min << " and " << l.max;
        throw api_error(field, message.str());
    }
    if (l.kind == "integer") {
        if (x != std::floor(x)) throw api_error(field, field + ": must be a whole number");
        return std::to_string(static_cast<std::int64_t>(x));
    }
    return schema::to_toml_text(schema::value{x});
}

std::uint32_t bounded(const json& body, const char* name, std::uint32_t fallback, std::uint32_t low,
                      std::uint32_t high) {
    if (!body.contains(name)) return fallback;
    const auto& v = body.at(name);
    if (!v.is_number_integer() || v.get<std::int64_t>() < low || v.get<std::int64_t>() > high)
        throw api_error(name, std::string(name) + ": must be a whole number from " +
                                  std::to_string(low) + " to " + std::to_string(high));
    return static_cast<std::uint32_t>(v.get<std::int64_t>());
}

std::vector<std::pair<std::string, std::string>> side_overrides(const json& body, const char* side,
                                                                const std::vector<binding>& all) {
    std::vector<std::pair<std::string, std::string>> overrides;
    if (!body.contains(side)) return overrides;
    const auto& levers = body.at(side);
    if (!levers.is_object())
        throw api_error(side, std::string(side) + ": must be an object of lever keys and values");
    for (const auto& [key, value] : levers.items()) {
        const std::string field = std::string(side) + "." + key;
        const auto* b = binding_of(all, key);
        if (b == nullptr)
            throw api_error(detail::excerpt(field),
                            detail::excerpt(field) +
                                ": not a lever of this preset (GET /api/levers lists them)");
        overrides.emplace_back(key, toml_of(*b, value, field));
    }
    return overrides;
}

// The preset's neighbourhoods scaled to about `residents` in all (never up), as overrides.
std::vector<std::pair<std::string, std::string>> scaling(const preset& p, std::uint32_t residents) {
    std::vector<std::pair<std::string, std::string>> overrides;
    const auto total = static_cast<double>(models::total_population(p.scenario.params));
    if (total <= residents) return overrides;
    const double factor = residents / total;
    const auto& hoods = p.scenario.params.neighbourhoods;
    for (std::size_t h = 0; h < hoods.size(); ++h) {
        const auto scaled = std::max<std::int64_t>(
            1, std::llround(static_cast<double>(hoods[h].population) * factor));
        overrides.emplace_back("neighbourhood." + std::to_string(h) + ".population",
                               std::to_string(scaled));
    }
    return overrides;
}

json estimate_json(const interval_estimate& e) {
    const auto number = [](double x) { return std::isfinite(x) ? json(x) : json(nullptr); };
    return {{"mean", number(e.mean)}, {"low", number(e.low)}, {"high", number(e.high)}};
}

std::string better_phrase(models::better b) {
    switch (b) {
        case models::better::higher: return "higher is better";
        case models::better::lower: return "lower is better";
        case models::better::nearer_zero: return "nearer zero is better";
        default: return "neither higher nor lower is better in itself";
    }
}

// The index of an outcome the page shows; every one of them is in the tables.
std::size_t index_in(std::span<const models::metric_info> metrics, std::string_view name) {
    if (const auto m = models::index_of(metrics, name)) return *m;
    throw std::logic_error("no outcome " + std::string(name));
}

// Side B's overrides in full: B's own, and the preset's value of every key only A sets, so that
// B does not inherit A's changes when written as a strategy over A.
std::vector<std::pair<std::string, std::string>> b_over_a(const comparison_request& request) {
    auto full = request.b;
    const auto all = bindings(*request.base);
    for (const auto& [key, value] : request.a) {
        const bool in_b =
            std::any_of(full.begin(), full.end(), [&](const auto& kv) { return kv.first == key; });
        if (in_b) continue;
        const auto* b = binding_of(all, key);
        full.emplace_back(
            key, schema::to_toml_text(b->field->get(request.base->scenario.params, b->element)));
    }
    return full;
}

std::vector<preset>& registry() {
    static std::vector<preset> all = [] {
        std::vector<preset> list;
        for (const auto& file : embedded_scenarios()) {
            auto sc = parse_scenario(file.text, file.name);
            list.push_back({std::string(file.name), sc.params.scenario.name, std::move(sc)});
        }
        std::stable_partition(list.begin(), list.end(),
                              [](const preset& p) { return p.name == "workshop_town"; });
        return list;
    }();
    return all;
}

}  // namespace

const std::vector<preset>& presets() { return registry(); }

void add_preset(preset p) {
    auto& all = registry();
    std::erase_if(all, [&](const preset& q) { return q.name == p.name; });
    all.insert(all.begin(), std::move(p));
}

const preset* find_preset(std::string_view name) {
    for (const auto& p : presets())
        if (p.name == name) return &p;
    return nullptr;
}

std::vector<lever> levers(const preset& p) {
    std::vector<lever> all;
    for (auto& b : bindings(p)) {
        b.control.value = std::visit([](const auto& v) { return json(v); },
                                     b.field->get(p.scenario.params, b.element));
        all.push_back(std::move(b.control));
    }
    return all;
}

const std::vector<std::string>& shown_outcomes() {
    static const std::vector<std::string> names{"trust_mean",
                                                "worried_share",
                                                "expired",
                                                "response_time_median",
                                                "non_police_hours_share",
                                                "adoption_gap_language",
                                                "interventions_on_innocents",
                                                "total_cost"};
    return names;
}

comparison_request parse_request(const json& body) {
    if (!body.is_object()) throw api_error("", "the request must be a JSON object");
    static constexpr std::string_view known[] = {"preset",    "days", "replications",
                                                 "residents", "a",    "b"};
    for (const auto& [key, value] : body.items())
        if (std::find(std::begin(known), std::end(known), key) == std::end(known))
            throw api_error(detail::excerpt(key), quote(key) +
                                                      ": unknown field; allowed: preset, days, "
                                                      "replications, residents, a, b");
    comparison_request request;
    if (!body.contains("preset") || !body.at("preset").is_string())
        throw api_error("preset", "preset: required, the name of a preset (GET /api/presets)");
    request.base = find_preset(body.at("preset").get<std::string>());
    if (request.base == nullptr)
        throw api_error("preset", "preset: " + quote(body.at("preset").get<std::string>()) +
                                      " is not a preset (GET /api/presets lists them)");
    request.days = bounded(body, "days", 365, min_days, max_days);
    request.replications = bounded(body, "replications", 4, min_replications, max_replications);
    request.residents = bounded(body, "residents", default_residents, min_residents, max_residents);
    const auto all = bindings(*request.base);
    request.a = side_overrides(body, "a", all);
    request.b = side_overrides(body, "b", all);
    // The whole scenario checks what a lever's range cannot (e.g. keys that must agree).
    side_parameters(request, request.a, "a");
    side_parameters(request, b_over_a(request), "b");
    return request;
}

models::parameters side_parameters(const comparison_request& request,
                                   const std::vector<std::pair<std::string, std::string>>& side,
                                   const char* field) {
    auto overrides = scaling(*request.base, request.residents);
    overrides.emplace_back("scenario.days", std::to_string(request.days));
    overrides.emplace_back("scenario.replications", std::to_string(request.replications));
    overrides.insert(overrides.end(), side.begin(), side.end());
    try {
        return with_overrides(request.base->scenario, overrides);
    } catch (const scenario_error& e) {
        const auto& p = e.problems().front();
        throw api_error(std::string(field) + "." + p.key, p.key + ": " + p.message);
    }
}

std::string comparison_toml(const comparison_request& request) {
    const auto a = side_parameters(request, request.a, "a");
    std::string text = "# Exported from the civicsim workshop page: preset \"" +
                       request.base->name +
                       "\". Side A is the scenario, side B its [[strategy]].\n" +
                       "# Reproduce with: civicsim compare FILE\n" + to_toml(a);
    text += "\n[[strategy]]\nname = \"B\"\ndescription = \"Side B of the workshop page\"\nset = {";
    const auto b = b_over_a(request);
    for (std::size_t i = 0; i < b.size(); ++i)
        text += (i ? ", " : " ") + schema::to_toml_text(schema::value{b[i].first}) + " = " +
                b[i].second;
    text += b.empty() ? "}\n" : " }\n";
    return text;
}

json compare(const comparison_request& request, unsigned threads, const std::atomic<bool>* cancel) {
    const auto started = std::chrono::steady_clock::now();
    const auto a =
        std::make_shared<const models::parameters>(side_parameters(request, request.a, "a"));
    sim::scenario as_a{request.base->name, *a, {}, {}};
    const auto b =
        std::make_shared<const models::parameters>(with_overrides(as_a, b_over_a(request)));
    const run_control control{.on_day = {}, .cancel = cancel};
    const auto runs_a = run_replications(a, "A", 0, threads, control);
    const auto runs_b = run_replications(b, "B", request.replications, threads, control);

    json outcomes = json::array();
    for (const auto& name : shown_outcomes()) {
        const auto m = index_in(models::summary_metrics(), name);
        std::vector<double> va, vb, diff;
        for (std::size_t r = 0; r < runs_a.size(); ++r) {
            va.push_back(runs_a[r].summary[m]);
            vb.push_back(runs_b[r].summary[m]);
            diff.push_back(vb.back() - va.back());
        }
        const auto& info = models::summary_metrics()[m];
        outcomes.push_back(
            {{"name", name},
             {"unit", info.unit},
             {"meaning", std::string(info.description) + "; " + better_phrase(info.direction)},
             {"better", better_phrase(info.direction)},
             {"a", estimate_json(estimate_mean(va))},
             {"b", estimate_json(estimate_mean(vb))},
             {"difference", estimate_json(estimate_mean(diff))}});
    }

    // Daily city-wide means over replications, population-weighted over neighbourhoods.
    const auto& hoods = a->neighbourhoods;
    const auto weight = [&](std::size_t h) {
        return static_cast<double>(hoods[h].population) /
               static_cast<double>(models::total_population(*a));
    };
    json series = json::object();
    for (const std::string name : {"trust_mean", "worried_share", "queue_length"}) {
        const auto m = index_in(models::daily_metrics(), name);
        const bool summed = name == "queue_length";
        json sides = json::object();
        for (const auto* runs : {&runs_a, &runs_b}) {
            std::vector<double> mean(request.days, 0.0);
            for (const auto& run : *runs)
                for (std::uint32_t d = 0; d < request.days; ++d)
                    for (std::size_t h = 0; h < hoods.size(); ++h)
                        mean[d] += run.at(m, d, h) * (summed ? 1.0 : weight(h)) /
                                   static_cast<double>(runs->size());
            sides[runs == &runs_a ? "a" : "b"] = mean;
        }
        series[name] = sides;
    }

    json neighbourhoods = json::array();
    for (std::size_t h = 0; h < hoods.size(); ++h) {
        json entry = {{"name", hoods[h].name}, {"population", hoods[h].population}};
        for (const std::string name : {"trust_mean", "worried_share", "adoption_share"}) {
            const auto m = index_in(models::daily_metrics(), name);
            double va = 0.0, vb = 0.0;
            for (std::size_t r = 0; r < runs_a.size(); ++r) {
                va += runs_a[r].at(m, request.days - 1, h) / static_cast<double>(runs_a.size());
                vb += runs_b[r].at(m, request.days - 1, h) / static_cast<double>(runs_b.size());
            }
            entry[name] = {{"a", va}, {"b", vb}};
        }
        neighbourhoods.push_back(entry);
    }

    const auto elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    return {{"preset", request.base->name},
            {"title", request.base->title},
            {"residents", models::total_population(*a)},
            {"case_residents", models::total_population(request.base->scenario.params)},
            {"days", request.days},
            {"replications", request.replications},
            {"outcomes", outcomes},
            {"series", series},
            {"neighbourhoods", neighbourhoods},
            {"toml", comparison_toml(request)},
            {"elapsed_ms", elapsed}};
}

}  // namespace civicsim::sim::workshop
