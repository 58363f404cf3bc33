#pragma once
// The columns of the auditors' exports, decided once from every version of
// every instrument (pure: no I/O). Columns never shift: instruments in the
// order they were first published, each version's questions in its order,
// and a question or choice that a later version adds goes after every column
// there was before. A question a later version removes keeps its column
// (empty for later versions), and a choice keeps its value, so a file made
// before a form changed lines up with one made after.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "yardstick/domain/instrument.hpp"

namespace yardstick::server::exports {

/// One answer column: a question's, or one choice's of a multiple choice
/// question ("exchange_goals__new_markets", 1 when chosen, 0 when not). A
/// question whose key is a metadata column's name ("sector") is "q_sector".
struct AnswerColumn {
    std::string name;
    std::string question;
    std::string choice;  ///< empty but for a multiple choice question
};

class ExportLayout {
public:
    /// `versions`: every version of every instrument, in publication order.
    explicit ExportLayout(const std::vector<domain::Instrument>& versions);

    const std::vector<AnswerColumn>& columns() const { return columns_; }

    /// Whether the question's answers stay out of pseudonymised exports:
    /// marked `personal` (free text that may name people) in any version.
    bool withheld(const std::string& question) const { return withheld_.contains(question); }

    /// Whether the question is a multiple choice one (in any version).
    bool multiple(const std::string& question) const { return multiple_.contains(question); }

    /// The metadata columns every row starts with.
    static const std::vector<std::string>& metadata_columns();

private:
    std::vector<AnswerColumn> columns_;
    std::set<std::string> withheld_;
    std::set<std::string> multiple_;
};

}  // namespace yardstick::server::exports
