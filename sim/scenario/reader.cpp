#include "sim/scenario/reader.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "sim/scenario/schema.hpp"
#include "sim/scenario/text.hpp"

namespace civicsim::sim::detail {

namespace {

/// A place in the schema's tree of tables: the root, a section, a group of keys such as
/// `neighbourhood.incident_rate`, or a key.
struct schema_node {
    std::vector<std::string> children;  ///< keys allowed here, in declaration order
    std::optional<std::size_t> field;
    std::optional<std::size_t> section;
    bool strategies = false;  ///< the [[strategy]] tables, read apart from the parameters
};

std::vector<std::string> split(std::string_view dotted) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto dot = dotted.find('.', start);
        parts.emplace_back(dotted.substr(start, dot - start));
        if (dot == std::string_view::npos) return parts;
        start = dot + 1;
    }
}

/// Adds every prefix of `segments` to the tree and returns the path of the last one.
std::string add_path(std::map<std::string, schema_node>& tree,
                     const std::vector<std::string>& segments) {
    std::string path;
    for (const auto& segment : segments) {
        auto& children = tree[path].children;
        if (std::find(children.begin(), children.end(), segment) == children.end()) {
            children.push_back(segment);
        }
        path = path.empty() ? segment : path + "." + segment;
        tree[path];
    }
    return path;
}

/// The schema as a tree of dotted paths (without element indices), built once.
const std::map<std::string, schema_node>& schema_tree() {
    static const auto tree = [] {
        std::map<std::string, schema_node> result;
        const auto& t = schema::table();
        for (std::size_t si = 0; si < t.sections.size(); ++si) {
            result[add_path(result, split(t.sections[si].path))].section = si;
        }
        for (std::size_t fi = 0; fi < t.fields.size(); ++fi) {
            const auto& f = t.fields[fi];
            auto segments = split(t.sections[f.section].path);
            for (auto& segment : split(f.key)) segments.push_back(std::move(segment));
            result[add_path(result, segments)].field = fi;
        }
        result[add_path(result, {"strategy"})].strategies = true;
        return result;
    }();
    return tree;
}

std::string type_name(const toml::node& node) {
    if (node.is_table()) return "a table";
    if (node.is_array()) return "a list";
    return "the value " + excerpt(toml_text(node));
}

class reader {
public:
    reader(std::string_view source, std::string_view text, problem_list& problems)
        : source_(source),
          text_(text),
          problems_(&problems),
          result_{document(std::string(source) + ":1:1"), {}, {}} {
        std::size_t start = 0;
        line_starts_.push_back(0);
        while ((start = text_.find('\n', start)) != std::string_view::npos) {
            line_starts_.push_back(++start);
        }
    }

    read_result read(const toml::table& root) {
        walk_table(root, "", "", 0);
        return std::move(result_);
    }

private:
    std::string location(const toml::node& node) const {
        return location_of(source_, node.source().begin);
    }

    void report(std::string location, std::string key, std::string value, std::string message) {
        problems_->push_back(
            {std::move(location), std::move(key), std::move(value), std::move(message)});
    }

    /// Byte offset of a (line, column) position; toml++ counts columns in code points.
    std::optional<std::size_t> offset_of(const toml::source_position& position) const {
        if (position.line == 0 || position.line > line_starts_.size()) return std::nullopt;
        std::size_t offset = line_starts_[position.line - 1];
        for (toml::source_index column = 1; column < position.column; ++column) {
            if (offset >= text_.size()) return std::nullopt;
            ++offset;
            while (offset < text_.size() &&
                   (static_cast<unsigned char>(text_[offset]) & 0xC0) == 0x80) {
                ++offset;
            }
        }
        return offset;
    }

    /// The value as the file writes it, on one line; canonical TOML when the source is unknown.
    std::string written(const toml::node& node) const {
        if (node.is_table()) return {};
        const auto begin = offset_of(node.source().begin);
        const auto end = offset_of(node.source().end);
        if (!begin || !end || *end <= *begin) return toml_text(node);
        std::string flat;
        bool in_blank = false;
        for (const char c : text_.substr(*begin, *end - *begin)) {
            const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
            if (blank && in_blank) continue;
            flat += blank ? ' ' : c;
            in_blank = blank;
        }
        return flat;
    }

    void walk(const toml::node& node, const std::string& path, const std::string& key,
              std::size_t element) {
        const schema_node& here = schema_tree().at(path);
        if (here.field) return read_field(node, *here.field, key, element);
        if (here.strategies) return read_strategies(node);
        if (here.section) {
            const auto& s = schema::table().sections[*here.section];
            if (s.repeated) return read_elements(node, *here.section, path, key);
            if (node.is_table()) result_.doc.tables[*here.section][0] = location(node);
        }
        if (const auto* table = node.as_table()) return walk_table(*table, path, key, element);
        const std::string expected =
            here.section ? "the table " + schema::header(schema::table().sections[*here.section])
                         : "a table with the keys " + join(here.children, ", ");
        report(location(node), key, written(node),
               "expected " + expected + ", got " + type_name(node));
    }

