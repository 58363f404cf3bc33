#include "server/exports/statistics_file.hpp"

#include <readstat.h>

#include <algorithm>
#include <ctime>
#include <stdexcept>
#include <variant>

#include "server/exports/response_formats.hpp"
#include "server/json/instrument_json.hpp"
#include "yardstick/domain/answer.hpp"

namespace yardstick::server::exports {

namespace {

using Kind = StatisticsVariable::Kind;

void check(readstat_error_t error, const char* what) {
    if (error != READSTAT_OK) {
        throw std::runtime_error(std::string("ReadStat: ") + what + ": " + readstat_error_message(error));
    }
}

/// The question with this key in the first version that asks it.
const domain::Question* question_named(const std::vector<domain::Instrument>& instruments, const std::string& key) {
    for (const auto& instrument : instruments) {
        if (const auto* question = domain::find_question(instrument, key)) {
            return question;
        }
    }
    return nullptr;
}

/// `name` within the format's limit: cut, with its position to keep it unique.
std::string fitted(const std::string& name, std::size_t index, StatisticsFormat format) {
    const auto limit = name_limit(format);
    if (name.size() <= limit) {
        return name;
    }
    const auto suffix = "_" + std::to_string(index);
    return name.substr(0, limit - suffix.size()) + suffix;
}

StatisticsVariable metadata_variable(const std::string& column) {
    static const std::map<std::string, std::pair<Kind, std::string>> kinds = {
        {"response_id", {Kind::number, "Response"}},
        {"instrument", {Kind::text, "Instrument"}},
        {"instrument_version", {Kind::number, "Instrument version"}},
        {"wave", {Kind::text, "Wave"}},
        {"respondent", {Kind::text, "Respondent"}},
        {"participant", {Kind::text, "Participant (pseudonym)"}},
        {"organisation", {Kind::text, "Organisation (pseudonym)"}},
        {"country", {Kind::text, "Country of the organisation (ISO 3166-1)"}},
        {"sector", {Kind::text, "Sector of the organisation (NACE Rev. 2)"}},
        {"size", {Kind::text, "Size class of the organisation"}},
        {"engagement", {Kind::number, "Engagement"}},
        {"submitted_at", {Kind::text, "Submitted at (UTC)"}}};
    StatisticsVariable variable;
    variable.column = column;
    variable.kind = kinds.at(column).first;
    variable.label = kinds.at(column).second;
    return variable;
}

}  // namespace

std::size_t name_limit(StatisticsFormat format) {
    return format == StatisticsFormat::stata_dta ? 32 : 64;
}

std::vector<StatisticsVariable> statistics_variables(const ExportLayout& layout,
                                                     const std::vector<domain::Instrument>& instruments,
                                                     const std::string& language, StatisticsFormat format) {
    std::vector<StatisticsVariable> variables;
    for (const auto& column : ExportLayout::metadata_columns()) {
        variables.push_back(metadata_variable(column));
    }
    for (const auto& column : layout.columns()) {
        StatisticsVariable variable;
        variable.column = column.name;
        variable.question = column.question;
        variable.choice = column.choice;
        const auto* question = question_named(instruments, column.question);
        const auto text = question ? domain::in_language(question->text, language) : column.question;
        variable.label = text;
        if (layout.withheld(column.question)) {
            variable.kind = Kind::text;
            variable.label += " (withheld: personal)";
        } else if (!column.choice.empty()) {
            variable.kind = Kind::coded;
            for (const auto& choice : question ? question->choices : std::vector<domain::Choice>{}) {
                if (choice.value == column.choice) {
                    variable.label = text + ": " + domain::in_language(choice.label, language);
                }
            }
            variable.value_labels = {{0, "not chosen"}, {1, "chosen"}};
        } else if (question == nullptr) {
            variable.kind = Kind::text;
        } else {
            switch (question->type) {
                case domain::QuestionType::likert5:
                    variable.kind = Kind::coded;
                    for (int point = 1; point <= 5; ++point) {
                        variable.value_labels.emplace_back(point, json::likert_label(point, language));
                    }
                    break;
                case domain::QuestionType::boolean:
                    variable.kind = Kind::coded;
                    variable.value_labels = {{0, "No"}, {1, "Yes"}};
                    break;
                case domain::QuestionType::single: {
                    variable.kind = Kind::coded;
                    // Codes in the order choices first appear across versions:
                    // a choice keeps its code when a later version adds one.
                    for (const auto& instrument : instruments) {
                        const auto* asked = domain::find_question(instrument, column.question);
                        for (const auto& choice : asked ? asked->choices : std::vector<domain::Choice>{}) {
                            if (!variable.codes.contains(choice.value)) {
                                const auto code = static_cast<int>(variable.codes.size()) + 1;
                                variable.codes.emplace(choice.value, code);
                                variable.value_labels.emplace_back(code, domain::in_language(choice.label, language));
                            }
                        }
                    }
                    break;
                }
                case domain::QuestionType::text:
                case domain::QuestionType::date:
                    variable.kind = Kind::text;
                    break;
                default:
                    variable.kind = Kind::number;
            }
        }
        variables.push_back(std::move(variable));
    }
    for (std::size_t i = 0; i < variables.size(); ++i) {
        variables[i].name = fitted(variables[i].column, i + 1, format);
    }
    return variables;
}

std::vector<StatisticsCell> statistics_cells(const std::vector<StatisticsVariable>& variables,
                                             const ExportRecord& record, const domain::Instrument* instrument) {
    using State = StatisticsCell::State;
    std::set<std::string> asked;
    std::set<std::string> relevant;
    if (instrument != nullptr) {
        for (const auto& section : instrument->sections) {
            for (const auto& question : section.questions) {
                asked.insert(question.key);
            }
        }
        for (const auto* question : domain::relevant_questions(*instrument, record.answers)) {
            relevant.insert(question->key);
        }
    }
    const auto& r = record.response;
    const std::map<std::string, StatisticsCell> metadata = {
        {"response_id", {State::value, static_cast<double>(r.response_id), {}}},
        {"instrument", {State::text, 0, r.instrument}},
        {"instrument_version", {State::value, static_cast<double>(r.instrument_version), {}}},
        {"wave", {State::text, 0, r.wave}},
        {"respondent", {State::text, 0, r.respondent}},
        {"participant", {State::text, 0, record.participant}},
        {"organisation", {State::text, 0, record.organisation}},
        {"country", {State::text, 0, r.country}},
        {"sector", {State::text, 0, r.sector}},
        {"size", {State::text, 0, r.size}},
        {"engagement", {State::value, static_cast<double>(r.engagement_id), {}}},
        {"submitted_at", {State::text, 0, r.submitted_at}}};
    std::vector<StatisticsCell> cells;
    cells.reserve(variables.size());
    for (const auto& variable : variables) {
        if (variable.question.empty()) {
            cells.push_back(metadata.at(variable.column));
            continue;
        }
        const auto it = record.answers.find(variable.question);
        StatisticsCell cell;
        if (variable.label.ends_with("(withheld: personal)")) {
            cell.state = State::text;
        } else if (it == record.answers.end()) {
            cell.state = !asked.contains(variable.question)     ? State::absent
                         : !relevant.contains(variable.question) ? State::not_relevant
                                                                 : State::not_answered;
        } else if (!variable.choice.empty()) {
            const auto* chosen = std::get_if<std::vector<std::string>>(&it->second);
            const bool picked =
                chosen != nullptr && std::find(chosen->begin(), chosen->end(), variable.choice) != chosen->end();
            cell = {State::value, picked ? 1.0 : 0.0, {}};
        } else if (variable.kind == Kind::text) {
            cell = {State::text, 0, answer_cell(it->second)};
        } else if (const auto* value = std::get_if<std::string>(&it->second)) {
            const auto code = variable.codes.find(*value);
            cell = code == variable.codes.end() ? StatisticsCell{State::not_answered, 0, {}}
                                                : StatisticsCell{State::value, static_cast<double>(code->second), {}};
        } else if (const auto* flag = std::get_if<bool>(&it->second)) {
            cell = {State::value, *flag ? 1.0 : 0.0, {}};
        } else if (const auto* whole = std::get_if<std::int64_t>(&it->second)) {
            cell = {State::value, static_cast<double>(*whole), {}};
        } else if (const auto* number = std::get_if<double>(&it->second)) {
            cell = {State::value, *number, {}};
        }
        if (variable.kind == Kind::text && cell.state != State::text) {
            cell = {State::text, 0, {}};  // a missing text is an empty string
        }
        cells.push_back(std::move(cell));
    }
    return cells;
}

struct StatisticsWriter::State {
    StatisticsFormat format = StatisticsFormat::spss_sav;
    std::vector<StatisticsVariable> variables;
    std::string file_label;
    std::function<void(const char*, std::size_t)> emit;
    readstat_writer_t* writer = nullptr;
    std::vector<readstat_variable_t*> handles;
};

namespace {

ssize_t write_bytes(const void* bytes, size_t length, void* context) {
    auto* emit = static_cast<std::function<void(const char*, std::size_t)>*>(context);
    (*emit)(static_cast<const char*>(bytes), length);
    return static_cast<ssize_t>(length);
}

}  // namespace

StatisticsWriter::StatisticsWriter(StatisticsFormat format, std::vector<StatisticsVariable> variables,
                                   std::string file_label, std::function<void(const char*, std::size_t)> emit)
    : state_(std::make_unique<State>()) {
    state_->format = format;
    state_->variables = std::move(variables);
    state_->file_label = std::move(file_label);
    state_->emit = std::move(emit);
    state_->writer = readstat_writer_init();
    if (state_->writer == nullptr) {
        throw std::runtime_error("ReadStat: cannot make a writer");
    }
}

StatisticsWriter::~StatisticsWriter() {
    readstat_writer_free(state_->writer);
}

void StatisticsWriter::begin(long rows) {
    auto* writer = state_->writer;
    const bool stata = state_->format == StatisticsFormat::stata_dta;
    check(readstat_set_data_writer(writer, write_bytes), "data writer");
    if (stata) {
        check(readstat_writer_set_file_format_version(writer, 118), "format version");  // UTF-8
    }
    check(readstat_writer_set_file_label(writer, state_->file_label.substr(0, stata ? 80 : 64).c_str()),
          "file label");
    int label_set = 0;
    for (const auto& variable : state_->variables) {
        const bool text = variable.kind == Kind::text;
        auto* handle = readstat_add_variable(writer, variable.name.c_str(),
                                             text ? READSTAT_TYPE_STRING : READSTAT_TYPE_DOUBLE,
                                             text ? std::min<std::size_t>(variable.width, stata ? 2045 : 32767) : 0);
        readstat_variable_set_label(handle, variable.label.substr(0, stata ? 80 : 255).c_str());
        if (!text && !variable.question.empty()) {
            // Every answer variable says why a value is missing.
            const auto set_name = "L" + std::to_string(++label_set);
            auto* labels = readstat_add_label_set(writer, READSTAT_TYPE_DOUBLE, set_name.c_str());
            for (const auto& [code, label] : variable.value_labels) {
                readstat_label_double_value(labels, code, label.c_str());
            }
            if (stata) {
                readstat_label_tagged_value(labels, 'a', "not answered");
                readstat_label_tagged_value(labels, 'b', "not relevant");
            } else {
                readstat_label_double_value(labels, kNotAnswered, "not answered");
                readstat_label_double_value(labels, kNotRelevant, "not relevant");
                check(readstat_variable_add_missing_double_value(handle, kNotAnswered), "missing value");
                check(readstat_variable_add_missing_double_value(handle, kNotRelevant), "missing value");
            }
            readstat_variable_set_label_set(handle, labels);
            readstat_variable_set_measure(handle, variable.kind == Kind::coded ? READSTAT_MEASURE_ORDINAL
                                                                               : READSTAT_MEASURE_SCALE);
        }
        state_->handles.push_back(handle);
    }
    check(stata ? readstat_begin_writing_dta(writer, &state_->emit, rows)
                : readstat_begin_writing_sav(writer, &state_->emit, rows),
          "begin");
}

void StatisticsWriter::write_row(const std::vector<StatisticsCell>& cells) {
    using CellState = StatisticsCell::State;
    auto* writer = state_->writer;
    const bool stata = state_->format == StatisticsFormat::stata_dta;
    check(readstat_begin_row(writer), "row");
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto* handle = state_->handles[i];
        const auto& cell = cells[i];
        switch (cell.state) {
            case CellState::value:
                check(readstat_insert_double_value(writer, handle, cell.number), "value");
                break;
            case CellState::text: {
                const auto width = readstat_variable_get_storage_width(handle);
                check(readstat_insert_string_value(writer, handle, cell.text.substr(0, width).c_str()), "text");
                break;
            }
            case CellState::not_answered:
            case CellState::not_relevant: {
                const bool unanswered = cell.state == CellState::not_answered;
                check(stata ? readstat_insert_tagged_missing_value(writer, handle, unanswered ? 'a' : 'b')
                            : readstat_insert_double_value(writer, handle, unanswered ? kNotAnswered : kNotRelevant),
                      "missing");
                break;
            }
            case CellState::absent:
                check(readstat_insert_missing_value(writer, handle), "missing");
                break;
        }
    }
    check(readstat_end_row(writer), "row");
}

void StatisticsWriter::end() {
    check(readstat_end_writing(state_->writer), "end");
}

}  // namespace yardstick::server::exports
