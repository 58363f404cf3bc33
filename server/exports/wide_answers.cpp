#include "server/exports/wide_answers.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace yardstick::server::exports {

namespace {

const std::string kEmpty;

const std::string& cell_of(const ColumnIndex& columns, const std::vector<std::string>& cells, const std::string& name) {
    const auto it = columns.find(name);
    return it == columns.end() || it->second >= cells.size() ? kEmpty : cells[it->second];
}

std::optional<std::int64_t> whole_number(const std::string& text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> decimal_number(const std::string& text) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

/// One cell of a question that is not a multiple choice.
Result<domain::AnswerValue> value_of(const domain::Question& question, const std::string& column,
                                     const std::string& cell) {
    using domain::QuestionType;
    switch (question.type) {
        case QuestionType::boolean:
            if (cell == "1" || cell == "0") {
                return domain::AnswerValue(cell == "1");
            }
            return Error::invalid(column, "must be 1 (yes) or 0 (no)");
        case QuestionType::likert5:
        case QuestionType::scale:
        case QuestionType::integer:
            if (const auto number = whole_number(cell)) {
                return domain::AnswerValue(*number);
            }
            return Error::invalid(column, "must be a whole number");
        case QuestionType::decimal:
            if (const auto number = whole_number(cell)) {
                return domain::AnswerValue(*number);
            }
            if (const auto number = decimal_number(cell)) {
                return domain::AnswerValue(*number);
            }
            return Error::invalid(column, "must be a number (a point for decimals: 2.5)");
        default:
            return domain::AnswerValue(cell);
    }
}

}  // namespace

ColumnIndex index_columns(const std::vector<std::string>& header) {
    ColumnIndex columns;
    for (std::size_t i = 0; i < header.size(); ++i) {
        columns.emplace(header[i], i);
    }
    return columns;
}

Result<domain::Answers> answers_of_wide_row(const ExportLayout& layout, const domain::Instrument& version,
                                            const ColumnIndex& columns, const std::vector<std::string>& cells) {
    domain::Answers answers;
    std::vector<FieldError> problems;
    for (const auto& column : layout.columns()) {
        const auto& cell = cell_of(columns, cells, column.name);
        if (cell.empty() || layout.withheld(column.question)) {
            continue;
        }
        const auto* question = domain::find_question(version, column.question);
        if (question == nullptr) {
            problems.push_back({column.name, "instrument " + version.key + " version " +
                                                 std::to_string(version.version) + " does not ask " +
                                                 column.question + ": leave it empty"});
            continue;
        }
        if (!column.choice.empty()) {
            if (cell != "0" && cell != "1") {
                problems.push_back({column.name, "must be 1 (chosen), 0 (not chosen) or empty (not answered)"});
                continue;
            }
            auto& chosen = answers.try_emplace(column.question, std::vector<std::string>{}).first->second;
            if (cell == "1") {
                std::get<std::vector<std::string>>(chosen).push_back(column.choice);
            }
            continue;
        }
        auto value = value_of(*question, column.name, cell);
        if (!value.ok()) {
            problems.push_back(value.error().fields.front());
            continue;
        }
        answers.emplace(column.question, std::move(value).value());
    }
    if (!problems.empty()) {
        Error error{ErrorCode::invalid_argument, "the row's answers do not read", std::move(problems)};
        return error;
    }
    return answers;
}

}  // namespace yardstick::server::exports
