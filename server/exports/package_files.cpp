#include "server/exports/package_files.hpp"

namespace yardstick::server::exports {

namespace {

// Bounded by what the archive says and by the rows a CSV may hold.
constexpr std::size_t kRowLimit = 50'000'000;

Result<std::string> bytes_of(const ZipReader& package, const std::string& name) {
    auto bytes = package.read(name, kPackageFileLimit);
    if (!bytes.ok()) {
        return Error::invalid(name, bytes.error().message);
    }
    return bytes;
}

}  // namespace

const std::string& PackageTable::cell(const csv::CsvRow& row, const std::string& column) const {
    static const std::string empty;
    const auto it = columns.find(column);
    return it == columns.end() ? empty : row.cells[it->second];
}

Result<nlohmann::json> read_package_json(const ZipReader& package, const std::string& name) {
    auto bytes = bytes_of(package, name);
    if (!bytes.ok()) {
        return bytes.error();
    }
    auto document = nlohmann::json::parse(bytes.value(), nullptr, false);
    if (document.is_discarded()) {
        return Error::invalid(name, name + " is not JSON");
    }
    return document;
}

Result<PackageTable> read_package_csv(const ZipReader& package, const std::string& name,
                                      const std::vector<std::string>& required) {
    auto bytes = bytes_of(package, name);
    if (!bytes.ok()) {
        return bytes.error();
    }
    auto parsed = csv::parse_csv(bytes.value(), kRowLimit);
    if (!parsed.ok()) {
        const auto& problem = parsed.rejection().problems.front();
        return Error::invalid(name, name + " row " + std::to_string(problem.row) + " " + problem.field + ": " +
                                        problem.message);
    }
    PackageTable out;
    out.table = std::move(parsed).table();
    out.columns = index_columns(out.table.header);
    for (const auto& column : required) {
        if (!out.columns.contains(column)) {
            return Error::invalid(name, name + " has no column " + column);
        }
    }
    return out;
}

}  // namespace yardstick::server::exports
