#include "server/exports/register_files.hpp"

#include "server/csv/csv_writer.hpp"
#include "server/exports/export_job.hpp"
#include "server/exports/table_fields.hpp"

namespace yardstick::server::exports {

namespace {

using nlohmann::json;

RegisterColumn plain(std::string name, json field) {
    field["name"] = name;
    return {std::move(name), "", std::move(field), ""};
}

/// A column holding the pseudonym of an organisation or a participant.
RegisterColumn pseudonymous(std::string name, const std::string& kind, std::string title, bool key) {
    auto field = pseudonym_field(name, kind, std::move(title));
    if (key) {
        field["constraints"]["required"] = true;
        field["constraints"]["unique"] = true;
    }
    return {std::move(name), kind, std::move(field), key ? "" : kind + "s"};
}

RegisterColumn engagement_key() {
    auto column = plain("engagement", integer_field("The engagement (exchange, mentoring or skills round)", 1));
    column.field["constraints"]["required"] = true;
    column.field["constraints"]["unique"] = true;
    return column;
}

RegisterColumn refers(RegisterColumn column, std::string resource) {
    column.references = std::move(resource);
    return column;
}

std::vector<RegisterFile> make_files() {
    using sql::RegisterTable;
    const json statuses = {"planned", "matched", "started", "completed", "cancelled"};
    return {
        {RegisterTable::organisations,
         "organisations",
         "organisations.csv",
         "Every registered organisation, pseudonymised",
         {pseudonymous("organisation", "organisation", "Organisation (pseudonym)", true),
          plain("country", country_field()), plain("sector", sector_field()), plain("size", size_field()),
          plain("registered_at", time_field("When it was registered"))}},
        {RegisterTable::participants,
         "participants",
         "participants.csv",
         "Every participant, pseudonymised (no names, no e-mail addresses)",
         {pseudonymous("participant", "participant", "Participant (pseudonym)", true),
          pseudonymous("organisation", "organisation", "Their organisation (pseudonym)", false),
          plain("role", enum_field("Role", {"employee", "mentor", "contact"})),
          plain("language", enum_field("Language of their forms and messages", {"en", "fr", "de", "it"})),
          plain("added_at", time_field("When they were added"))}},
        {RegisterTable::engagements,
         "engagements",
         "engagements.csv",
         "Every engagement: exchanges, mentorings and skills rounds",
         {engagement_key(),
          plain("kind", enum_field("Kind", {"exchange", "mentoring", "skills-monitor"})),
          plain("status", enum_field("Status (cancelled ones do not count in the reach)", statuses)),
          pseudonymous("sending_organisation", "organisation", "Sending organisation (exchange)", false),
          pseudonymous("hosting_organisation", "organisation", "Hosting organisation (exchange)", false),
          pseudonymous("participant", "participant", "Travelling employee (exchange)", false),
          plain("starts_on", date_field("First day (exchange)")),
          plain("ends_on", date_field("Last day (exchange)")),
          plain("duration_days", integer_field("Length in days, first and last included (exchange)", 1)),
          pseudonymous("volunteer_organisation", "organisation", "The volunteer's organisation (mentoring)", false),
          pseudonymous("mentor", "participant", "Digital volunteer (mentoring)", false),
          pseudonymous("sme_organisation", "organisation", "The SME mentored (mentoring)", false),
          pseudonymous("respondent_participant", "participant", "Respondent (skills round)", false),
          plain("round", string_field("Round (skills round)")),
          plain("created_at", time_field("When it was registered"))}},
        {RegisterTable::invitations,
         "invitations",
         "invitations.csv",
         "Every invitation issued: the denominators of the response rates",
         {plain("invitation", [] {
              auto field = integer_field("Invitation", 1);
              field["constraints"]["required"] = true;
              field["constraints"]["unique"] = true;
              return field;
          }()),
          refers(plain("engagement", integer_field("Engagement", 1)), "engagements"),
          pseudonymous("participant", "participant", "Invited participant (pseudonym)", false),
          plain("respondent", respondent_field()), plain("wave", string_field("Wave")),
          plain("instrument", string_field("Instrument")),
          plain("instrument_version", integer_field("Instrument version", 1)),
          plain("status", enum_field("Status (withdrawn: its response was withdrawn with the person's consent)",
                                      {"issued", "opened", "draft", "submitted", "withdrawn"})),
          plain("issued_at", time_field("When it was issued")), plain("expires_at", time_field("When its link expires")),
          refers(plain("response_id", integer_field("Its response, once submitted", 1)), "responses")}},
    };
}

std::vector<RegisterFile> make_identity_files() {
    using sql::RegisterTable;
    return {
        {RegisterTable::organisation_identities,
         "organisation-identities",
         "organisation-identities.csv",
         "Who each organisation pseudonym is (an export with identities)",
         {pseudonymous("organisation", "organisation", "Organisation (pseudonym)", true),
          plain("name", string_field("Name")), plain("reference", string_field("The programme's own reference"))}},
        {RegisterTable::participant_identities,
         "participant-identities",
         "participant-identities.csv",
         "Who each participant pseudonym is (an export with identities)",
         {pseudonymous("participant", "participant", "Participant (pseudonym)", true),
          pseudonymous("organisation", "organisation", "Their organisation (pseudonym)", false),
          plain("name", string_field("Name")), plain("email", string_field("E-mail address")),
          plain("reference", string_field("The programme's own reference"))}},
    };
}

}  // namespace

const std::vector<RegisterFile>& identity_files() {
    static const auto files = make_identity_files();
    return files;
}

const std::vector<RegisterFile>& register_files() {
    static const auto files = make_files();
    return files;
}

std::string register_header(const RegisterFile& file) {
    std::vector<std::string> cells;
    for (const auto& column : file.columns) {
        cells.push_back(column.name);
    }
    std::string out;
    csv::append_csv_row(out, cells);
    return out;
}

std::string register_row(const RegisterFile& file, const std::vector<std::optional<std::string>>& row,
                         const security::MasterKey& key, std::int64_t programme_id) {
    std::vector<std::string> cells;
    cells.reserve(file.columns.size());
    for (std::size_t i = 0; i < file.columns.size() && i < row.size(); ++i) {
        if (!row[i]) {
            cells.emplace_back();
        } else if (!file.columns[i].pseudonym.empty()) {
            cells.push_back(pseudonym(key, programme_id, file.columns[i].pseudonym, std::stoll(*row[i])));
        } else {
            cells.push_back(*row[i]);
        }
    }
    std::string out;
    csv::append_csv_row(out, cells);
    return out;
}

}  // namespace yardstick::server::exports
