#pragma once
// `yardstick recompute --from datapackage.zip`: an auditor's own check of a
// published report, offline, from the data package alone (no database, no
// server): exports/package_recompute.hpp.

#include <filesystem>
#include <string>

namespace yardstick::server {

/// Prints the report as JSON (as GET /api/v1/programmes/{slug}/report gives
/// it). Exit 0; 1 when a file differs from the manifest (tampered or
/// damaged); 2 when the file is not a readable data package or the language
/// is unknown.
int recompute_command(const std::filesystem::path& package, const std::string& language);

}  // namespace yardstick::server