    void walk_table(const toml::table& table, const std::string& path, const std::string& key,
                    std::size_t element) {
        const schema_node& here = schema_tree().at(path);
        for (const auto& [name_key, node] : table) {
            const std::string name(name_key.str());
            const std::string child_key = key.empty() ? name : key + "." + name;
            const auto& allowed = here.children;
            if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
                report(location_of(source_, name_key.source().begin), child_key, written(node),
                       unknown_key_message(name, path, here));
                continue;
            }
            walk(node, path.empty() ? name : path + "." + name, child_key, element);
        }
    }

    static std::string unknown_key_message(const std::string& name, const std::string& path,
                                           const schema_node& here) {
        const std::string shown = quote(excerpt(name));
        const std::string place = path.empty() ? "unknown section " + shown
                                  : here.section
                                      ? "unknown key " + shown + " in " +
                                            schema::header(schema::table().sections[*here.section])
                                      : "unknown key " + shown + " in " + path;
        const std::string hint = did_you_mean(name, here.children);
        return place + (hint.empty() ? " (allowed: " + join(here.children, ", ") + ")" : hint);
    }

    void read_field(const toml::node& node, std::size_t fi, const std::string& key,
                    std::size_t element) {
        std::string text = written(node);
        auto converted = convert(node, schema::table().fields[fi].kind);
        if (const auto* message = std::get_if<std::string>(&converted)) {
            report(location(node), key, std::move(text), *message);
            result_.doc.rejected.insert({fi, element});
            return;
        }
        result_.doc.values.insert_or_assign(
            std::pair{fi, element}, assignment{std::get<schema::value>(std::move(converted)),
                                               std::move(text), location(node)});
    }

    /// The tables of an array of tables, or nothing (and a problem) when it is not one.
    std::vector<const toml::table*> tables_of(const toml::node& node, const std::string& path,
                                              const std::string& key) {
        std::vector<const toml::table*> tables;
        const auto* array = node.as_array();
        if (array != nullptr && (array->empty() || array->is_array_of_tables())) {
            for (const auto& entry : *array) tables.push_back(entry.as_table());
            return tables;
        }
        report(location(node), key, written(node),
               "expected [[" + path + "]] tables (an array of tables), got " + type_name(node));
        return tables;
    }

    void read_elements(const toml::node& node, std::size_t section, const std::string& path,
                       const std::string& key) {
        const auto tables = tables_of(node, path, key);
        for (std::size_t i = 0; i < tables.size(); ++i) {
            result_.doc.tables[section].push_back(location(*tables[i]));
            walk_table(*tables[i], path, key + "." + std::to_string(i), i);
        }
    }

    void read_strategies(const toml::node& node) {
        // Problems here go to the strategies' own list, then reporting goes back to normal.
        problem_list* scenario_problems = std::exchange(problems_, &result_.strategy_problems);
        const auto tables = tables_of(node, "strategy", "strategy");
        std::vector<std::string> names;
        for (std::size_t i = 0; i < tables.size(); ++i) {
            read_strategy(*tables[i], "strategy." + std::to_string(i), names);
        }
        problems_ = scenario_problems;
    }

    void read_strategy(const toml::table& table, const std::string& key,
                       std::vector<std::string>& names) {
        strategy_entry entry;
        std::vector<std::string> allowed;
        for (const auto& k : schema::strategy_keys()) allowed.push_back(k.key);
        bool named = false;
        for (const auto& [name_key, node] : table) {
            const std::string name(name_key.str());
            const std::string child_key = key + "." + name;
            if (name == "name" || name == "description") {
                const auto* s = node.as_string();
                if (s == nullptr) {
                    report(location(node), child_key, written(node),
                           "expected a string, got " + type_name(node));
                    continue;
                }
                if (name == "description") {
                    entry.value.description = s->get();
                    continue;
                }
                entry.value.name = s->get();
                named = true;
                check_strategy_name(entry.value.name, names, location(node), child_key);
            } else if (name == "set") {
                if (const auto* overrides = node.as_table()) {
                    flatten(*overrides, "", entry);
                } else {
                    report(location(node), child_key, written(node),
                           "expected a table of dotted keys and values, e.g. set = { "
                           "\"police.report_share\" = 0.08 }, got " +
                               type_name(node));
                }
            } else {
                const std::string hint = did_you_mean(name, allowed);
                report(location_of(source_, name_key.source().begin), child_key, written(node),
                       "unknown key " + quote(excerpt(name)) + " in [[strategy]]" +
                           (hint.empty() ? " (allowed: " + join(allowed, ", ") + ")" : hint));
            }
        }
        if (!named) {
            report(location(table), key + ".name", "",
                   "is missing; every [[strategy]] table must give it");
        }
        result_.strategies.push_back(std::move(entry));
    }

    void check_strategy_name(const std::string& name, std::vector<std::string>& names,
                             const std::string& where, const std::string& key) {
        if (name == "baseline") {
            report(where, key, quote(name),
                   "\"baseline\" is reserved for the scenario without overrides; choose another "
                   "name");
        } else if (std::find(names.begin(), names.end(), name) != names.end()) {
            report(where, key, quote(excerpt(name)),
                   "duplicate name: strategy names must be unique");
        } else if (name.empty()) {
            report(where, key, quote(name), "must not be empty");
        }
        names.push_back(name);
    }

    /// Nested tables under `set` are the same dotted keys written another way.
    void flatten(const toml::table& table, const std::string& prefix, strategy_entry& entry) {
        for (const auto& [name_key, node] : table) {
            const std::string key = prefix.empty() ? std::string(name_key.str())
                                                   : prefix + "." + std::string(name_key.str());
            if (const auto* nested = node.as_table()) {
                flatten(*nested, key, entry);
                continue;
            }
            entry.value.overrides.emplace_back(key, toml_text(node));
            entry.override_locations.push_back(location(node));
        }
    }

    std::string_view source_;
    std::string_view text_;
    problem_list* problems_;  ///< where report() writes
    read_result result_;
    std::vector<std::size_t> line_starts_;
};

}  // namespace

std::string location_of(std::string_view source, const toml::source_position& position) {
    return std::string(source) + ":" + std::to_string(position.line) + ":" +
           std::to_string(position.column);
}

read_result read_document(const toml::table& root, std::string_view source, std::string_view text,
                          problem_list& problems) {
    return reader(source, text, problems).read(root);
}

}  // namespace civicsim::sim::detail
