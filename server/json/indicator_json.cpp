#include "server/json/indicator_json.hpp"

#include <algorithm>
#include <set>

namespace yardstick::server::json {
namespace {

using nlohmann::json;

const std::set<std::string> kMembers = {"id",          "label",       "method",         "kind",  "counts",    "reads",
                                        "success",     "wave",        "respondents",    "pre",   "post",      "items",
                                        "basic_level", "instruments", "group_question", "areas", "breakdowns"};

class IndicatorReader {
public:
    domain::Indicator read(const json& value, const std::string& at) {
        domain::Indicator indicator;
        if (!value.is_object()) {
            error(at, "must be an object");
            return indicator;
        }
        for (const auto& [name, unused] : value.items()) {
            if (!kMembers.contains(name)) {
                error(at + "." + name, "is not a known member");
            }
        }
        indicator.id = string(value, at, "id", true);
        indicator.label = text(value, at, "label");
        indicator.method = text(value, at, "method");
        const auto kind = string(value, at, "kind", true);
        if (const auto parsed = domain::parse_indicator_kind(kind)) {
            indicator.kind = *parsed;
        } else if (!kind.empty()) {
            error(at + ".kind", "is not a kind of indicator");
        }
        if (value.contains("counts")) {
            const auto counts = string(value, at, "counts", true);
            indicator.counts = domain::parse_counted_thing(counts);
            if (!indicator.counts) {
                error(at + ".counts", "is not something an indicator counts");
            }
        }
        if (const auto* reads = array(value, at, "reads")) {
            for (std::size_t i = 0; i < reads->size(); ++i) {
                indicator.reads.push_back(reference((*reads)[i], at + ".reads[" + std::to_string(i) + "]", true));
            }
        }
        if (const auto it = value.find("success"); it != value.end()) {
            read_success(*it, at + ".success", indicator.success);
        }
        indicator.wave = string(value, at, "wave", false);
        indicator.respondents = strings(value, at, "respondents");
        if (value.contains("pre")) {
            indicator.pre = reference(value["pre"], at + ".pre", indicator.kind != domain::IndicatorKind::digital_intensity);
        }
        if (value.contains("post")) {
            indicator.post =
                reference(value["post"], at + ".post", indicator.kind != domain::IndicatorKind::digital_intensity);
        }
        indicator.items = strings(value, at, "items");
        if (const auto it = value.find("basic_level"); it != value.end()) {
            if (it->is_number_integer()) {
                indicator.basic_level = it->get<std::int64_t>();
            } else {
                error(at + ".basic_level", "must be a whole number");
            }
        }
        indicator.instruments = strings(value, at, "instruments");
        indicator.group_question = string(value, at, "group_question", false);
        if (const auto* areas = array(value, at, "areas")) {
            for (std::size_t i = 0; i < areas->size(); ++i) {
                indicator.areas.push_back(area((*areas)[i], at + ".areas[" + std::to_string(i) + "]"));
            }
        }
        for (const auto& name : strings(value, at, "breakdowns")) {
            if (const auto breakdown = domain::parse_breakdown(name)) {
                indicator.breakdowns.push_back(*breakdown);
            } else {
                error(at + ".breakdowns", name + " is not a breakdown (respondent, country, sector, size, wave)");
            }
        }
        return indicator;
    }

    std::vector<FieldError> errors;

private:
    void error(std::string field, std::string message) { errors.push_back({std::move(field), std::move(message)}); }

    std::string string(const json& object, const std::string& at, const char* name, bool required) {
        const auto it = object.find(name);
        if (it == object.end()) {
            if (required) {
                error(at + "." + name, "is required");
            }
            return {};
        }
        if (!it->is_string()) {
            error(at + "." + name, "must be a string");
            return {};
        }
        return it->get<std::string>();
    }

    const json* array(const json& object, const std::string& at, const char* name) {
        const auto it = object.find(name);
        if (it == object.end()) {
            return nullptr;
        }
        if (!it->is_array()) {
            error(at + "." + name, "must be an array");
            return nullptr;
        }
        return &*it;
    }

    std::vector<std::string> strings(const json& object, const std::string& at, const char* name) {
        std::vector<std::string> values;
        if (const auto* items = array(object, at, name)) {
            for (std::size_t i = 0; i < items->size(); ++i) {
                if ((*items)[i].is_string()) {
                    values.push_back((*items)[i].get<std::string>());
                } else {
                    error(at + "." + name + "[" + std::to_string(i) + "]", "must be a string");
                }
            }
        }
        return values;
    }

    domain::LocalisedText text(const json& object, const std::string& at, const char* name) {
        domain::LocalisedText text;
        const auto it = object.find(name);
        if (it == object.end()) {
            error(at + "." + name, "is required");
            return text;
        }
        if (!it->is_object()) {
            error(at + "." + name, "must be an object of texts by language");
            return text;
        }
        for (const auto& [language, value] : it->items()) {
            if (value.is_string()) {
                text[language] = value.get<std::string>();
            } else {
                error(at + "." + name + "." + language, "must be a string");
            }
        }
        return text;
    }

