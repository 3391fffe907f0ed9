#include "sim/scenario/document.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>

#include "sim/scenario/text.hpp"

namespace civicsim::sim::detail {

namespace {

using element_key = std::pair<std::size_t, std::size_t>;  // (field index, element)

std::string type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return "string";
        case toml::node_type::integer: return "integer";
        case toml::node_type::floating_point: return "float";
        case toml::node_type::boolean: return "boolean";
        case toml::node_type::array: return "list";
        case toml::node_type::table: return "table";
        case toml::node_type::date: return "date";
        case toml::node_type::time: return "time";
        case toml::node_type::date_time: return "date-time";
        case toml::node_type::none: break;
    }
    return "nothing";
}

std::string described(const toml::node& node) {
    return type_name(node) + " " + excerpt(toml_text(node));
}

std::optional<double> number_of(const toml::node& node) {
    if (const auto* x = node.as_floating_point()) return x->get();
    if (const auto* n = node.as_integer()) return static_cast<double>(n->get());
    return std::nullopt;
}

/// Converts every entry of a list with `one`, or says which entry is of the wrong type.
template <class T, class Convert>
std::variant<schema::value, std::string> convert_list(const toml::node& node,
                                                      schema::value_kind kind, Convert one) {
    const auto* array = node.as_array();
    if (array == nullptr)
        return "expected " + schema::kind_phrase(kind) + ", got " + described(node);
    std::vector<T> entries;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto entry = one(*array->get(i));
        if (!entry) {
            return "expected " + schema::kind_phrase(kind) + "; entry " + std::to_string(i + 1) +
                   " is " + described(*array->get(i));
        }
        entries.push_back(*entry);
    }
    return schema::value{std::move(entries)};
}

/// A list of rows, each a list of numbers, or which row or entry is of the wrong type.
std::variant<schema::value, std::string> convert_table(const toml::node& node,
                                                       schema::value_kind kind) {
    const auto* rows = node.as_array();
    if (rows == nullptr)
        return "expected " + schema::kind_phrase(kind) + ", got " + described(node);
    std::vector<std::vector<double>> table;
    for (std::size_t r = 0; r < rows->size(); ++r) {
        const auto& row = *rows->get(r);
        const std::string where = "; row " + std::to_string(r + 1);
        const auto* entries = row.as_array();
        if (entries == nullptr)
            return "expected " + schema::kind_phrase(kind) + where + " is " + described(row);
        std::vector<double> numbers;
        for (std::size_t i = 0; i < entries->size(); ++i) {
            const auto x = number_of(*entries->get(i));
            if (!x) {
                return "expected " + schema::kind_phrase(kind) + where + ", entry " +
                       std::to_string(i + 1) + " is " + described(*entries->get(i));
            }
            numbers.push_back(*x);
        }
        table.push_back(std::move(numbers));
    }
    return schema::value{std::move(table)};
}

bool is_bare_key(std::string_view key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
}

/// Which element a selector in a dotted key means: an index ("1") or a name ("Old Town").
std::variant<std::size_t, std::string> find_element(const document& doc, std::size_t section,
                                                    std::string_view selector) {
    const auto& s = schema::table().sections[section];
    const std::size_t count = doc.elements(section);
    std::size_t index = 0;
    const auto* end = selector.data() + selector.size();
    if (auto [ptr, ec] = std::from_chars(selector.data(), end, index);
        ec == std::errc{} && ptr == end) {
        if (index < count) return index;
        return "there is no " + schema::header(s) + " number " + std::string(selector) +
               (count == 0 ? "; the scenario has none"
                           : "; there are " + std::to_string(count) + ", numbered 0 to " +
                                 std::to_string(count - 1));
    }
    const auto names = doc.names(section);
    const auto it = std::find(names.begin(), names.end(), selector);
    if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
    return "no " + schema::header(s) + " is named " + quote(excerpt(selector)) +
           did_you_mean(selector, names) + " (names: " + join_quoted(names) + ")";
}

/// Every dotted key the document could take, for spelling suggestions.
std::vector<std::string> concrete_keys(const document& doc) {
    std::vector<std::string> keys;
    const auto& t = schema::table();
    for (const auto& f : t.fields) {
        const auto& s = t.sections[f.section];
        if (!s.repeated) {
            keys.push_back(s.path + "." + f.key);
            continue;
        }
        const auto names = doc.names(f.section);
        for (std::size_t e = 0; e < names.size(); ++e) {
            keys.push_back(s.path + "." + std::to_string(e) + "." + f.key);
            if (!names[e].empty()) keys.push_back(s.path + "." + names[e] + "." + f.key);
        }
    }
    return keys;
}

}  // namespace

