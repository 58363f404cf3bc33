#pragma once
// The demo programmes' registries as plain data: the organisations, people
// and engagements a fresh installation can be filled with so that every
// screen and report has something realistic to show. Pure and deterministic:
// no I/O, no clock, no std::random_device, no std:: distributions (their
// output differs between standard libraries); the variety comes from a fixed
// splitmix64 sequence, so every platform builds byte-for-byte the same rows.
//
// Every row carries a stable `reference` (unique across all demo
// programmes). The loader inserts rows through the same domain functions and
// repositories as the HTTP API and skips references it already stored, so a
// later run adds only what is missing and never edits or duplicates a row.
//
// The figures follow the programmes' public texts: MobiliseSME's ~400
// registered companies and 54 exchanges across 23 sectors and 16 countries,
// held within the pilot's window (November 2016 to June 2017); Digital
// Volunteers' mentors from large companies working in SMEs; the skills
// monitor's IT professionals, advanced users and managers in SMEs, rounds 2018
// and 2019 (most of 2018's respondents again, and some new ones).
// All names are fictitious, all e-mail addresses use the domains RFC 2606
// reserves (example.org, example.com, example.net).

#include <string>
#include <vector>

#include "yardstick/domain/registry.hpp"

namespace yardstick::server::demo {

/// Bump whenever any row below changes. Rows are identified by reference, so a
/// loader that already ran an older version adds only references it lacks:
/// changing a row that keeps its reference does not update the stored row.
inline constexpr int kDemoDataVersion = 2;

/// A registered organisation.
struct DemoOrganisation {
    std::string reference;  ///< e.g. "org-0001"
    domain::OrganisationDraft draft;
};

/// A person of one of the programme's organisations; the fields mirror
/// domain::ParticipantDraft with the organisation named by reference.
struct DemoParticipant {
    std::string reference;               ///< e.g. "emp-0001", "contact-0001"
    std::string organisation_reference;  ///< a DemoOrganisation of the same programme
    std::string role;                    ///< "employee" | "mentor" | "contact"
    std::string name;
    std::string email;     ///< unique across all demo programmes, on an RFC 2606 domain
    std::string language;  ///< en, fr, de, it
};

/// One engagement; only the fields of its `kind` are set, the others are empty.
struct DemoEngagement {
    std::string reference;  ///< e.g. "exchange-01"
    std::string kind;       ///< "exchange" | "mentoring" | "skills-monitor"
    // exchange: the employee belongs to the sending organisation; dates "YYYY-MM-DD"
    std::string sending_organisation_reference, hosting_organisation_reference, participant_reference, starts_on,
        ends_on;
    // mentoring: the mentor belongs to the volunteer organisation; the SME is another one
    std::string volunteer_organisation_reference, mentor_participant_reference, sme_organisation_reference;
    // skills-monitor: one respondent's round, e.g. "2018"
    std::string respondent_participant_reference, round;
};

/// One demo programme and its registry. `template_key` names the bundled
/// template under server/templates/ the programme is created from.
struct DemoProgramme {
    std::string slug;
    std::string template_key;
    std::string name;
    std::vector<DemoOrganisation> organisations;
    std::vector<DemoParticipant> participants;
    std::vector<DemoEngagement> engagements;
};

/// Builds the three demo programmes afresh, in this order: `mobilisesme-pilot`
/// (template mobilisesme), `digital-volunteers` and `skills-monitor`. Two calls
/// give equal data.
std::vector<DemoProgramme> build_demo_programmes();

/// The same data, built once on first use (thread-safe) and kept for the
/// life of the process.
const std::vector<DemoProgramme>& demo_programmes();

/// Everything that would stop the loader inserting `programme`, as
/// human-readable lines ("exchange-07: invalid ends_on: …"); empty when sound.
/// Runs every row through the domain's own rules (register_organisation,
/// add_participant, plan_exchange with `settings`, plan_mentoring,
/// plan_skills_round) with references resolved to stand-in positive ids, and
/// checks what the domain cannot see from one row: references unique and
/// resolvable, e-mails unique (ignoring case), engagement kinds matching the
/// template, the roles each engagement needs (travelling employee, mentor,
/// employee respondent), and a contact for each organisation that answers a
/// company questionnaire (both sides of an exchange, the mentored SME).
std::vector<std::string> check_demo_programme(const DemoProgramme& programme,
                                              const domain::ProgrammeSettings& settings);

}  // namespace yardstick::server::demo
