#include "server/json/answers_json.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <variant>
#include <vector>

#include "server/json/json_messages.hpp"

namespace yardstick::server::json {
namespace {

using nlohmann::json;

std::string answer_problem(const json& value) {
    if (value.is_null()) {
        return "must not be null: leave an unanswered question out";
    }
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > std::numeric_limits<std::int64_t>::max()) {
        return "is too large for a whole number";
    }
    if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (!value[i].is_string()) {
                return "must be a list of choice values (strings), but item " + std::to_string(i) + " is " +
                       describe(value[i]);
            }
        }
        return {};
    }
    if (value.is_boolean() || value.is_number() || value.is_string()) {
        return {};
    }
    return wrong_type("true, false, a number, a string or a list of choice values", value);
}

domain::AnswerValue answer_value(const json& value) {
    if (value.is_boolean()) {
        return value.get<bool>();
    }
    if (value.is_number_integer()) {
        return value.get<std::int64_t>();
    }
    if (value.is_number_float()) {
        return value.get<double>();
    }
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return value.get<std::vector<std::string>>();
}

}  // namespace

Result<domain::Answers> answers_from_json(const nlohmann::json& answers) {
    if (!answers.is_object()) {
        return Error::invalid("answers", wrong_type("an object from question key to answer", answers));
    }
    domain::Answers out;
    std::vector<FieldError> errors;
    for (const auto& [key, value] : answers.items()) {
        if (auto problem = answer_problem(value); !problem.empty()) {
            errors.push_back({key, std::move(problem)});
        } else {
            out.emplace(key, answer_value(value));
        }
    }
    if (!errors.empty()) {
        return Error{
            ErrorCode::invalid_argument,
            std::to_string(errors.size()) + (errors.size() == 1 ? " answer cannot" : " answers cannot") + " be read",
            std::move(errors)};
    }
    return out;
}

nlohmann::json answers_to_json(const domain::Answers& answers) {
    json out = json::object();
    for (const auto& [key, value] : answers) {
        std::visit([&out, &key = key](const auto& v) { out[key] = v; }, value);
    }
    return out;
}

nlohmann::json answers_for_event(const domain::Instrument& instrument, const domain::Answers& answers) {
    domain::Answers kept;
    json withheld = json::array();
    for (const auto& [key, value] : answers) {
        const auto* question = domain::find_question(instrument, key);
        if (question == nullptr || question->type == domain::QuestionType::text || question->personal) {
            withheld.push_back(key);
        } else {
            kept.emplace(key, value);
        }
    }
    return {{"answers", answers_to_json(kept)}, {"withheld", std::move(withheld)}};
}

}  // namespace yardstick::server::json
