#include "server/exports/export_job.hpp"

#include <map>
#include <regex>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/exports/export_layout.hpp"
#include "server/exports/response_formats.hpp"
#include "server/exports/statistics_file.hpp"
#include "server/json/answers_json.hpp"
#include "server/json/instrument_json.hpp"
#include "yardstick/domain/registry.hpp"

namespace yardstick::server::exports {

namespace {

constexpr std::int64_t kBatch = 500;
// A piece is handed to the session once it holds this much.
constexpr std::size_t kPieceSize = 64 * 1024;

/// Every version of the instruments the export covers (all, or the one it
/// is filtered to), in publication order, and each by its id.
struct ExportedInstruments {
    std::vector<domain::Instrument> versions;
    std::map<std::int64_t, std::size_t> by_id;
};

ExportedInstruments instruments_of(pqxx::transaction_base& tx, std::int64_t programme_id, const std::string& only) {
    ExportedInstruments out;
    for (const auto& stored : sql::list_instrument_versions(tx, programme_id)) {
        if (!only.empty() && stored.key != only) {
            continue;
        }
        auto instrument = json::instrument_from_json(nlohmann::json::parse(stored.definition_json));
        if (instrument.ok()) {
            out.by_id[stored.id] = out.versions.size();
            out.versions.push_back(std::move(instrument).value());
        }
    }
    return out;
}

/// Calls `visit` for each response that passes the filter, in id order,
/// with its pseudonyms and parsed answers (and, with `history`, every
/// version); stops when `visit` returns false. Reads 500 at a time.
template <typename Visit>
void for_each_record(pqxx::transaction_base& tx, std::int64_t programme_id, const sql::ExportFilter& filter,
                     const security::MasterKey& key, bool history, Visit&& visit) {
    std::int64_t after = 0;
    for (;;) {
        const auto scanned = sql::read_exported_responses(tx, programme_id, filter, after, kBatch);
        const auto& batch = scanned.responses;
        std::vector<sql::ExportedVersion> versions;
        if (history && !batch.empty()) {
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
            record.participant = pseudonym(key, programme_id, "participant", response.participant_id);
            record.organisation = pseudonym(key, programme_id, "organisation", response.organisation_id);
            auto answers = json::answers_from_json(nlohmann::json::parse(response.answers_json));
            if (answers.ok()) {
                record.answers = std::move(answers).value();
            }
            const auto first = next_version;
            while (next_version != versions.end() && next_version->response_id == response.response_id) {
                ++next_version;
            }
            if (!visit(record, std::vector<sql::ExportedVersion>(first, next_version))) {
                return;
            }
        }
        if (scanned.scanned < kBatch) {
            return;
        }
        after = scanned.last_id;
    }
}

/// Hands `piece` over once it is large enough; false when the client left.
bool flush_when_full(std::string& piece, const EmitPiece& emit) {
    if (piece.size() < kPieceSize) {
        return true;
    }
    // A copy, not a move: GCC 12 at -O2 warns falsely about the moved-from
    // string (array-bounds).
    const bool taken = emit(piece);
    piece.clear();
    return taken;
}

Status write_text_export(pqxx::transaction_base& tx, std::int64_t programme_id, const sql::ExportFilter& filter,
                         ExportFormat format, const security::MasterKey& key, const EmitPiece& emit) {
    const ExportLayout layout(instruments_of(tx, programme_id, filter.instrument).versions);
    std::string piece;
    if (format == ExportFormat::wide_csv) {
        piece = wide_header(layout);
    } else if (format == ExportFormat::long_csv) {
        piece = long_header();
    }
    bool client_there = true;
    for_each_record(tx, programme_id, filter, key, format == ExportFormat::ndjson,
                    [&](const ExportRecord& record, const std::vector<sql::ExportedVersion>& versions) {
                        if (format == ExportFormat::wide_csv) {
                            piece += wide_row(layout, record);
                        } else if (format == ExportFormat::long_csv) {
                            piece += long_rows(layout, record);
                        } else {
                            piece += ndjson_line(layout, record, versions);
                        }
                        client_there = flush_when_full(piece, emit);
                        return client_there;
                    });
    if (client_there && !piece.empty()) {
        emit(piece);
    }
    return {};
}

/// Two passes over the snapshot: the row count and the strings' widths,
/// which ReadStat needs first, then the rows.
Status write_statistics_export(pqxx::transaction_base& tx, std::int64_t programme_id, const std::string& language,
                               const sql::ExportFilter& filter, StatisticsFormat format,
                               const security::MasterKey& key, const EmitPiece& emit) {
    const auto instruments = instruments_of(tx, programme_id, filter.instrument);
    const ExportLayout layout(instruments.versions);
    auto variables = statistics_variables(layout, instruments.versions, language, format);
    auto instrument_of = [&](const ExportRecord& record) -> const domain::Instrument* {
        const auto it = instruments.by_id.find(record.response.instrument_id);
        return it == instruments.by_id.end() ? nullptr : &instruments.versions[it->second];
    };
    long rows = 0;
    for_each_record(tx, programme_id, filter, key, false,
                    [&](const ExportRecord& record, const std::vector<sql::ExportedVersion>&) {
                        ++rows;
                        const auto cells = statistics_cells(variables, record, instrument_of(record));
                        for (std::size_t i = 0; i < cells.size(); ++i) {
                            variables[i].width = std::max(variables[i].width, cells[i].text.size());
                        }
                        return true;
                    });
    std::string piece;
    StatisticsWriter writer(format, variables, "Yardstick responses",
                            [&piece](const char* bytes, std::size_t size) { piece.append(bytes, size); });
    writer.begin(rows);
    bool client_there = true;
    for_each_record(tx, programme_id, filter, key, false,
                    [&](const ExportRecord& record, const std::vector<sql::ExportedVersion>&) {
                        writer.write_row(statistics_cells(variables, record, instrument_of(record)));
                        client_there = flush_when_full(piece, emit);
                        return client_there;
                    });
    if (!client_there) {
        return {};
    }
    writer.end();
    if (!piece.empty()) {
        emit(piece);
    }
    return {};
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
    if (file == "responses.sav") {
        return ExportFormat::spss_sav;
    }
    if (file == "responses.dta") {
        return ExportFormat::stata_dta;
    }
    return std::nullopt;
}

std::string content_type_of(ExportFormat format) {
    switch (format) {
        case ExportFormat::ndjson:
            return "application/x-ndjson";
        case ExportFormat::spss_sav:
            return "application/x-spss-sav";
        case ExportFormat::stata_dta:
            return "application/x-stata-dta";
        default:
            return "text/csv; charset=utf-8";
    }
}

std::string pseudonym(const security::MasterKey& key, std::int64_t programme_id, std::string_view kind,
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

Status write_responses(pqxx::transaction_base& tx, std::int64_t programme_id, const std::string& language,
                       const sql::ExportFilter& filter, ExportFormat format, const security::MasterKey& key,
                       const EmitPiece& emit) {
    if (format == ExportFormat::spss_sav || format == ExportFormat::stata_dta) {
        return write_statistics_export(
            tx, programme_id, language, filter,
            format == ExportFormat::spss_sav ? StatisticsFormat::spss_sav : StatisticsFormat::stata_dta, key, emit);
    }
    return write_text_export(tx, programme_id, filter, format, key, emit);
}

StreamedWork export_responses(std::int64_t programme_id, std::string language, sql::ExportFilter filter,
                              ExportFormat format, const security::MasterKey* key) {
    return [=](pqxx::connection& connection, const EmitPiece& emit) -> Status {
        pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(connection);
        const auto status = write_responses(tx, programme_id, language, filter, format, *key, emit);
        tx.commit();
        return status;
    };
}

}  // namespace yardstick::server::exports
