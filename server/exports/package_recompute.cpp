#include "server/exports/package_recompute.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "server/csv/csv_table.hpp"
#include "server/exports/codebook.hpp"
#include "server/exports/package_descriptor.hpp"
#include "server/exports/package_files.hpp"
#include "server/exports/wide_answers.hpp"
#include "server/json/instrument_json.hpp"
#include "server/reports/build_report.hpp"
#include "server/reports/read_report.hpp"
#include "server/security/tokens.hpp"
#include "yardstick/evaluation/tallies/whole_programme.hpp"

namespace yardstick::server::exports {

namespace {

using Refusal = PackageProblem;

Refusal unreadable(std::string file, std::string message) { return {false, std::move(file), std::move(message)}; }

template <typename T>
using Read = std::variant<T, Refusal>;

Read<nlohmann::json> read_json(const ZipReader& package, const std::string& name) {
    auto document = read_package_json(package, name);
    if (!document.ok()) {
        return unreadable(name, document.error().message);
    }
    return std::move(document).value();
}

using Table = PackageTable;

Read<Table> read_table(const ZipReader& package, const std::string& name, const std::vector<std::string>& required) {
    auto table = read_package_csv(package, name, required);
    if (!table.ok()) {
        return unreadable(name, table.error().message);
    }
    return std::move(table).value();
}

/// The organisations taking part in each live engagement, as reach counts
/// them (sql::organisations_taking_part): the exchange's two companies, the
/// mentoring's two organisations, the skills respondent's organisation.
Read<std::vector<std::vector<evaluation::TakingPart>>> live_engagements(const Table& engagements,
                                                                       const Table& organisations,
                                                                       const Table& participants) {
    std::map<std::string, evaluation::TakingPart> groups;
    for (const auto& row : organisations.table.rows) {
        groups[organisations.cell(row, "organisation")] = {organisations.cell(row, "sector"),
                                                          organisations.cell(row, "country")};
    }
    std::map<std::string, std::string> organisation_of;
    for (const auto& row : participants.table.rows) {
        organisation_of[participants.cell(row, "participant")] = participants.cell(row, "organisation");
    }
    std::vector<std::vector<evaluation::TakingPart>> live;
    for (const auto& row : engagements.table.rows) {
        if (engagements.cell(row, "status") == "cancelled") {
            continue;
        }
        std::set<std::string> involved;
        for (const auto* column : {"sending_organisation", "hosting_organisation", "volunteer_organisation",
                                   "sme_organisation"}) {
            if (const auto& organisation = engagements.cell(row, column); !organisation.empty()) {
                involved.insert(organisation);
            }
        }
        if (const auto& respondent = engagements.cell(row, "respondent_participant"); !respondent.empty()) {
            involved.insert(organisation_of[respondent]);
        }
        std::vector<evaluation::TakingPart> taking_part;
        for (const auto& organisation : involved) {
            const auto it = groups.find(organisation);
            if (it == groups.end()) {
                return unreadable("engagements.csv", "engagement " + engagements.cell(row, "engagement") +
                                                         " names an organisation organisations.csv lacks");
            }
            taking_part.push_back(it->second);
        }
        live.push_back(std::move(taking_part));
    }
    return live;
}

/// Every published instrument version by (key, version), and the layout of their columns.
struct Versions {
    std::map<std::pair<std::string, int>, domain::Instrument> by_key;
    std::vector<domain::Instrument> in_order;
};

Read<Versions> versions_of(const nlohmann::json& codebook) {
    Versions out;
    for (const auto& published : codebook.value("instrument_versions", nlohmann::json::array())) {
        auto instrument = json::instrument_from_json(published.value("definition", nlohmann::json::object()));
        if (!instrument.ok()) {
            return unreadable("codebook.json", "an instrument version does not read: " + instrument.error().message);
        }
        out.by_key[{published.value("instrument", ""), published.value("version", 0)}] = instrument.value();
        out.in_order.push_back(std::move(instrument).value());
    }
    return out;
}

Read<std::vector<evaluation::EngagementResponse>> responses_of(const Table& responses, const Versions& versions) {
    const ExportLayout layout(versions.in_order);
    std::vector<evaluation::EngagementResponse> out;
    out.reserve(responses.table.rows.size());
    for (const auto& row : responses.table.rows) {
        const auto& key = responses.cell(row, "instrument");
        const auto& version_text = responses.cell(row, "instrument_version");
        const auto version = versions.by_key.find({key, std::atoi(version_text.c_str())});
        if (version == versions.by_key.end()) {
            return unreadable("responses.csv", "row " + std::to_string(row.row) + ": the codebook has no " + key +
                                                   " version " + version_text);
        }
        auto answers = answers_of_wide_row(layout, version->second, responses.columns, row.cells);
        if (!answers.ok()) {
            const auto& problem = answers.error().fields.front();
            return unreadable("responses.csv",
                              "row " + std::to_string(row.row) + " " + problem.field + ": " + problem.message);
        }
        evaluation::EngagementResponse response;
        response.engagement = responses.cell(row, "engagement");
        response.response = {key,
                             responses.cell(row, "respondent"),
                             responses.cell(row, "wave"),
                             responses.cell(row, "country"),
                             responses.cell(row, "sector"),
                             responses.cell(row, "size"),
                             std::move(answers).value()};
        out.push_back(std::move(response));
    }
    return out;
}

#define YS_TAKE(type, name, expression)                     \
    auto name##_read = (expression);                        \
    if (auto* refusal = std::get_if<Refusal>(&name##_read)) { \
        return *refusal;                                    \
    }                                                       \
    auto& name = std::get<type>(name##_read)

}  // namespace

std::optional<PackageProblem> check_manifest(const ZipReader& package) {
    auto manifest_read = read_json(package, "manifest.json");
    if (auto* refusal = std::get_if<Refusal>(&manifest_read)) {
        return PackageProblem{true, "manifest.json", refusal->message};
    }
    const auto& manifest = std::get<nlohmann::json>(manifest_read);
    std::set<std::string> listed = {"manifest.json"};
    for (const auto& entry : manifest.value("files", nlohmann::json::array())) {
        const auto path = entry.value("path", "");
        listed.insert(path);
        auto bytes = package.read(path, kPackageFileLimit);
        if (!bytes.ok()) {
            return PackageProblem{true, path, "the manifest lists " + path + " but the package does not hold it"};
        }
        if (security::sha256_hex(bytes.value()) != entry.value("sha256", "")) {
            return PackageProblem{true, path, path + " differs from the manifest (SHA-256 does not match)"};
        }
    }
    for (const auto& name : package.names()) {
        if (!listed.contains(name)) {
            return PackageProblem{true, name, "the package holds " + name + ", which the manifest does not list"};
        }
    }
    return std::nullopt;
}

std::variant<reports::Report, PackageProblem> recompute_report(const ZipReader& package, const std::string& language) {
    if (auto problem = check_manifest(package)) {
        return *problem;
    }
    YS_TAKE(nlohmann::json, descriptor, read_json(package, "datapackage.json"));
    auto facts = facts_of_descriptor(descriptor);
    if (!facts.ok()) {
        return unreadable("datapackage.json", facts.error().message);
    }
    YS_TAKE(nlohmann::json, codebook, read_json(package, "codebook.json"));
    auto programme_template = template_of_codebook(codebook);
    if (!programme_template.ok()) {
        return unreadable("codebook.json", programme_template.error().message);
    }
    YS_TAKE(Versions, versions, versions_of(codebook));
    YS_TAKE(Table, responses, read_table(package, "responses.csv", {"instrument", "instrument_version", "engagement"}));
    YS_TAKE(Table, invitations, read_table(package, "invitations.csv", {"respondent", "wave"}));
    YS_TAKE(Table, organisations, read_table(package, "organisations.csv", {"organisation", "sector", "country"}));
    YS_TAKE(Table, participants, read_table(package, "participants.csv", {"participant", "organisation"}));
    YS_TAKE(Table, engagements, read_table(package, "engagements.csv", {"engagement", "status"}));

    evaluation::ProgrammeRecords records;
    YS_TAKE(std::vector<evaluation::EngagementResponse>, counted, responses_of(responses, versions));
    records.responses = std::move(counted);
    for (const auto& row : invitations.table.rows) {
        records.invitations.push_back({invitations.cell(row, "respondent"), invitations.cell(row, "wave")});
    }
    records.organisations = static_cast<std::int64_t>(organisations.table.rows.size());
    records.participants = static_cast<std::int64_t>(participants.table.rows.size());
    YS_TAKE(std::vector<std::vector<evaluation::TakingPart>>, live,
            live_engagements(engagements, organisations, participants));
    records.live_engagements = std::move(live);

    const auto set = evaluation::indicator_set(programme_template->indicators, programme_template->instruments);
    reports::ReportInputs inputs;
    inputs.programme_slug = facts->slug;
    inputs.programme_name = facts->name;
    inputs.language = language.empty() ? facts->default_language : language;
    inputs.data_version = facts->data_version;
    inputs.generated_at = reports::utc_now_rfc3339();
    inputs.event_log_head = facts->event_log_head;
    inputs.suppression_threshold = facts->suppression_threshold;
    inputs.tallies = evaluation::count_whole_programme(set, records);
    return reports::build_report(programme_template.value(), inputs);
}

#undef YS_TAKE

}  // namespace yardstick::server::exports
