#pragma once
// The register's files in a data package — organisations.csv,
// participants.csv, engagements.csv, invitations.csv — defined once: which
// database column each CSV column holds, which ids become pseudonyms, and
// each column's Table Schema field (type, constraints, foreign key). The
// writer and datapackage.json both read these definitions, so the schema
// cannot drift from the file.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/security/master_key.hpp"
#include "yardstick/sql/register_exports.hpp"

namespace yardstick::server::exports {

/// One column of a register file.
struct RegisterColumn {
    std::string name;        ///< in the CSV header
    std::string pseudonym;   ///< "participant" or "organisation": the id is written as its pseudonym; else empty
    nlohmann::json field;    ///< its Table Schema field (name included)
    std::string references;  ///< resource whose key it refers to ("organisations"), or empty
};

/// One register file.
struct RegisterFile {
    sql::RegisterTable table;
    std::string resource;  ///< "organisations"
    std::string path;      ///< "organisations.csv"
    std::string title;
    std::vector<RegisterColumn> columns;  ///< as sql::register_columns(table), in that order
};

/// The four files, in the order a package lists them.
const std::vector<RegisterFile>& register_files();

/// The two files only an export with identities holds: each organisation's
/// name and reference, each participant's name, e-mail address and
/// reference, by pseudonym (organisation-identities.csv,
/// participant-identities.csv).
const std::vector<RegisterFile>& identity_files();

/// The file's header row (CRLF-terminated).
std::string register_header(const RegisterFile& file);

/// A database row of the file's table as a CSV row: ids of people and
/// organisations as the programme's pseudonyms, NULL as an empty cell.
std::string register_row(const RegisterFile& file, const std::vector<std::optional<std::string>>& row,
                         const security::MasterKey& key, std::int64_t programme_id);

}  // namespace yardstick::server::exports
