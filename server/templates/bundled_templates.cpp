#include "server/templates/bundled_templates.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "server/json/indicator_json.hpp"
#include "server/json/instrument_json.hpp"
#include "server/json/schedule_json.hpp"

namespace yardstick::server::templates {

namespace {

constexpr std::string_view kProgrammeFile = "programme.json";
constexpr std::string_view kInstrumentFolder = "instruments/";
constexpr std::string_view kIndicatorsFile = "indicators.json";
constexpr std::string_view kJsonSuffix = ".json";

constexpr std::string_view kProgrammeMembers[] = {"template",         "kind",    "name", "description",
                                                  "default_language", "settings"};
constexpr std::string_view kSettingsMembers[] = {"exchange_min_days", "exchange_max_days", "suppression_threshold",
                                                 "contact", "retention_days", "schedule"};

// The problems of every file, so that one run names them all.
class Problems {
public:
    void add(std::string_view path, const std::string& field, const std::string& message) {
        text_ += std::string(path) + ": " + (field.empty() ? "" : field + ": ") + message + "\n";
    }
    void add(std::string_view path, const std::vector<FieldError>& errors) {
        for (const auto& error : errors) {
            add(path, error.field, error.message);
        }
    }
    void throw_if_any() const {
        if (!text_.empty()) {
            throw std::logic_error("the bundled programme templates are broken (server/templates/):\n" + text_);
        }
    }

private:
    std::string text_;
};

std::optional<nlohmann::json> parse(const BundledFile& file, Problems& problems) {
    try {
        return nlohmann::json::parse(file.text);
    } catch (const nlohmann::json::parse_error& e) {
        problems.add(file.path, "", std::string("not valid JSON: ") + e.what());
        return std::nullopt;
    }
}

bool is_one_of(std::string_view name, std::span<const std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Reads a localised name or description: every language supported, every text non-empty.
domain::LocalisedText read_text(const nlohmann::json& document, const std::string& field,
                                std::vector<FieldError>& errors) {
    domain::LocalisedText out;
    const auto it = document.find(field);
    if (it == document.end()) {
        return out;
    }
    if (!it->is_object()) {
        errors.push_back({field, "must be an object from language code to text"});
        return out;
    }
    for (const auto& [language, text] : it->items()) {
        std::string where = field;
        where.append(".").append(language);
        if (!domain::is_supported_language(language)) {
            errors.push_back({std::move(where), "is not a supported language (en, fr, de, it)"});
        } else if (!text.is_string() || text.get<std::string>().empty()) {
            errors.push_back({std::move(where), "must be a non-empty string"});
        } else {
            out.emplace(language, text.get<std::string>());
        }
    }
    return out;
}

void read_setting(const nlohmann::json& settings, std::string_view name, int& out, std::vector<FieldError>& errors) {
    const auto it = settings.find(name);
    if (it == settings.end()) {
        return;
    }
    if (!it->is_number_integer() || it->get<std::int64_t>() < std::numeric_limits<int>::min() ||
        it->get<std::int64_t>() > std::numeric_limits<int>::max()) {
        errors.push_back({"settings." + std::string(name), "must be a whole number"});
        return;
    }
    out = it->get<int>();
}

// programme.json: exactly kProgrammeMembers, `template` equal to the directory name, and a programme that
// domain::validate_programme() accepts.
std::vector<FieldError> read_programme(const nlohmann::json& document, ProgrammeTemplate& out) {
    std::vector<FieldError> errors;
    if (!document.is_object()) {
        return {{"", "must be an object"}};
    }
    for (const auto& [name, unused] : document.items()) {
        if (!is_one_of(name, kProgrammeMembers)) {
            errors.push_back({name, "is not a known member"});
        }
    }
    for (const auto name : kProgrammeMembers) {
        if (!document.contains(name)) {
            errors.push_back({std::string(name), "is required"});
        }
    }
    if (const auto it = document.find("template"); it != document.end() && *it != out.key) {
        errors.push_back({"template", "must be the directory name, " + out.key});
    }
    if (const auto it = document.find("kind"); it != document.end()) {
        auto kind = domain::parse_programme_kind(it->is_string() ? it->get<std::string>() : std::string());
        if (kind) {
            out.kind = *kind;
        } else {
            errors.push_back({"kind", "must be exchange, mentoring or skills-monitor"});
        }
    }
    out.name = read_text(document, "name", errors);
    out.description = read_text(document, "description", errors);
    if (const auto it = document.find("default_language"); it != document.end()) {
        out.settings.default_language = it->is_string() ? it->get<std::string>() : std::string();
    }
    if (const auto it = document.find("settings"); it != document.end()) {
        if (!it->is_object()) {
            errors.push_back({"settings", "must be an object"});
        } else {
            for (const auto& [name, unused] : it->items()) {
                if (!is_one_of(name, kSettingsMembers)) {
                    errors.push_back({"settings." + name, "is not a known member"});
                }
            }
            read_setting(*it, "exchange_min_days", out.settings.exchange_min_days, errors);
            read_setting(*it, "exchange_max_days", out.settings.exchange_max_days, errors);
            read_setting(*it, "suppression_threshold", out.settings.suppression_threshold, errors);
            read_setting(*it, "retention_days", out.settings.retention_days, errors);
            if (const auto schedule = it->find("schedule"); schedule != it->end()) {
                json::read_schedule(*schedule, out.settings.schedule, "settings.schedule.", errors);
            }
            if (const auto contact = it->find("contact"); contact != it->end()) {
                if (contact->is_string()) {
                    out.settings.contact = contact->get<std::string>();
                } else {
                    errors.push_back({"settings.contact", "must be a string"});
                }
            }
        }
    }
    for (const auto* text : {&out.name, &out.description}) {
        if (!text->empty() && !text->contains(out.settings.default_language)) {
            errors.push_back({text == &out.name ? "name" : "description", "has no text in the default language"});
        }
    }
    const auto default_name = out.name.find(out.settings.default_language);
    const domain::Programme programme{out.key, default_name == out.name.end() ? out.key : default_name->second,
                                      out.kind, out.settings};
    if (auto status = domain::validate_programme(programme); !status) {
        for (const auto& error : status.error().fields) {
            const bool is_setting = is_one_of(error.field, kSettingsMembers) || error.field.starts_with("schedule.");
            errors.push_back({is_setting ? "settings." + error.field : error.field, error.message});
        }
    }
    return errors;
}

}  // namespace

std::vector<ProgrammeTemplate> load_templates(std::span<const BundledFile> files) {
    Problems problems;
    std::map<std::string, ProgrammeTemplate, std::less<>> by_key;
    std::set<std::string, std::less<>> with_programme;
    std::map<std::string, std::string, std::less<>> instrument_paths;  // instrument key → file, to find duplicates
    // Indicators read instruments, so they are checked once every instrument is in.
    std::map<std::string, std::pair<std::string, nlohmann::json>, std::less<>> indicator_documents;

    for (const auto& file : files) {
        const auto slash = file.path.find('/');
        const auto key = file.path.substr(0, slash);
        const auto rest = slash == std::string_view::npos ? std::string_view() : file.path.substr(slash + 1);
        auto& entry = by_key[std::string(key)];
        entry.key = std::string(key);
        if (rest == kProgrammeFile) {
            with_programme.insert(std::string(key));
            if (auto document = parse(file, problems)) {
                problems.add(file.path, read_programme(*document, entry));
            }
        } else if (rest.starts_with(kInstrumentFolder) && rest.ends_with(kJsonSuffix)) {
            const auto stem =
                rest.substr(kInstrumentFolder.size(), rest.size() - kInstrumentFolder.size() - kJsonSuffix.size());
            auto document = parse(file, problems);
            if (!document) {
                continue;
            }
            auto instrument = server::json::instrument_from_json(*document);
            if (!instrument) {
                problems.add(file.path, instrument.error().fields);
                continue;
            }
            if (instrument->key != stem) {
                problems.add(file.path, "key", "must match the file name, " + std::string(stem));
            }
            const auto [previous, inserted] = instrument_paths.emplace(instrument->key, std::string(file.path));
            if (!inserted) {
                problems.add(file.path, "key", "'" + instrument->key + "' is also used by " + previous->second);
            }
            entry.instruments.push_back(std::move(instrument).value());
        } else if (rest == kIndicatorsFile) {
            if (auto document = parse(file, problems)) {
                indicator_documents[std::string(key)] = {std::string(file.path), std::move(*document)};
            }
        } else {
            problems.add(file.path, "",
                         "is neither <template>/programme.json, <template>/indicators.json nor "
                         "<template>/instruments/<key>.json");
        }
    }
    for (auto& [key, entry] : by_key) {
        const auto document = indicator_documents.find(key);
        if (document == indicator_documents.end()) {
            problems.add(key, "", "has no indicators.json");
            continue;
        }
        const auto languages =
            entry.instruments.empty() ? std::vector<std::string>{} : entry.instruments.front().languages;
        auto indicators = server::json::indicators_from_json(document->second.second, entry.instruments, languages);
        if (!indicators) {
            problems.add(document->second.first, indicators.error().fields);
            continue;
        }
        entry.indicators = std::move(indicators).value();
    }
    for (const auto& [key, entry] : by_key) {
        if (!with_programme.contains(key)) {
            problems.add(key, "", "has no programme.json");
        }
    }
    problems.throw_if_any();

    std::vector<ProgrammeTemplate> out;
    for (auto& [key, entry] : by_key) {
        std::sort(entry.instruments.begin(), entry.instruments.end(),
                  [](const domain::Instrument& a, const domain::Instrument& b) { return a.key < b.key; });
        out.push_back(std::move(entry));
    }
    return out;
}

const std::vector<ProgrammeTemplate>& bundled_templates() {
    // A magic static: initialised once even with concurrent first calls; if it throws, the next call tries again
    // (and throws again), which is what a build defect should do.
    static const std::vector<ProgrammeTemplate> templates = load_templates(bundled_template_files());
    return templates;
}

const ProgrammeTemplate* find_template(std::string_view key) {
    const auto& templates = bundled_templates();
    const auto it = std::find_if(templates.begin(), templates.end(),
                                 [key](const ProgrammeTemplate& candidate) { return candidate.key == key; });
    return it == templates.end() ? nullptr : &*it;
}

}  // namespace yardstick::server::templates
