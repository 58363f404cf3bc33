#include "server/csv/csv_table.hpp"

#include <algorithm>

#include "server/text/utf8.hpp"

namespace yardstick::server::csv {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
// Enough to fix a file in one go; a file with more problems is probably not
// the file the user meant, and the 422 body stays small.
constexpr std::size_t kMaxProblems = 100;


std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

bool all_empty(const std::vector<std::string>& fields) noexcept {
    return std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return f.empty(); });
}

enum class Outcome { record, unterminated_quote, text_after_quote };

// Splits the text into records. A record ends at an unquoted LF, CR or CRLF,
// or at the end of the text.
class Tokeniser {
public:
    explicit Tokeniser(std::string_view text) noexcept : text_(text) {}

    bool at_end() const noexcept { return pos_ >= text_.size(); }

    // Reads the next record into `fields`. On failure the last element is the
    // field being read, so the caller can name its column.
    Outcome read_record(std::vector<std::string>& fields) {
        fields.clear();
        while (true) {
            std::string& field = fields.emplace_back();
            if (pos_ < text_.size() && text_[pos_] == '"') {
                if (const auto outcome = read_quoted(field); outcome != Outcome::record) {
                    return outcome;
                }
            } else {
                // A quote inside an unquoted field (`5" screen`) is taken
                // literally, as spreadsheets do.
                const auto end = std::min(text_.find_first_of(",\r\n", pos_), text_.size());
                field.assign(text_.substr(pos_, end - pos_));
                pos_ = end;
            }
            if (at_end()) {
                return Outcome::record;
            }
            const char separator = text_[pos_++];
            if (separator == ',') {
                continue;
            }
            if (separator == '\r' && pos_ < text_.size() && text_[pos_] == '\n') {
                ++pos_;
            }
            return Outcome::record;
        }
    }

private:
    Outcome read_quoted(std::string& field) {
        ++pos_;  // the opening quote
        while (true) {
            const auto quote = text_.find('"', pos_);
            if (quote == std::string_view::npos) {
                return Outcome::unterminated_quote;
            }
            field.append(text_.substr(pos_, quote - pos_));
            pos_ = quote + 1;
            if (pos_ < text_.size() && text_[pos_] == '"') {
                field += '"';
                ++pos_;
                continue;
            }
            break;
        }
        if (!at_end() && text_[pos_] != ',' && text_[pos_] != '\r' && text_[pos_] != '\n') {
            return Outcome::text_after_quote;
        }
        return Outcome::record;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

class TableBuilder {
public:
    explicit TableBuilder(std::size_t max_rows) noexcept : max_rows_(max_rows) {}

    bool too_many_problems() const noexcept { return problems_.size() >= kMaxProblems; }

    void add_header(const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const std::string column = "column " + std::to_string(i + 1);
            std::string name = trim(fields[i]);
            if (!text::is_valid_utf8(name)) {
                problem(1, "header", column + " is not valid UTF-8 text");
                name.clear();
            } else if (name.empty()) {
                problem(1, "header", column + " has no name");
            } else if (std::find(table_.header.begin(), table_.header.end(), name) != table_.header.end()) {
                problem(1, name, "appears more than once in the header");
            }
            table_.header.push_back(std::move(name));
        }
    }

    // False when the row limit is hit: the caller stops and returns.
    bool add_row(int row, std::vector<std::string> cells) {
        if (table_.rows.size() + rejected_rows_ >= max_rows_) {
            limit_row_ = row;
            return false;
        }
        const std::size_t columns = table_.header.size();
        bool good = true;
        if (cells.size() != columns) {
            const std::string expected =
                "; the header has " + std::to_string(columns) + " column" + (columns == 1 ? "" : "s");
            if (all_empty(cells) && cells.size() == 1) {
                problem(row, "", "is blank" + expected);
            } else {
                problem(row, "", "has " + std::to_string(cells.size()) + " fields" + expected);
            }
            good = false;
        } else {
            for (std::size_t i = 0; i < columns; ++i) {
                if (!text::is_valid_utf8(cells[i])) {
                    problem(row, table_.header[i], "is not valid UTF-8 text");
                    good = false;
                }
            }
        }
        // Once anything is wrong the table is not returned: stop keeping it.
        if (good && problems_.empty()) {
            table_.rows.push_back({row, std::move(cells)});
        } else {
            ++rejected_rows_;
        }
        return true;
    }

    void structural(int row, Outcome outcome, const std::vector<std::string>& fields) {
        // The field being read when the structure broke is the last one.
        const std::size_t index = fields.size() - 1;
        std::string field;
        if (row == 1) {
            field = "header";
        } else if (index < table_.header.size()) {
            field = table_.header[index];
        }
        if (outcome == Outcome::unterminated_quote) {
            problem(row, std::move(field), "has a quoted field that is never closed");
        } else {
            problem(row, std::move(field),
                    "has text after a closing quote; a quote inside a quoted field is written \"\"");
        }
    }

    void problem(int row, std::string field, std::string message) {
        problems_.push_back({row, std::move(field), std::move(message)});
    }

    CsvResult finish() && {
        if (limit_row_ != 0) {
            return CsvRejection{
                ErrorCode::resource_exhausted,
                {{limit_row_, "",
                  "is beyond the limit of " + std::to_string(max_rows_) + " data rows per file; split the file"}}};
        }
        if (problems_.empty()) {
            return std::move(table_);
        }
        if (too_many_problems()) {
            problem(problems_.back().row, "",
                    "more problems may follow; only the first " + std::to_string(kMaxProblems) + " are listed");
        }
        return CsvRejection{ErrorCode::invalid_argument, std::move(problems_)};
    }

private:
    std::size_t max_rows_;
    CsvTable table_;
    std::vector<CsvProblem> problems_;
    std::size_t rejected_rows_ = 0;
    int limit_row_ = 0;
};

}  // namespace

