#pragma once
// Reading a data package's files back: its JSON documents and its CSVs (with
// the server's RFC 4180 reader), for `yardstick recompute` and for imports.

#include <string>

#include <nlohmann/json.hpp>

#include "server/csv/csv_table.hpp"
#include "server/exports/wide_answers.hpp"
#include "server/exports/zip_archive.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::exports {

/// The largest file of a package read back (files are read whole).
inline constexpr std::uint64_t kPackageFileLimit = std::uint64_t{4} << 30U;

/// A package CSV with its columns by name.
struct PackageTable {
    ColumnIndex columns;
    csv::CsvTable table;

    /// The row's cell in `column`; empty when the file has no such column.
    const std::string& cell(const csv::CsvRow& row, const std::string& column) const;
};

/// The JSON document `name`; invalid_argument (field: the file) when it is
/// missing or not JSON.
Result<nlohmann::json> read_package_json(const ZipReader& package, const std::string& name);

/// The CSV `name`, which must have the `required` columns; invalid_argument
/// (field: the file) naming the row and column of the first problem.
Result<PackageTable> read_package_csv(const ZipReader& package, const std::string& name,
                                      const std::vector<std::string>& required);

}  // namespace yardstick::server::exports
