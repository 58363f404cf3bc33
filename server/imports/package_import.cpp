#include "server/imports/package_import.hpp"

#include <map>

#include <pqxx/subtransaction>

#include "server/exports/package_descriptor.hpp"
#include "server/exports/package_files.hpp"
#include "server/exports/package_recompute.hpp"
#include "server/registry/registry.hpp"

namespace yardstick::server::imports {

namespace {

using exports::PackageTable;

/// Ids in this programme of what the package names by pseudonym or number.
using IdMap = std::map<std::string, std::int64_t>;

/// A problem of a package file's row, the field named "file column".
void add_problems(std::vector<RowProblem>& problems, const std::string& file, int row, const Error& error) {
    if (error.fields.empty()) {
        problems.push_back({row, {file, error.message}});
    }
    for (const auto& field : error.fields) {
        problems.push_back({row, {file + " " + field.field, field.message}});
    }
}

std::int64_t id_in(const IdMap& ids, const std::string& key) {
    const auto it = ids.find(key);
    return it == ids.end() ? 0 : it->second;
}

/// The address a pseudonymous participant gets: the package has none, and
/// .invalid (RFC 2606) can never receive mail.
std::string placeholder_email(const std::string& pseudonym) {
    std::string local = pseudonym;
    std::transform(local.begin(), local.end(), local.begin(), [](unsigned char c) { return std::tolower(c); });
    return local + "@pseudonymous.invalid";
}

/// The statuses an engagement passes through from planned to `status`.
std::vector<std::string> lifecycle_to(const std::string& status) {
    if (status == "cancelled") {
        return {"cancelled"};
    }
    std::vector<std::string> steps;
    for (const auto* step : {"matched", "started", "completed"}) {
        if (status == "planned") {
            break;
        }
        steps.emplace_back(step);
        if (status == step) {
            break;
        }
    }
    return steps;
}

class PackageLoader {
public:
    PackageLoader(pqxx::dbtransaction& tx, const sql::StoredProgramme& programme, const std::string& actor,
                  const security::MasterKey& master)
        : tx_(tx), programme_(programme), actor_(actor), master_(master) {}

    std::vector<RowProblem> problems;
    PackageImportTally tally;
    IdMap organisations;
    IdMap participants;
    IdMap engagements;

    void load_organisations(const PackageTable& file) {
        for (const auto& row : file.table.rows) {
            const auto& pseudonym = file.cell(row, "organisation");
            const domain::OrganisationDraft draft{pseudonym, file.cell(row, "country"), file.cell(row, "sector"),
                                                  file.cell(row, "size")};
            pqxx::subtransaction row_tx(tx_, "import_organisation");
            auto id = registry::register_organisation(row_tx, programme_, draft, pseudonym, actor_);
            if (!take(id, "organisations.csv", row.row)) {
                continue;
            }
            row_tx.commit();
            organisations[pseudonym] = id.value();
            ++tally.organisations;
        }
    }

    void load_participants(const PackageTable& file) {
        for (const auto& row : file.table.rows) {
            const auto& pseudonym = file.cell(row, "participant");
            const domain::ParticipantDraft draft{id_in(organisations, file.cell(row, "organisation")),
                                                 file.cell(row, "role"), pseudonym, placeholder_email(pseudonym),
                                                 file.cell(row, "language")};
            pqxx::subtransaction row_tx(tx_, "import_participant");
            auto id = registry::add_participant(row_tx, programme_, draft, pseudonym, actor_, master_);
            if (!take(id, "participants.csv", row.row)) {
                continue;
            }
            row_tx.commit();
            participants[pseudonym] = id.value();
            ++tally.participants;
        }
    }

    void load_engagements(const PackageTable& file) {
        for (const auto& row : file.table.rows) {
            registry::EngagementRequest request;
            request.kind = file.cell(row, "kind");
            request.sending_organisation_id = id_in(organisations, file.cell(row, "sending_organisation"));
            request.hosting_organisation_id = id_in(organisations, file.cell(row, "hosting_organisation"));
            request.participant_id = id_in(participants, file.cell(row, "participant"));
            request.starts_on = file.cell(row, "starts_on");
            request.ends_on = file.cell(row, "ends_on");
            request.volunteer_organisation_id = id_in(organisations, file.cell(row, "volunteer_organisation"));
            request.mentor_participant_id = id_in(participants, file.cell(row, "mentor"));
            request.sme_organisation_id = id_in(organisations, file.cell(row, "sme_organisation"));
            request.respondent_participant_id = id_in(participants, file.cell(row, "respondent_participant"));
            request.round = file.cell(row, "round");
            const auto& number = file.cell(row, "engagement");
            pqxx::subtransaction row_tx(tx_, "import_engagement");
            auto id = registry::create_engagement(row_tx, programme_, request, "imported-" + number, actor_);
            if (!take(id, "engagements.csv", row.row)) {
                continue;
            }
            row_tx.commit();
            engagements[number] = id.value();
            ++tally.engagements;
        }
    }

