#include "server/json/instrument_json.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "server/json/json_messages.hpp"

namespace yardstick::server::json {

namespace {

using nlohmann::json;

// One member an object may have; a `required` one must be present.
struct Member {
    std::string_view name;
    bool required = false;
};

constexpr Member kInstrumentMembers[] = {
    {"key", true},       {"version", true}, {"wave", true},    {"respondent", true},
    {"languages", true}, {"title", true},   {"consent", true}, {"sections", true},
};
constexpr Member kConsentMembers[] = {{"version", true}, {"purpose", true}, {"audience", true}, {"statement", true}};
constexpr Member kSectionMembers[] = {{"key", true}, {"title", true}, {"questions", true}};
constexpr Member kQuestionMembers[] = {
    {"key", true},
    {"type", true},
    {"text", true},
    {"hint"},
    {"required"},
    {"choices"},
    {"min"},
    {"max"},
    {"anchors"},
    {"max_length"},
    {"relevant"},
    {"constraint"},
    {"constraint_message"},
    {"personal"},
};
constexpr Member kChoiceMembers[] = {{"value", true}, {"label", true}};
constexpr Member kAnchorMembers[] = {{"min"}, {"max"}};

// The five points of every likert5 question, 1 (strongly disagree) to 5 (strongly agree). Instruments do not
// label them: one fixed wording keeps the scale comparable across instruments, programmes and languages.
struct LikertLabels {
    std::string_view language;
    std::array<std::string_view, 5> labels;
};
constexpr LikertLabels kLikertLabels[] = {
    {"en", {"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"}},
    {"fr", {"Pas du tout d'accord", "Pas d'accord", "Ni d'accord ni pas d'accord", "D'accord", "Tout à fait d'accord"}},
    {"de",
     {"Stimme überhaupt nicht zu", "Stimme nicht zu", "Weder Zustimmung noch Ablehnung", "Stimme zu",
      "Stimme voll und ganz zu"}},
    {"it",
     {"Per niente d'accordo", "In disaccordo", "Né d'accordo né in disaccordo", "D'accordo", "Del tutto d'accordo"}},
};

// The question members whose meaning depends on the type: when the type is unknown, what check_instrument says
// about them would only be noise.
constexpr std::string_view kTypeDependentMembers[] = {".choices", ".min", ".max", ".max_length", ".anchors"};

std::string member_path(const std::string& path, std::string_view name) {
    return path.empty() ? std::string(name) : path + "." + std::string(name);
}

std::string index_path(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

// `descendant` is `ancestor` itself or lies below it (`a.b`, `a[0]`).
bool is_within(const std::string& descendant, const std::string& ancestor) {
    if (descendant.compare(0, ancestor.size(), ancestor) != 0) {
        return false;
    }
    return descendant.size() == ancestor.size() || descendant[ancestor.size()] == '.' ||
           descendant[ancestor.size()] == '[';
}

// `a.b[2]` → `a.b`, `a.b` → `a`, `a` → "".
std::string parent_of(const std::string& path) {
    const auto cut = path.find_last_of(".[");
    return cut == std::string::npos ? std::string() : path.substr(0, cut);
}

// Reads the document, collecting every structural problem; check_instrument() runs on what could be read.
class InstrumentReader {
public:
    domain::Instrument read(const json& document) {
        domain::Instrument instrument;
        if (!object(document, "", kInstrumentMembers)) {
            return instrument;
        }
        read_string(document, "", "key", instrument.key);
        read_int(document, "", "version", instrument.version);
        read_string(document, "", "wave", instrument.wave);
        read_string(document, "", "respondent", instrument.respondent);
        languages_known_ = false;
        if (const auto* languages = array(document, "", "languages")) {
            languages_known_ = true;
            for (std::size_t i = 0; i < languages->size(); ++i) {
                if (auto language = string((*languages)[i], index_path("languages", i))) {
                    instrument.languages.push_back(std::move(*language));
                } else {
                    languages_known_ = false;
                }
            }
        }
        instrument.title = text(document, "", "title");
        if (const auto* consent = find(document, "consent"); consent && object(*consent, "consent", kConsentMembers)) {
            read_int(*consent, "consent", "version", instrument.consent.version);
            instrument.consent.purpose = text(*consent, "consent", "purpose");
            instrument.consent.audience = text(*consent, "consent", "audience");
            instrument.consent.statement = text(*consent, "consent", "statement");
        }
        if (const auto* sections = array(document, "", "sections")) {
            for (std::size_t s = 0; s < sections->size(); ++s) {
                instrument.sections.push_back(section((*sections)[s], index_path("sections", s)));
            }
        }
        return instrument;
    }

    bool has_errors() const { return !errors_.empty(); }

    // The structural problems, then those check_instrument found that do not merely follow from one of them:
    // a member that could not be read is reported once, not again as missing or incomplete. Without the list of
    // languages every text would look wrong, so then check_instrument's findings are left for the next attempt.
    std::vector<FieldError> merge(std::vector<FieldError> checked) && {
        std::vector<FieldError> all = std::move(errors_);
        if (!languages_known_) {
            return all;
        }
        const auto reported = all.size();
        for (auto& error : checked) {
            const bool follows =
                std::any_of(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(reported),
                            [&](const FieldError& known) {
                                return is_within(error.field, known.field) || error.field == parent_of(known.field);
                            }) ||
                std::any_of(quiet_.begin(), quiet_.end(),
                            [&](const std::string& prefix) { return is_within(error.field, prefix); });
            if (!follows) {
                all.push_back(std::move(error));
            }
        }
        return all;
    }

private:
    void error(std::string field, std::string message) { errors_.push_back({std::move(field), std::move(message)}); }

    static const json* find(const json& object, std::string_view name) {
        const auto it = object.find(name);
        return it == object.end() ? nullptr : &*it;
    }

    // True when `value` is an object; reports its unknown members and missing required ones either way.
    bool object(const json& value, const std::string& path, std::span<const Member> members) {
        if (!value.is_object()) {
            error(path, wrong_type("an object", value));
            return false;
        }
        for (const auto& [name, unused] : value.items()) {
            const bool known = std::any_of(members.begin(), members.end(),
                                           [&name = name](const Member& member) { return member.name == name; });
            if (!known) {
                error(member_path(path, name), "is not a known member");
            }
        }
        for (const auto& member : members) {
            if (member.required && !value.contains(member.name)) {
                error(member_path(path, member.name), "is required");
            }
        }
        return true;
    }

    std::optional<std::string> string(const json& value, const std::string& field) {
        if (!value.is_string()) {
            error(field, wrong_type("a string", value));
            return std::nullopt;
        }
        return value.get<std::string>();
    }

    std::optional<std::int64_t> integer(const json& value, const std::string& field) {
        if (value.is_number_unsigned() && value.get<std::uint64_t>() > std::numeric_limits<std::int64_t>::max()) {
            error(field, "is too large");
            return std::nullopt;
        }
        if (!value.is_number_integer()) {
            error(field, value.is_number() ? "must be a whole number (without a decimal point)"
                                           : wrong_type("a whole number", value));
            return std::nullopt;
        }
        return value.get<std::int64_t>();
    }

    std::optional<double> number(const json& value, const std::string& field) {
        if (!value.is_number()) {
            error(field, wrong_type("a number", value));
            return std::nullopt;
        }
        return value.get<double>();
    }

    std::optional<bool> boolean(const json& value, const std::string& field) {
        if (!value.is_boolean()) {
            error(field, wrong_type("true or false", value));
            return std::nullopt;
        }
        return value.get<bool>();
    }

    void read_string(const json& object, const std::string& path, std::string_view name, std::string& out) {
        if (const auto* value = find(object, name)) {
            if (auto read = string(*value, member_path(path, name))) {
                out = std::move(*read);
            }
        }
    }

    void read_int(const json& object, const std::string& path, std::string_view name, int& out) {
        if (const auto* value = find(object, name)) {
            const auto field = member_path(path, name);
            if (auto read = integer(*value, field)) {
                if (*read < std::numeric_limits<int>::min() || *read > std::numeric_limits<int>::max()) {
                    error(field, "is out of range");
                } else {
                    out = static_cast<int>(*read);
                }
            }
        }
    }

    const json* array(const json& object, const std::string& path, std::string_view name) {
        const auto* value = find(object, name);
        if (value && !value->is_array()) {
            error(member_path(path, name), wrong_type("an array", *value));
            return nullptr;
        }
        return value;
    }

    // A localised text: an object from language code to string. An absent member is an empty text.
    domain::LocalisedText text(const json& object, const std::string& path, std::string_view name) {
        domain::LocalisedText out;
        const auto* value = find(object, name);
        if (!value) {
            return out;
        }
        const auto field = member_path(path, name);
        if (!value->is_object()) {
            error(field, wrong_type("an object from language code to text", *value));
            return out;
        }
        for (const auto& [language, translation] : value->items()) {
            if (auto read = string(translation, member_path(field, language))) {
                out.emplace(language, std::move(*read));
            }
        }
        return out;
    }

    std::optional<domain::Expression> expression(const json& object, const std::string& path, std::string_view name,
                                                 domain::ExpressionUse use) {
        const auto* value = find(object, name);
        if (!value) {
            return std::nullopt;
        }
        const auto field = member_path(path, name);
        auto source = string(*value, field);
        if (!source) {
            return std::nullopt;
        }
        auto parsed = domain::parse_question_expression(*source, use, field);
        if (!parsed) {
            for (auto& problem : std::move(parsed).error().fields) {
                errors_.push_back(std::move(problem));
            }
            return std::nullopt;
        }
        return std::move(parsed).value();
    }

    domain::Section section(const json& value, const std::string& path) {
        domain::Section out;
        if (!object(value, path, kSectionMembers)) {
            return out;
        }
        read_string(value, path, "key", out.key);
        out.title = text(value, path, "title");
        if (const auto* questions = array(value, path, "questions")) {
            const auto questions_path = member_path(path, "questions");
            for (std::size_t q = 0; q < questions->size(); ++q) {
                out.questions.push_back(question((*questions)[q], index_path(questions_path, q)));
            }
        }
        return out;
    }

    domain::Question question(const json& value, const std::string& path) {
        domain::Question out;
        if (!object(value, path, kQuestionMembers)) {
            return out;
        }
        read_string(value, path, "key", out.key);
        std::optional<domain::QuestionType> type;
        std::string type_name;
        read_string(value, path, "type", type_name);
        if (const auto* named = find(value, "type"); named && named->is_string()) {
            type = domain::parse_question_type(type_name);
            if (!type) {
                error(member_path(path, "type"),
                      "must be one of likert5, scale, boolean, single, multiple, integer, decimal, text, date");
            }
        }
        if (!type) {
            for (const auto member : kTypeDependentMembers) {
                quiet_.push_back(path + std::string(member));
            }
        }
        out.type = type.value_or(domain::QuestionType::text);
        out.text = text(value, path, "text");
        out.hint = text(value, path, "hint");
        if (const auto* required = find(value, "required")) {
            out.required = boolean(*required, member_path(path, "required")).value_or(false);
        }
        if (const auto* personal = find(value, "personal")) {
            out.personal = boolean(*personal, member_path(path, "personal")).value_or(false);
        }
        if (const auto* choices = array(value, path, "choices")) {
            const auto choices_path = member_path(path, "choices");
            for (std::size_t c = 0; c < choices->size(); ++c) {
                out.choices.push_back(choice((*choices)[c], index_path(choices_path, c)));
            }
        }
        bounds(value, path, type, out);
        if (const auto* anchors = find(value, "anchors")) {
            const auto anchors_path = member_path(path, "anchors");
            if (object(*anchors, anchors_path, kAnchorMembers)) {
                if (anchors->empty()) {
                    error(anchors_path, "needs min, max or both");
                }
                out.anchor_min = text(*anchors, anchors_path, "min");
                out.anchor_max = text(*anchors, anchors_path, "max");
            }
        }
        if (const auto* max_length = find(value, "max_length")) {
            out.max_length = integer(*max_length, member_path(path, "max_length"));
        }
        out.relevant = expression(value, path, "relevant", domain::ExpressionUse::relevance);
        out.constraint = expression(value, path, "constraint", domain::ExpressionUse::constraint);
        out.constraint_message = text(value, path, "constraint_message");
        return out;
    }

    // `min` / `max` are whole numbers except for decimal questions, where they become decimal_min / decimal_max.
    void bounds(const json& value, const std::string& path, std::optional<domain::QuestionType> type,
                domain::Question& out) {
        for (const auto name : {"min", "max"}) {
            const auto* bound = find(value, name);
            if (!bound) {
                continue;
            }
            const auto field = member_path(path, name);
            const bool is_min = std::string_view(name) == "min";
            if (!type || *type == domain::QuestionType::decimal) {
                const auto read = number(*bound, field);
                if (type) {
                    (is_min ? out.decimal_min : out.decimal_max) = read;
                }
            } else {
                (is_min ? out.min : out.max) = integer(*bound, field);
            }
        }
    }

    domain::Choice choice(const json& value, const std::string& path) {
        domain::Choice out;
        if (object(value, path, kChoiceMembers)) {
            read_string(value, path, "value", out.value);
            out.label = text(value, path, "label");
        }
        return out;
    }

    std::vector<FieldError> errors_;
    bool languages_known_ = false;
    std::vector<std::string> quiet_;  // paths below which check_instrument's findings are noise
};

// ---------------------------------------------------------------------------------------------------------------
// Writing

using TextWriter = std::function<json(const domain::LocalisedText&)>;

json write_question(const domain::Question& question, const TextWriter& text) {
    json out = {{"key", question.key},
                {"type", std::string(domain::to_string(question.type))},
                {"text", text(question.text)},
                {"required", question.required}};
    if (!question.hint.empty()) {
        out["hint"] = text(question.hint);
    }
    if (!question.choices.empty()) {
        json choices = json::array();
        for (const auto& choice : question.choices) {
            choices.push_back({{"value", choice.value}, {"label", text(choice.label)}});
        }
        out["choices"] = std::move(choices);
    }
    if (question.min) {
        out["min"] = *question.min;
    }
    if (question.max) {
        out["max"] = *question.max;
    }
    if (question.decimal_min) {
        out["min"] = *question.decimal_min;
    }
    if (question.decimal_max) {
        out["max"] = *question.decimal_max;
    }
    if (!question.anchor_min.empty() || !question.anchor_max.empty()) {
        json anchors = json::object();
        if (!question.anchor_min.empty()) {
            anchors["min"] = text(question.anchor_min);
        }
        if (!question.anchor_max.empty()) {
            anchors["max"] = text(question.anchor_max);
        }
        out["anchors"] = std::move(anchors);
    }
    if (question.max_length) {
        out["max_length"] = *question.max_length;
    }
    if (question.relevant) {
        out["relevant"] = question.relevant->text();
    }
    if (question.constraint) {
        out["constraint"] = question.constraint->text();
    }
    if (!question.constraint_message.empty()) {
        out["constraint_message"] = text(question.constraint_message);
    }
    if (question.personal) {
        out["personal"] = true;
    }
    return out;
}

json write_instrument(const domain::Instrument& instrument, const TextWriter& text,
                      const std::function<void(const domain::Question&, json&)>& decorate) {
    json sections = json::array();
    for (const auto& section : instrument.sections) {
        json questions = json::array();
        for (const auto& question : section.questions) {
            json written = write_question(question, text);
            decorate(question, written);
            questions.push_back(std::move(written));
        }
        sections.push_back({{"key", section.key}, {"title", text(section.title)}, {"questions", std::move(questions)}});
    }
    return {{"key", instrument.key},
            {"version", instrument.version},
            {"wave", instrument.wave},
            {"respondent", instrument.respondent},
            {"languages", instrument.languages},
            {"title", text(instrument.title)},
            {"consent",
             {{"version", instrument.consent.version},
              {"purpose", text(instrument.consent.purpose)},
              {"audience", text(instrument.consent.audience)},
              {"statement", text(instrument.consent.statement)}}},
            {"sections", std::move(sections)}};
}

const LikertLabels& likert_labels(std::string_view language) {
    for (const auto& labels : kLikertLabels) {
        if (labels.language == language) {
            return labels;
        }
    }
    return kLikertLabels[0];  // English, for a language the table does not know
}

}  // namespace

std::string likert_label(int point, std::string_view language) {
    if (point < 1 || point > 5) {
        return {};
    }
    return std::string(likert_labels(language).labels[static_cast<std::size_t>(point - 1)]);
}

Result<domain::Instrument> instrument_from_json(const nlohmann::json& document) {
    if (!document.is_object()) {
        return Error::invalid("instrument", wrong_type("an object", document));
    }
    InstrumentReader reader;
    auto instrument = reader.read(document);
    auto checked = domain::check_instrument(std::move(instrument));
    if (checked && !reader.has_errors()) {
        return checked;
    }
    auto errors = std::move(reader).merge(checked ? std::vector<FieldError>{} : std::move(checked).error().fields);
    Error error{ErrorCode::invalid_argument,
                "the instrument has " + std::to_string(errors.size()) + (errors.size() == 1 ? " problem" : " problems"),
                std::move(errors)};
    return error;
}

nlohmann::json instrument_to_json(const domain::Instrument& instrument) {
    return write_instrument(
        instrument, [](const domain::LocalisedText& text) { return json(text); },
        [](const domain::Question&, json&) {});
}

nlohmann::json localised_instrument_json(const domain::Instrument& instrument, std::string_view language) {
    std::string chosen(language);
    if (std::find(instrument.languages.begin(), instrument.languages.end(), chosen) == instrument.languages.end()) {
        chosen = instrument.languages.empty() ? std::string() : instrument.languages.front();
    }
    const std::string fallback = instrument.languages.empty() ? std::string() : instrument.languages.front();
    // A sound instrument has every text in every language; the fallbacks only keep a form usable otherwise.
    const auto text = [&](const domain::LocalisedText& localised) -> json {
        for (const auto& candidate : {chosen, fallback}) {
            if (const auto it = localised.find(candidate); it != localised.end()) {
                return it->second;
            }
        }
        return localised.empty() ? std::string() : localised.begin()->second;
    };
    const auto& likert = likert_labels(chosen);
    auto out = write_instrument(instrument, text, [&](const domain::Question& question, json& written) {
        if (question.type == domain::QuestionType::likert5) {
            json choices = json::array();
            for (std::size_t point = 0; point < likert.labels.size(); ++point) {
                choices.push_back({{"value", static_cast<int>(point) + 1}, {"label", likert.labels[point]}});
            }
            written["choices"] = std::move(choices);
        }
    });
    out["language"] = chosen;
    return out;
}

}  // namespace yardstick::server::json
