#include "server/app/report_commands.hpp"

#include <chrono>
#include <fstream>
#include <iostream>

#include <pqxx/pqxx>

#include "server/reports/dashboard_html.hpp"
#include "server/reports/read_report.hpp"
#include "server/reports/report_json.hpp"
#include "server/reports/report_pdf.hpp"
#include "server/reports/tally_consumer.hpp"
#include "yardstick/sql/error_translation.hpp"
#include "yardstick/sql/event_log.hpp"

namespace yardstick::server {

namespace {

std::string rendered(const reports::Report& report, const std::string& format) {
    if (format == "csv") {
        return reports::report_to_csv(report);
    }
    if (format == "html") {
        return reports::render_dashboard(report);
    }
    if (format == "pdf") {
        return reports::render_report_pdf(report);
    }
    return reports::report_to_json(report).dump(2) + "\n";
}

/// Sequences committed events and counts them, until nothing is left.
void catch_up(pqxx::connection& connection, reports::IndicatorSets& sets) {
    while (sql::sequence_committed_events(connection) > 0) {
    }
    while (!reports::count_new_events(connection, sets).caught_up) {
    }
}

}  // namespace

int report_command(const sql::DatabaseSettings& database, const ReportRequest& request) {
    if (request.format != "json" && request.format != "csv" && request.format != "html" && request.format != "pdf") {
        std::cerr << "yardstick report: --format must be json, csv, html or pdf\n";
        return 2;
    }
    if (!reports::is_report_language(request.language)) {
        std::cerr << "yardstick report: --lang must be en, fr, de or it\n";
        return 2;
    }
    try {
        auto connection = sql::open_connection(database);
        reports::IndicatorSets sets;
        catch_up(*connection, sets);
        const auto report = [&] {
            pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(*connection);
            return reports::read_report(tx, request.programme, request.language);
        }();
        if (!report.ok()) {
            std::cerr << "yardstick report: " << report.error().message << "\n";
            return report.error().code == ErrorCode::not_found ? 2 : 1;
        }
        const auto bytes = rendered(*report, request.format);
        {
            pqxx::work tx(*connection);
            reports::record_report_view(tx, *report, "system:cli", request.format);
            tx.commit();
        }
        if (request.output.empty()) {
            std::cout << bytes << std::flush;
        } else {
            std::ofstream file(request.output, std::ios::binary | std::ios::trunc);
            file << bytes;
            if (!file.flush()) {
                std::cerr << "yardstick report: cannot write " << request.output << "\n";
                return 1;
            }
            std::cerr << "wrote " << request.output << " (" << bytes.size() << " bytes, data version "
                      << report->data_version << ")\n";
        }
        return 0;
    } catch (...) {
        std::cerr << "yardstick report: " << sql::translate_exception(std::current_exception()).message << "\n";
        return 1;
    }
}

int rebuild_tallies_command(const sql::DatabaseSettings& database) {
    try {
        auto connection = sql::open_connection(database);
        reports::IndicatorSets sets;
        while (sql::sequence_committed_events(*connection) > 0) {
        }
        const auto started = std::chrono::steady_clock::now();
        const auto checkpoint = reports::rebuild_tallies(*connection, sets);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
        std::cout << "rebuilt the report tallies from the event log: counted up to event " << checkpoint << " in "
                  << took.count() << " s\n";
        return 0;
    } catch (...) {
        std::cerr << "yardstick tallies rebuild: " << sql::translate_exception(std::current_exception()).message
                  << "\n";
        return 1;
    }
}

}  // namespace yardstick::server