    void load_invitations(const PackageTable& file, const collection::LinkSettings& links,
                          collection::InstrumentCache& instruments) {
        for (const auto& row : file.table.rows) {
            collection::InvitationRequest request;
            request.engagement_id = id_in(engagements, file.cell(row, "engagement"));
            request.respondent = file.cell(row, "respondent");
            request.wave = file.cell(row, "wave");
            request.valid_days = 366;
            if (request.respondent == "sending" || request.respondent == "hosting" || request.respondent == "sme") {
                request.participant_id = id_in(participants, file.cell(row, "participant"));
            }
            pqxx::subtransaction row_tx(tx_, "import_invitation");
            auto issued = collection::issue_invitation(row_tx, programme_, request, links, instruments, actor_);
            if (!take(issued, "invitations.csv", row.row)) {
                continue;
            }
            row_tx.commit();
            ++tally.responses.invitations_issued;
        }
    }

    /// Moves each engagement to its status in the package, through the
    /// lifecycle (after the responses: a cancelled exchange takes none).
    void apply_statuses(const PackageTable& file) {
        for (const auto& row : file.table.rows) {
            const auto id = id_in(engagements, file.cell(row, "engagement"));
            for (const auto& status : lifecycle_to(file.cell(row, "status"))) {
                auto changed = registry::change_engagement_status(tx_, programme_, id, status, actor_);
                if (!take(changed, "engagements.csv", row.row)) {
                    break;
                }
            }
        }
    }

private:
    template <typename T>
    bool take(const Result<T>& result, const std::string& file, int row) {
        if (!result.ok()) {
            add_problems(problems, file, row, result.error());
        }
        return result.ok();
    }

    pqxx::dbtransaction& tx_;
    const sql::StoredProgramme& programme_;
    const std::string& actor_;
    const security::MasterKey& master_;
};

}  // namespace

PackageImportTally import_package(pqxx::dbtransaction& tx, const sql::StoredProgramme& programme,
                                  const exports::ZipReader& package, const collection::LinkSettings& links,
                                  collection::InstrumentCache& instruments, const std::string& actor) {
    PackageImportTally refused;
    auto refuse = [&refused](const std::string& file, const std::string& message) {
        refused.responses.problems.push_back({0, {file, message}});
        return refused;
    };
    if (const auto problem = exports::check_manifest(package)) {
        return refuse(problem->file, problem->message);
    }
    auto descriptor = exports::read_package_json(package, "datapackage.json");
    auto facts = descriptor.ok() ? exports::facts_of_descriptor(descriptor.value())
                                 : Result<exports::PackageFacts>(descriptor.error());
    if (!facts.ok()) {
        return refuse("datapackage.json", facts.error().message);
    }
    if (facts->template_key != programme.template_key) {
        return refuse("datapackage.json", "the package's programme follows the template " + facts->template_key +
                                              "; this one follows " + programme.template_key);
    }
    std::map<std::string, exports::PackageTable> files;
    for (const auto& [name, required] :
         std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"organisations.csv", {"organisation", "country", "sector", "size"}},
             {"participants.csv", {"participant", "organisation", "role", "language"}},
             {"engagements.csv", {"engagement", "kind", "status"}},
             {"invitations.csv", {"engagement", "participant", "respondent", "wave"}},
             {"responses.csv", required_response_columns()}}) {
        auto table = exports::read_package_csv(package, name, required);
        if (!table.ok()) {
            return refuse(name, table.error().message);
        }
        files.emplace(name, std::move(table).value());
    }

    PackageLoader loader(tx, programme, actor, *links.master_key);
    loader.load_organisations(files.at("organisations.csv"));
    loader.load_participants(files.at("participants.csv"));
    loader.load_engagements(files.at("engagements.csv"));
    if (loader.problems.empty()) {
        loader.load_invitations(files.at("invitations.csv"), links, instruments);
    }
    if (!loader.problems.empty()) {
        loader.tally.responses.problems = std::move(loader.problems);
        return loader.tally;
    }
    const auto issued = loader.tally.responses.invitations_issued;
    loader.tally.responses = import_response_rows(
        tx, programme, files.at("responses.csv").table,
        [&loader](const std::string& cell) -> std::optional<std::int64_t> {
            const auto it = loader.engagements.find(cell);
            return it == loader.engagements.end() ? std::nullopt : std::optional<std::int64_t>(it->second);
        },
        links, instruments, actor);
    loader.tally.responses.invitations_issued += issued;
    for (auto& [row, field] : loader.tally.responses.problems) {
        field.field = "responses.csv " + field.field;
    }
    if (loader.tally.responses.problems.empty()) {
        loader.apply_statuses(files.at("engagements.csv"));
        loader.tally.responses.problems = std::move(loader.problems);
    }
    return loader.tally;
}

}  // namespace yardstick::server::imports