std::variant<std::pair<std::size_t, std::size_t>, std::string> resolve(const document& doc,
                                                                       std::string_view key) {
    const auto& t = schema::table();
    std::optional<std::string> selector_problem;
    for (std::size_t fi = 0; fi < t.fields.size(); ++fi) {
        const auto& f = t.fields[fi];
        const auto& s = t.sections[f.section];
        if (!s.repeated) {
            if (key == s.path + "." + f.key) return element_key{fi, 0};
            continue;
        }
        // path.<selector>.key, where a name selector may itself hold dots or spaces.
        const std::string prefix = s.path + ".";
        const std::string suffix = "." + f.key;
        if (key.size() <= prefix.size() + suffix.size() || !key.starts_with(prefix) ||
            !key.ends_with(suffix)) {
            continue;
        }
        const auto selector = key.substr(prefix.size(), key.size() - prefix.size() - suffix.size());
        auto element = find_element(doc, f.section, selector);
        if (const auto* index = std::get_if<std::size_t>(&element)) return element_key{fi, *index};
        if (!selector_problem) selector_problem = std::get<std::string>(element);
    }
    if (selector_problem) return *selector_problem;
    const std::string hint = did_you_mean(key, concrete_keys(doc));
    if (!hint.empty()) return "unknown key" + hint;
    return std::string(
        "unknown key; keys are dotted paths such as police.report_share or "
        "neighbourhood.<index or name>.population (see docs/scenario-reference.md)");
}

document::document(std::string start) : start_location(std::move(start)) {
    const auto& sections = schema::table().sections;
    tables.resize(sections.size());
    for (std::size_t s = 0; s < sections.size(); ++s) {
        if (!sections[s].repeated) tables[s].push_back(start_location);
    }
}

std::vector<std::string> document::names(std::size_t section) const {
    std::vector<std::string> result(elements(section));
    const auto& fields = schema::table().fields;
    for (std::size_t fi = 0; fi < fields.size(); ++fi) {
        if (fields[fi].section != section || fields[fi].key != "name") continue;
        for (std::size_t e = 0; e < result.size(); ++e) {
            const auto it = values.find({fi, e});
            if (it == values.end()) continue;
            if (const auto* name = std::get_if<std::string>(&it->second.value)) result[e] = *name;
        }
    }
    return result;
}

std::variant<schema::value, std::string> convert(const toml::node& node, schema::value_kind kind) {
    using schema::value_kind;
    const auto mismatch = [&] {
        return "expected " + schema::kind_phrase(kind) + ", got " + described(node);
    };
    switch (kind) {
        case value_kind::boolean:
            if (const auto* b = node.as_boolean()) return schema::value{b->get()};
            return mismatch();
        case value_kind::integer:
            if (const auto* n = node.as_integer()) return schema::value{n->get()};
            return mismatch();
        case value_kind::floating:
            if (const auto x = number_of(node)) return schema::value{*x};
            return mismatch();
        case value_kind::string:
            if (const auto* s = node.as_string()) return schema::value{s->get()};
            return mismatch();
        case value_kind::string_list:
            return convert_list<std::string>(
                node, kind, [](const toml::node& entry) -> std::optional<std::string> {
                    if (const auto* s = entry.as_string()) return s->get();
                    return std::nullopt;
                });
        case value_kind::float_list: return convert_list<double>(node, kind, number_of);
        case value_kind::float_table: return convert_table(node, kind);
    }
    return mismatch();
}

toml::table parse_value(std::string_view text) {
    try {
        auto parsed = toml::parse("value = " + std::string(text));
        if (parsed.size() == 1 && parsed.contains("value")) return parsed;
    } catch (const toml::parse_error&) {
        // Not a TOML value: taken as a bare string below.
    }
    toml::table bare;
    bare.insert("value", std::string(text));
    return bare;
}

std::string toml_text(const toml::node& node) {
    if (const auto* s = node.as_string()) return quote(s->get());
    if (const auto* n = node.as_integer()) return std::to_string(n->get());
    if (const auto* x = node.as_floating_point()) return format_toml_float(x->get());
    if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
    if (const auto* array = node.as_array()) {
        std::vector<std::string> parts;
        for (const auto& entry : *array) parts.push_back(toml_text(entry));
        return "[" + join(parts, ", ") + "]";
    }
    if (const auto* table = node.as_table()) {
        std::vector<std::string> parts;
        for (const auto& [key, entry] : *table) {
            const std::string name(key.str());
            parts.push_back((is_bare_key(name) ? name : quote(name)) + " = " + toml_text(entry));
        }
        return parts.empty() ? "{}" : "{ " + join(parts, ", ") + " }";
    }
    std::ostringstream out;
    if (const auto* date = node.as_date()) out << date->get();
    if (const auto* time = node.as_time()) out << time->get();
    if (const auto* date_time = node.as_date_time()) out << date_time->get();
    return out.str();
}

