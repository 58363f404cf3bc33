#pragma once
// Table Schema fields (Frictionless Data, specs.frictionlessdata.io/table-schema)
// of the columns a data package's CSVs share: pseudonyms, countries, NACE
// sections and divisions, size classes, times, and the answer columns of a
// question. Without `name` unless said: the caller names the column.

#include <string>

#include <nlohmann/json.hpp>

#include "server/exports/export_layout.hpp"
#include "yardstick/domain/instrument.hpp"

namespace yardstick::server::exports {

nlohmann::json pseudonym_field(const std::string& name, const std::string& kind, std::string title);
nlohmann::json integer_field(std::string title, int minimum);
nlohmann::json string_field(std::string title);
nlohmann::json enum_field(std::string title, const nlohmann::json& values);
nlohmann::json country_field();   ///< ISO 3166-1 alpha-2
nlohmann::json sector_field();    ///< NACE Rev. 2 section or division
nlohmann::json size_field();      ///< micro, small, medium, large
nlohmann::json respondent_field();
nlohmann::json time_field(std::string title);  ///< RFC 3339 UTC with microseconds
nlohmann::json date_field(std::string title);

/// The field of an answer column: typed and constrained by its question
/// (the first version that asks it; `choices`: the values every version
/// offers), titled in `language`. A withheld column is an always-empty
/// string.
nlohmann::json answer_field(const AnswerColumn& column, const domain::Question* question,
                            const std::vector<std::string>& choices, bool withheld, const std::string& language);

}  // namespace yardstick::server::exports