CsvResult parse_csv(std::string_view text, std::size_t max_rows) {
    if (text.starts_with(kByteOrderMark)) {
        text.remove_prefix(kByteOrderMark.size());
    }
    Tokeniser tokens(text);
    TableBuilder builder(max_rows);
    if (tokens.at_end()) {
        builder.problem(1, "header", "the file is empty; its first row must name the columns");
        return std::move(builder).finish();
    }

    std::vector<std::string> fields;
    int row = 1;
    if (const auto outcome = tokens.read_record(fields); outcome != Outcome::record) {
        builder.structural(row, outcome, fields);
        return std::move(builder).finish();
    }
    builder.add_header(fields);

    // Empty records are held back until a record with content follows: only
    // then are they rows in the middle of the data rather than trailing junk.
    std::vector<std::size_t> pending_empty;  // their field counts, rows consecutive
    while (!tokens.at_end() && !builder.too_many_problems()) {
        ++row;
        if (const auto outcome = tokens.read_record(fields); outcome != Outcome::record) {
            builder.structural(row, outcome, fields);
            break;
        }
        if (all_empty(fields)) {
            pending_empty.push_back(fields.size());
            continue;
        }
        const int first_pending = row - static_cast<int>(pending_empty.size());
        bool within_limit = true;
        for (std::size_t i = 0; i < pending_empty.size() && within_limit; ++i) {
            within_limit =
                builder.add_row(first_pending + static_cast<int>(i), std::vector<std::string>(pending_empty[i]));
        }
        pending_empty.clear();
        if (!within_limit || !builder.add_row(row, std::move(fields))) {
            break;
        }
        fields = {};
    }
    return std::move(builder).finish();
}

std::vector<CsvProblem> check_columns(const CsvTable& table, std::span<const std::string_view> required,
                                      std::span<const std::string_view> optional) {
    const auto contains = [](auto&& range, std::string_view name) {
        return std::find(range.begin(), range.end(), name) != range.end();
    };
    std::vector<CsvProblem> problems;
    for (const auto& name : table.header) {
        if (!contains(required, name) && !contains(optional, name)) {
            std::string expected;
            for (const auto list : {required, optional}) {
                for (std::string_view known : list) {
                    expected += expected.empty() ? "" : ", ";
                    expected += known;
                }
            }
            problems.push_back({1, name, "is not a column this import knows; the columns are: " + expected});
        }
    }
    for (std::string_view name : required) {
        if (!contains(table.header, name)) {
            problems.push_back({1, std::string(name), "is a required column and is missing"});
        }
    }
    return problems;
}

}  // namespace yardstick::server::csv