    domain::QuestionRef reference(const json& value, const std::string& at, bool with_question) {
        domain::QuestionRef ref;
        if (!value.is_object()) {
            error(at, "must be an object");
            return ref;
        }
        for (const auto& [name, unused] : value.items()) {
            if (name != "instrument" && !(with_question && name == "question")) {
                error(at + "." + name, "is not a known member");
            }
        }
        ref.instrument = string(value, at, "instrument", true);
        ref.question = string(value, at, "question", with_question);
        return ref;
    }

    void read_success(const json& value, const std::string& at, domain::SuccessRule& rule) {
        if (!value.is_object()) {
            error(at, "must be an object");
            return;
        }
        for (const auto& [name, member] : value.items()) {
            if (name == "at_least" && member.is_number_integer()) {
                rule.at_least = member.get<std::int64_t>();
            } else if (name == "equals" && member.is_boolean()) {
                rule.equals = member.get<bool>();
            } else if (name == "choice" && member.is_string()) {
                rule.choice = member.get<std::string>();
            } else {
                error(at + "." + name, "must be at_least (a whole number), equals (true/false) or choice (a string)");
            }
        }
    }

    domain::CompetenceArea area(const json& value, const std::string& at) {
        domain::CompetenceArea area;
        if (!value.is_object()) {
            error(at, "must be an object");
            return area;
        }
        area.key = string(value, at, "key", true);
        area.label = text(value, at, "label");
        if (const auto* pairs = array(value, at, "pairs")) {
            for (std::size_t i = 0; i < pairs->size(); ++i) {
                const auto& pair = (*pairs)[i];
                if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
                    area.current_and_required.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
                } else {
                    error(at + ".pairs[" + std::to_string(i) + "]", "must be [current question, required question]");
                }
            }
        }
        return area;
    }
};

json reference_json(const domain::QuestionRef& ref) {
    json value = {{"instrument", ref.instrument}};
    if (!ref.question.empty()) {
        value["question"] = ref.question;
    }
    return value;
}

}  // namespace

Result<std::vector<domain::Indicator>> indicators_from_json(const nlohmann::json& document,
                                                            const std::vector<domain::Instrument>& instruments,
                                                            const std::vector<std::string>& languages) {
    if (!document.is_array()) {
        return Error::invalid("indicators", "must be an array of indicators");
    }
    IndicatorReader reader;
    std::vector<domain::Indicator> indicators;
    for (std::size_t i = 0; i < document.size(); ++i) {
        indicators.push_back(reader.read(document[i], "[" + std::to_string(i) + "]"));
    }
    if (!reader.errors.empty()) {
        return Error{ErrorCode::invalid_argument, "The indicators are not well formed.", std::move(reader.errors)};
    }
    return domain::check_indicators(std::move(indicators), instruments, languages);
}

nlohmann::json indicator_to_json(const domain::Indicator& indicator) {
    using K = domain::IndicatorKind;
    json value = {{"id", indicator.id},
                  {"label", indicator.label},
                  {"method", indicator.method},
                  {"kind", domain::to_string(indicator.kind)}};
    if (indicator.counts) {
        value["counts"] = domain::to_string(*indicator.counts);
    }
    if (!indicator.reads.empty()) {
        value["reads"] = json::array();
        for (const auto& ref : indicator.reads) {
            value["reads"].push_back(reference_json(ref));
        }
    }
    if (indicator.success.at_least) {
        value["success"] = {{"at_least", *indicator.success.at_least}};
    } else if (indicator.success.equals) {
        value["success"] = {{"equals", *indicator.success.equals}};
    } else if (indicator.success.choice) {
        value["success"] = {{"choice", *indicator.success.choice}};
    }
    if (!indicator.wave.empty()) {
        value["wave"] = indicator.wave;
    }
    if (!indicator.respondents.empty()) {
        value["respondents"] = indicator.respondents;
    }
    if (indicator.pre) {
        value["pre"] = reference_json(*indicator.pre);
    }
    if (indicator.post) {
        value["post"] = reference_json(*indicator.post);
    }
    if (indicator.kind == K::digital_intensity) {
        value["items"] = indicator.items;
        value["basic_level"] = indicator.basic_level;
    }
    if (indicator.kind == K::skills_gap) {
        value["instruments"] = indicator.instruments;
        value["group_question"] = indicator.group_question;
        value["areas"] = json::array();
        for (const auto& area : indicator.areas) {
            json pairs = json::array();
            for (const auto& [current, required] : area.current_and_required) {
                pairs.push_back({current, required});
            }
            value["areas"].push_back({{"key", area.key}, {"label", area.label}, {"pairs", pairs}});
        }
    }
    if (!indicator.breakdowns.empty()) {
        value["breakdowns"] = json::array();
        for (const auto breakdown : indicator.breakdowns) {
            value["breakdowns"].push_back(domain::to_string(breakdown));
        }
    }
    return value;
}

}  // namespace yardstick::server::json
