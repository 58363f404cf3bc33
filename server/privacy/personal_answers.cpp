#include "server/privacy/personal_answers.hpp"

#include <nlohmann/json.hpp>

#include "server/json/answers_json.hpp"

namespace yardstick::server::privacy {

SplitAnswers split_personal(const domain::Instrument& instrument, const domain::Answers& answers) {
    SplitAnswers split;
    for (const auto& [key, value] : answers) {
        const auto* question = domain::find_question(instrument, key);
        (question != nullptr && question->personal ? split.personal : split.kept).emplace(key, value);
    }
    return split;
}

std::optional<std::string> seal_personal(const security::PersonKey& key, const domain::Answers& personal) {
    if (personal.empty()) {
        return std::nullopt;
    }
    return key.seal(json::answers_to_json(personal).dump());
}

Result<domain::Answers> with_personal(domain::Answers answers, const std::optional<std::string>& sealed,
                                      const std::optional<security::PersonKey>& key) {
    if (!sealed || !key) {
        return answers;
    }
    auto opened = key->open(*sealed);
    if (!opened.ok()) {
        return opened.error();
    }
    const auto document = nlohmann::json::parse(*opened, nullptr, false);
    auto personal = json::answers_from_json(document);
    if (document.is_discarded() || !personal.ok()) {
        return Error{ErrorCode::internal, "sealed personal answers do not parse", {}};
    }
    for (auto& [question, value] : *personal) {
        answers.insert_or_assign(question, std::move(value));
    }
    return answers;
}

}  // namespace yardstick::server::privacy