void assign(document& doc, std::string_view key, const toml::node& node, std::string text,
            std::string location, problem_list& problems) {
    auto target = resolve(doc, key);
    if (const auto* message = std::get_if<std::string>(&target)) {
        problems.push_back({std::move(location), std::string(key), std::move(text), *message});
        return;
    }
    const auto [fi, element] = std::get<element_key>(target);
    const auto& f = schema::table().fields[fi];
    auto converted = convert(node, f.kind);
    if (const auto* message = std::get_if<std::string>(&converted)) {
        problems.push_back(
            {std::move(location), schema::key_of(f, element), std::move(text), *message});
        doc.rejected.insert({fi, element});
        return;
    }
    doc.rejected.erase({fi, element});
    doc.values.insert_or_assign(element_key{fi, element},
                                assignment{std::get<schema::value>(std::move(converted)),
                                           std::move(text), std::move(location)});
}

std::optional<models::parameters> build(const document& doc, problem_list& problems) {
    const auto& t = schema::table();
    const std::size_t problems_before = problems.size();
    models::parameters params;

    // Repeated sections start as default elements: keys not given keep the defaults of
    // models/parameters.hpp.
    for (std::size_t si = 0; si < t.sections.size(); ++si) {
        const auto& s = t.sections[si];
        if (s.repeated && doc.elements(si) > s.max_elements) {
            problems.push_back({doc.tables[si][s.max_elements], s.path, "",
                                "the scenario has " + std::to_string(doc.elements(si)) + " " +
                                    schema::header(s) + " tables; at most " +
                                    std::to_string(s.max_elements) + " are allowed (this is " +
                                    "table number " + std::to_string(s.max_elements + 1) + ")"});
        }
    }
    if (problems.size() > problems_before) return std::nullopt;
    for (std::size_t si = 0; si < t.sections.size(); ++si) {
        const auto& s = t.sections[si];
        if (!s.repeated) continue;
        s.resize(params, doc.elements(si));
        if (doc.elements(si) < s.min_elements) {
            problems.push_back({doc.start_location, s.path, "",
                                "at least " + std::to_string(s.min_elements) + " " +
                                    schema::header(s) + " table is required"});
        }
    }

    // One key at a time, in schema order, so that names are known before they are referred to.
    std::set<element_key> failed = doc.rejected;
    for (std::size_t fi = 0; fi < t.fields.size(); ++fi) {
        const auto& f = t.fields[fi];
        for (std::size_t e = 0; e < doc.elements(f.section); ++e) {
            const auto it = doc.values.find({fi, e});
            if (it == doc.values.end()) {
                if (f.required && !doc.rejected.contains({fi, e})) {
                    problems.push_back({doc.tables[f.section][e], schema::key_of(f, e), "",
                                        "is missing; every " +
                                            schema::header(t.sections[f.section]) +
                                            " table must give it"});
                }
                continue;
            }
            std::string message = schema::check_value(f, it->second.value);
            if (message.empty()) message = f.set(params, e, it->second.value);
            if (!message.empty()) {
                problems.push_back(
                    {it->second.location, schema::key_of(f, e), it->second.text, message});
                failed.insert({fi, e});
            }
        }
    }

    // Then the checks that need several keys, skipping keys already found wrong.
    for (std::size_t fi = 0; fi < t.fields.size(); ++fi) {
        const auto& f = t.fields[fi];
        if (!f.check) continue;
        for (std::size_t e = 0; e < doc.elements(f.section); ++e) {
            if (failed.contains({fi, e})) continue;
            const auto it = doc.values.find({fi, e});
            const bool assigned = it != doc.values.end();
            const std::string message = f.check(params, e, assigned);
            if (message.empty()) continue;
            problems.push_back({assigned ? it->second.location : doc.tables[f.section][e],
                                schema::key_of(f, e), assigned ? it->second.text : "", message});
        }
    }

    if (problems.size() > problems_before) return std::nullopt;
    return params;
}

document document_of(const models::parameters& params, const std::string& location) {
    const auto& t = schema::table();
    document doc(location);
    for (std::size_t si = 0; si < t.sections.size(); ++si) {
        if (t.sections[si].repeated) doc.tables[si].assign(t.sections[si].count(params), location);
    }
    for (std::size_t fi = 0; fi < t.fields.size(); ++fi) {
        const auto& f = t.fields[fi];
        for (std::size_t e = 0; e < doc.elements(f.section); ++e) {
            if (f.given && !f.given(params, e)) continue;  // absent in a file too
            auto v = f.get(params, e);
            std::string text = schema::to_toml_text(v);
            doc.values.insert_or_assign(element_key{fi, e},
                                        assignment{std::move(v), std::move(text), location});
        }
    }
    return doc;
}

}  // namespace civicsim::sim::detail
