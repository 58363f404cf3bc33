#include "server/imports/response_import.hpp"

#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/collection/form_links.hpp"
#include "server/exports/export_layout.hpp"
#include "server/exports/wide_answers.hpp"
#include "server/json/answers_json.hpp"
#include "server/json/instrument_json.hpp"
#include "server/security/tokens.hpp"
#include "yardstick/sql/engagements.hpp"
#include "yardstick/sql/exports.hpp"
#include "yardstick/sql/invitations.hpp"
#include "yardstick/sql/responses.hpp"

namespace yardstick::server::imports {

namespace {

// Imported answers are valid for a year from the import: long enough for the
// programme to amend them through the link if needed.
constexpr int kImportedLinkDays = 366;

/// The layout of the programme's own responses.csv: every published version.
exports::ExportLayout layout_of(pqxx::transaction_base& tx, std::int64_t programme_id) {
    std::vector<domain::Instrument> versions;
    for (const auto& stored : sql::list_instrument_versions(tx, programme_id)) {
        auto instrument = json::instrument_from_json(nlohmann::json::parse(stored.definition_json));
        if (instrument.ok()) {
            versions.push_back(std::move(instrument).value());
        }
    }
    return exports::ExportLayout(versions);
}

std::vector<RowProblem> header_problems(const csv::CsvTable& table, const exports::ExportLayout& layout) {
    std::set<std::string> known(exports::ExportLayout::metadata_columns().begin(),
                                exports::ExportLayout::metadata_columns().end());
    for (const auto& column : layout.columns()) {
        known.insert(column.name);
    }
    std::vector<RowProblem> problems;
    for (const auto& name : table.header) {
        if (!known.contains(name)) {
            problems.push_back({1, {name, "not a column of this programme's responses.csv"}});
        }
    }
    for (const auto& name : required_response_columns()) {
        if (std::find(table.header.begin(), table.header.end(), name) == table.header.end()) {
            problems.push_back({1, {name, "missing: every row needs it"}});
        }
    }
    return problems;
}

std::string token_of_url(const std::string& url) { return url.substr(url.rfind('/') + 1); }

}  // namespace

const std::vector<std::string>& required_response_columns() {
    static const std::vector<std::string> columns = {"instrument", "instrument_version", "wave", "respondent",
                                                     "engagement"};
    return columns;
}

EngagementResolver engagements_of_programme(pqxx::transaction_base& tx, std::int64_t programme_id) {
    return [&tx, programme_id](const std::string& cell) -> std::optional<std::int64_t> {
        if (cell.empty()) {
            return std::nullopt;
        }
        if (cell.find_first_not_of("0123456789") == std::string::npos && cell.size() < 19) {
            if (sql::find_engagement(tx, programme_id, std::stoll(cell))) {
                return std::stoll(cell);
            }
        }
        return sql::find_engagement_id_by_reference(tx, programme_id, cell);
    };
}

ImportTally import_response_rows(pqxx::dbtransaction& tx, const sql::StoredProgramme& programme,
                                 const csv::CsvTable& table, const EngagementResolver& engagement_of,
                                 const collection::LinkSettings& links, collection::InstrumentCache& instruments,
                                 const std::string& actor) {
    ImportTally tally;
    const auto layout = layout_of(tx, programme.id);
    tally.problems = header_problems(table, layout);
    if (!tally.problems.empty()) {
        return tally;
    }
    const auto columns = exports::index_columns(table.header);
    const auto cell = [&columns](const csv::CsvRow& row, const std::string& name) -> const std::string& {
        return row.cells[columns.at(name)];
    };
    // Not the server's cache: a link read here may be rolled back with the import.
    collection::FormLinkCache form_links;
    std::set<std::tuple<std::int64_t, std::string, std::string>> seen;
    std::vector<sql::SubmissionWrite> writes;
    std::vector<int> row_of_write;
    for (const auto& row : table.rows) {
        auto problem = [&](std::string field, std::string message) {
            tally.problems.push_back({row.row, {std::move(field), std::move(message)}});
        };
        const auto& respondent = cell(row, "respondent");
        const auto& wave = cell(row, "wave");
        const auto engagement_id = engagement_of(cell(row, "engagement"));
        if (!engagement_id) {
            problem("engagement", "no engagement " + cell(row, "engagement") +
                                      " in this programme (give its id or its reference)");
            continue;
        }
        if (!seen.insert({*engagement_id, respondent, wave}).second) {
            problem("engagement", "a second row for the same engagement, respondent and wave");
            continue;
        }
        std::string token;
        if (const auto invitation = sql::find_invitation_for(tx, programme.id, *engagement_id, respondent, wave)) {
            if (invitation->status == "submitted") {
                problem("engagement", "this engagement's " + respondent + " has answered the " + wave +
                                          " questionnaire here already");
                continue;
            }
            auto url = collection::link_of(tx, *invitation, links);
            if (!url.ok()) {
                problem("engagement", url.error().message);
                continue;
            }
            token = token_of_url(url.value());
        } else {
            collection::InvitationRequest request;
            request.engagement_id = *engagement_id;
            request.respondent = respondent;
            request.wave = wave;
            request.valid_days = kImportedLinkDays;
            pqxx::subtransaction issue_tx(tx, "import_invitation");
            auto issued = collection::issue_invitation(issue_tx, programme, request, links, instruments, actor);
            if (!issued.ok()) {
                const auto& error = issued.error();
                problem(error.fields.empty() ? "respondent" : error.fields.front().field, error.message);
                continue;
            }
            issue_tx.commit();
            token = issued->token;
            ++tally.invitations_issued;
        }
        auto target = collection::load_target(tx, token, instruments, form_links);
        if (!target.ok()) {
            problem("engagement", target.error().message);
            continue;
        }
        const auto& instrument = *target->instrument;
        if (instrument.key != cell(row, "instrument") || std::to_string(instrument.version) != cell(row, "instrument_version")) {
            problem("instrument_version", "this programme asks the " + respondent + " in wave " + wave + " with " +
                                              instrument.key + " version " + std::to_string(instrument.version));
            continue;
        }
        auto answers = exports::answers_of_wide_row(layout, instrument, columns, row.cells);
        if (!answers.ok()) {
            for (const auto& field : answers.error().fields) {
                problem(field.field, field.message);
            }
            continue;
        }
        collection::Submission submission;
        submission.answers = std::move(answers).value();
        submission.consent_version = instrument.consent.version;
        submission.idempotency_key = "import";
        submission.body_digest = security::sha256_hex(json::answers_to_json(submission.answers).dump());
        auto prepared = collection::prepare_submission(target.value(), submission, *links.master_key);
        if (!prepared.ok()) {
            for (const auto& field : prepared.error().fields) {
                problem(field.field, field.message);
            }
            if (prepared.error().fields.empty()) {
                problem("", prepared.error().message);
            }
            continue;
        }
        writes.push_back(std::move(prepared).value());
        row_of_write.push_back(row.row);
        if (tally.problems.size() >= 500) {
            return tally;
        }
    }
    if (!tally.problems.empty() || writes.empty()) {
        return tally;
    }
    const auto results = sql::submit_responses(tx, writes);
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto outcome = collection::outcome_of(results[i]);
        if (!outcome.ok()) {
            tally.problems.push_back({row_of_write[i], {"", outcome.error().message}});
        } else {
            ++tally.responses;
        }
    }
    return tally;
}

}  // namespace yardstick::server::imports
