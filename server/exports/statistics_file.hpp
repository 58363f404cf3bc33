#pragma once
// responses.sav (SPSS) and responses.dta (Stata 118, UTF-8), written with
// ReadStat: the columns of responses.csv as variables, labelled with the
// question texts in the programme's default language; choices, Likert points
// and yes/no coded as integers with value labels; and the two kinds of
// missing answer declared apart (SPSS: user-missing -1 and -2; Stata: .a and
// .b). ReadStat needs the number of rows and every string's width before the
// first byte, so the export makes two passes over one snapshot: measure,
// then write (export_job.cpp).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "server/exports/export_layout.hpp"
#include "server/exports/response_formats.hpp"

namespace yardstick::server::exports {

enum class StatisticsFormat { spss_sav, stata_dta };

/// The codes of an answer that is missing, as written in SPSS files (Stata
/// writes them as .a and .b).
inline constexpr int kNotAnswered = -1;  ///< asked and relevant, left empty
inline constexpr int kNotRelevant = -2;  ///< not asked: its relevance rule was false

/// One variable of the file.
struct StatisticsVariable {
    enum class Kind { number, coded, text };
    std::string name;    ///< within the format's limits, unique
    std::string column;  ///< the responses.csv column it holds
    std::string question;  ///< empty for metadata
    std::string choice;    ///< a multiple choice's 0/1 column
    Kind kind = Kind::number;
    std::string label;
    std::vector<std::pair<int, std::string>> value_labels;  ///< coded: code → label
    std::map<std::string, int> codes;                       ///< a single choice: value → code
    std::size_t width = 1;                                  ///< text: bytes
};

/// The variables for these columns. `instruments`: every version, to find
/// question texts, types and choices (the first version that has a question
/// names it); `language`: of the labels.
std::vector<StatisticsVariable> statistics_variables(const ExportLayout& layout,
                                                     const std::vector<domain::Instrument>& instruments,
                                                     const std::string& language, StatisticsFormat format);

/// The longest name a format takes (SPSS 64 bytes, Stata 32).
std::size_t name_limit(StatisticsFormat format);

/// What one record holds for each variable: a number, a code, a text, or a
/// missing answer of one kind (nothing: not in this instrument version).
struct StatisticsCell {
    enum class State { value, text, not_answered, not_relevant, absent };
    State state = State::absent;
    double number = 0;
    std::string text;
};

/// The record's cells in variable order. `instrument`: the version it
/// answered (relevance and which questions it asked).
std::vector<StatisticsCell> statistics_cells(const std::vector<StatisticsVariable>& variables,
                                             const ExportRecord& record, const domain::Instrument* instrument);

/// Writes the file through `emit` as ReadStat produces it. `rows` and the
/// variables' widths must be final (first pass) before begin().
class StatisticsWriter {
public:
    StatisticsWriter(StatisticsFormat format, std::vector<StatisticsVariable> variables, std::string file_label,
                     std::function<void(const char*, std::size_t)> emit);
    ~StatisticsWriter();
    StatisticsWriter(const StatisticsWriter&) = delete;
    StatisticsWriter& operator=(const StatisticsWriter&) = delete;

    void begin(long rows);
    void write_row(const std::vector<StatisticsCell>& cells);
    void end();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace yardstick::server::exports
