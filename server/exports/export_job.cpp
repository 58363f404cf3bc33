#include "server/exports/export_job.hpp"

#include <regex>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/exports/export_layout.hpp"
#include "server/exports/response_formats.hpp"
#include "server/json/answers_json.hpp"
#include "server/json/instrument_json.hpp"
#include "yardstick/domain/registry.hpp"

namespace yardstick::server::exports {

namespace {

constexpr std::int64_t kBatch = 500;
// A piece is handed to the session once it holds this much.
constexpr std::size_t kPieceSize = 64 * 1024;

/// The columns of every version of the programme's instruments, or of the
/// one instrument the export is filtered to.
ExportLayout layout_of(pqxx::transaction_base& tx, std::int64_t programme_id, const std::string& only) {
    std::vector<domain::Instrument> versions;
    for (const auto& stored : sql::list_instrument_versions(tx, programme_id)) {
        if (!only.empty() && stored.key != only) {
            continue;
        }
        auto instrument = json::instrument_from_json(nlohmann::json::parse(stored.definition_json));
        if (instrument.ok()) {
            versions.push_back(std::move(instrument).value());
        }
    }
    return ExportLayout(versions);
}

}  // namespace

std::optional<ExportFormat> export_format_of(std::string_view file) {
    if (file == "responses.csv") {
        return ExportFormat::wide_csv;
    }
    if (file == "responses-long.csv") {
        return ExportFormat::long_csv;
    }
    if (file == "responses.ndjson") {
        return ExportFormat::ndjson;
    }
    return std::nullopt;
}

std::string content_type_of(ExportFormat format) {
    return format == ExportFormat::ndjson ? "application/x-ndjson" : "text/csv; charset=utf-8";
}

std::string pseudonym(const security::SealingKey& key, std::int64_t programme_id, std::string_view kind,
                      std::int64_t id) {
    const auto digest = security::keyed_digest(
        key, "pseudonym", std::to_string(programme_id) + ":" + std::string(kind) + ":" + std::to_string(id));
    return std::string(kind == "organisation" ? "O-" : "P-") + digest.substr(0, 16);
}

bool is_filter_time(std::string_view text) {
    if (text.size() == 10) {
        return domain::parse_date(text).ok();
    }
    static const std::regex timestamp(
        R"(\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d))");
    return text.size() > 10 && domain::parse_date(text.substr(0, 10)).ok() &&
           std::regex_match(text.begin(), text.end(), timestamp);
}

StreamedWork export_responses(std::int64_t programme_id, sql::ExportFilter filter, ExportFormat format,
                              const security::SealingKey* key) {
    return [=](pqxx::connection& connection, const EmitPiece& emit) -> Status {
        pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(connection);
        const auto layout = layout_of(tx, programme_id, filter.instrument);
        std::string piece;
        if (format == ExportFormat::wide_csv) {
            piece = wide_header(layout);
        } else if (format == ExportFormat::long_csv) {
            piece = long_header();
        }
        std::int64_t after = 0;
        for (;;) {
            const auto batch = sql::read_exported_responses(tx, programme_id, filter, after, kBatch);
            std::vector<sql::ExportedVersion> versions;
            if (format == ExportFormat::ndjson && !batch.empty()) {
                std::vector<std::int64_t> ids;
                for (const auto& response : batch) {
                    ids.push_back(response.response_id);
                }
                versions = sql::read_response_versions(tx, ids);
            }
            auto next_version = versions.begin();
            for (const auto& response : batch) {
                ExportRecord record;
                record.response = response;
                record.participant = pseudonym(*key, programme_id, "participant", response.participant_id);
                record.organisation = pseudonym(*key, programme_id, "organisation", response.organisation_id);
                auto answers = json::answers_from_json(nlohmann::json::parse(response.answers_json));
                if (answers.ok()) {
                    record.answers = std::move(answers).value();
                }
                if (format == ExportFormat::wide_csv) {
                    piece += wide_row(layout, record);
                } else if (format == ExportFormat::long_csv) {
                    piece += long_rows(layout, record);
                } else {
                    const auto first = next_version;
                    while (next_version != versions.end() && next_version->response_id == response.response_id) {
                        ++next_version;
                    }
                    piece += ndjson_line(layout, record, {first, next_version});
                }
                if (piece.size() >= kPieceSize) {
                    // A copy, not a move: GCC 12 at -O2 warns falsely about
                    // the moved-from string (array-bounds).
                    if (!emit(piece)) {
                        return {};  // the client went away: nothing more to do
                    }
                    piece.clear();
                }
            }
            if (batch.size() < static_cast<std::size_t>(kBatch)) {
                break;
            }
            after = batch.back().response_id;
        }
        if (!piece.empty()) {
            emit(piece);
        }
        tx.commit();
        return {};
    };
}

}  // namespace yardstick::server::exports
