#pragma once
// `yardstick recompute --from datapackage.zip`: the report computed offline
// from a data package alone. Every file is first checked against the
// manifest's SHA-256; then the rows — responses.csv, invitations.csv,
// organisations.csv, participants.csv, engagements.csv — are counted with
// the indicators and template instruments the codebook carries
// (evaluation::count_whole_programme), and the report is built as the server
// builds it. An honest package gives the report.json it holds, to the last
// digit, but for generated_at.

#include <string>

#include "server/exports/zip_archive.hpp"
#include "server/reports/report.hpp"

namespace yardstick::server::exports {

/// Why a package was refused: `tampered` when a file differs from the
/// manifest (or the manifest is missing or lists files that are not there,
/// or misses one that is); otherwise it could not be read as a package.
struct PackageProblem {
    bool tampered = false;
    std::string file;
    std::string message;
};

/// The package's report in `language` (empty: the programme's default).
std::variant<reports::Report, PackageProblem> recompute_report(const ZipReader& package, const std::string& language);

/// Checks every file against manifest.json; the problem, when there is one.
std::optional<PackageProblem> check_manifest(const ZipReader& package);

}  // namespace yardstick::server::exports
