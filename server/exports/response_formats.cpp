#include "server/exports/response_formats.hpp"

#include <algorithm>
#include <variant>

#include <nlohmann/json.hpp>

#include "server/json/answers_json.hpp"
#include "server/csv/csv_writer.hpp"

namespace yardstick::server::exports {

namespace {

std::vector<std::string> metadata_cells(const ExportRecord& record) {
    const auto& r = record.response;
    return {std::to_string(r.response_id),
            r.instrument,
            std::to_string(r.instrument_version),
            r.wave,
            r.respondent,
            record.participant,
            record.organisation,
            r.country,
            r.sector,
            r.size,
            std::to_string(r.engagement_id),
            r.submitted_at};
}

bool chose(const domain::AnswerValue& value, const std::string& choice) {
    const auto* chosen = std::get_if<std::vector<std::string>>(&value);
    return chosen != nullptr && std::find(chosen->begin(), chosen->end(), choice) != chosen->end();
}

/// The answers without those the layout withholds.
domain::Answers shown(const ExportLayout& layout, const domain::Answers& answers) {
    domain::Answers out;
    for (const auto& [key, value] : answers) {
        if (!layout.withheld(key)) {
            out.emplace(key, value);
        }
    }
    return out;
}

/// Parsed answers of a stored version; empty when they do not parse (the
/// database only holds answers that did).
domain::Answers parse_answers(const std::string& answers_json) {
    auto parsed = json::answers_from_json(nlohmann::json::parse(answers_json));
    return parsed.ok() ? std::move(parsed).value() : domain::Answers{};
}

}  // namespace

std::string answer_cell(const domain::AnswerValue& value) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>) {
                return v ? "1" : "0";
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                return std::to_string(v);
            } else if constexpr (std::is_same_v<T, double>) {
                return csv::shortest_decimal(v);
            } else if constexpr (std::is_same_v<T, std::string>) {
                return v;
            } else {
                std::string joined;  // a multiple choice in one cell (long format never needs it)
                for (const auto& item : v) {
                    joined += (joined.empty() ? "" : ";") + item;
                }
                return joined;
            }
        },
        value);
}

std::string wide_header(const ExportLayout& layout) {
    auto cells = ExportLayout::metadata_columns();
    for (const auto& column : layout.columns()) {
        cells.push_back(column.name);
    }
    std::string out;
    csv::append_csv_row(out, cells);
    return out;
}

std::string wide_row(const ExportLayout& layout, const ExportRecord& record) {
    auto cells = metadata_cells(record);
    cells.reserve(cells.size() + layout.columns().size());
    for (const auto& column : layout.columns()) {
        const auto it = record.answers.find(column.question);
        if (it == record.answers.end() || layout.withheld(column.question)) {
            cells.emplace_back();
        } else if (!column.choice.empty()) {
            cells.emplace_back(chose(it->second, column.choice) ? "1" : "0");
        } else {
            cells.push_back(answer_cell(it->second));
        }
    }
    std::string out;
    csv::append_csv_row(out, cells);
    return out;
}

std::string long_header() {
    auto cells = ExportLayout::metadata_columns();
    cells.insert(cells.end(), {"question", "value"});
    std::string out;
    csv::append_csv_row(out, cells);
    return out;
}

std::string long_rows(const ExportLayout& layout, const ExportRecord& record) {
    const auto metadata = metadata_cells(record);
    std::string out;
    auto row = [&](const std::string& question, const std::string& value) {
        auto cells = metadata;
        cells.push_back(question);
        cells.push_back(value);
        csv::append_csv_row(out, cells);
    };
    std::string last_question;
    for (const auto& column : layout.columns()) {
        const auto it = record.answers.find(column.question);
        if (it == record.answers.end() || layout.withheld(column.question)) {
            continue;
        }
        if (!column.choice.empty()) {
            if (chose(it->second, column.choice)) {
                row(column.question, column.choice);
            }
        } else if (column.question != last_question) {
            row(column.question, answer_cell(it->second));
        }
        last_question = column.question;
    }
    return out;
}

std::string ndjson_line(const ExportLayout& layout, const ExportRecord& record,
                        const std::vector<sql::ExportedVersion>& versions) {
    const auto& r = record.response;
    auto history = nlohmann::json::array();
    for (const auto& version : versions) {
        history.push_back({{"version", version.version},
                           {"instrument_version", version.instrument_version},
                           {"submitted_at", version.submitted_at},
                           {"answers", json::answers_to_json(shown(layout, parse_answers(version.answers_json)))}});
    }
    const nlohmann::json line = {{"response_id", r.response_id},
                                 {"instrument", r.instrument},
                                 {"instrument_version", r.instrument_version},
                                 {"wave", r.wave},
                                 {"respondent", r.respondent},
                                 {"participant", record.participant},
                                 {"organisation", record.organisation},
                                 {"country", r.country},
                                 {"sector", r.sector},
                                 {"size", r.size},
                                 {"engagement", r.engagement_id},
                                 {"version", r.version},
                                 {"submitted_at", r.submitted_at},
                                 {"answers", json::answers_to_json(shown(layout, record.answers))},
                                 {"versions", std::move(history)}};
    return line.dump() + "\n";
}

}  // namespace yardstick::server::exports
