#pragma once
// Subcommands of the impact reports that talk to the database directly (no
// server needed): writing a report, and rebuilding the tallies from the log.

#include <filesystem>
#include <string>

#include "yardstick/sql/connection.hpp"

namespace yardstick::server {

struct ReportRequest {
    std::string programme;        ///< slug
    std::string format = "json";  ///< json, csv, html or pdf
    std::string language = "en";
    std::filesystem::path output;  ///< empty: standard output
};

/// `yardstick report`: first counts what the tallies have not counted yet
/// (as a running server would within its sequencer interval), then writes
/// the report exactly as GET /api/v1/programmes/{slug}/report?format= gives
/// it. Exit 0; 1 on a database failure; 2 for an unknown programme, format
/// or language.
int report_command(const sql::DatabaseSettings& database, const ReportRequest& request);

/// `yardstick tallies rebuild`: empties the tallies and counts the whole log
/// again; prints the events counted and the time taken. Safe while servers
/// run: their consumers wait for it.
int rebuild_tallies_command(const sql::DatabaseSettings& database);

}  // namespace yardstick::server
