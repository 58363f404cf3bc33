#include "server/collection/collection.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/json/instrument_json.hpp"
#include "server/privacy/identities.hpp"
#include "server/privacy/personal_answers.hpp"
#include "server/security/tokens.hpp"
#include "yardstick/sql/engagements.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/instruments.hpp"
#include "yardstick/sql/organisations.hpp"

namespace yardstick::server::collection {
namespace {

void append(pqxx::transaction_base& tx, std::int64_t programme_id, std::string type, const std::string& actor,
            const nlohmann::json& data) {
    sql::append_event(tx, {programme_id, std::move(type), actor, data.dump()});
}

std::string invitation_actor(std::int64_t invitation_id) {
    return "invitation:" + std::to_string(invitation_id);
}

// Who answers as `respondent` for this engagement: the engagement's own
// person, or for a company the named participant or its first contact.
Result<std::int64_t> resolve_respondent(pqxx::transaction_base& tx, const sql::StoredProgramme& programme,
                                        const sql::StoredEngagement& engagement, const InvitationRequest& request) {
    std::optional<std::int64_t> person;
    std::optional<std::int64_t> organisation;
    std::vector<std::string_view> allowed;
    if (const auto* exchange = std::get_if<domain::Exchange>(&engagement.details)) {
        allowed = {"sending", "hosting", "employee"};
        if (request.respondent == "employee") {
            person = exchange->participant_id;
        } else if (request.respondent == "sending") {
            organisation = exchange->sending_organisation_id;
        } else if (request.respondent == "hosting") {
            organisation = exchange->hosting_organisation_id;
        }
    } else if (const auto* mentoring = std::get_if<domain::Mentoring>(&engagement.details)) {
        allowed = {"sme", "mentor"};
        if (request.respondent == "mentor") {
            person = mentoring->mentor_participant_id;
        } else if (request.respondent == "sme") {
            organisation = mentoring->sme_organisation_id;
        }
    } else {
        allowed = {"respondent"};
        if (request.respondent == "respondent") {
            person = std::get<domain::SkillsRound>(engagement.details).respondent_participant_id;
        }
    }
    if (!person && !organisation) {
        std::string names;
        for (const auto name : allowed) {
            names += (names.empty() ? "" : ", ") + std::string(name);
        }
        return Error::invalid("respondent", "must be one of " + names + " for this engagement");
    }
    if (person) {
        if (request.participant_id && *request.participant_id != *person) {
            return Error::invalid(
                "participant_id",
                "the " + request.respondent + " of this engagement is participant " + std::to_string(*person));
        }
        return *person;
    }
    if (request.participant_id) {
        const auto participant = sql::find_participant(tx, programme.id, *request.participant_id);
        if (!participant || participant->participant.organisation_id != *organisation) {
            return Error::invalid("participant_id", "must be a participant of the " + request.respondent +
                                                        " organisation (" + std::to_string(*organisation) + ")");
        }
        return *request.participant_id;
    }
    const auto contact = sql::first_participant_with_role(tx, *organisation, domain::ParticipantRole::contact);
    if (!contact) {
        return Error::invalid("participant_id", "the " + request.respondent + " organisation (" +
                                                    std::to_string(*organisation) +
                                                    ") has no contact participant: add one or name a participant");
    }
    return *contact;
}

Error no_form_here() {
    return Error{ErrorCode::not_found, "There is no form at this link.", {}};
}

Error wave_closed_error() {
    return Error{ErrorCode::gone, "This survey wave is closed: answers can no longer be given or changed.", {}};
}

Error expired_error(const std::string& expires_at) {
    return Error{ErrorCode::gone, "This link expired on " + expires_at + ".", {}};
}

// The invitation behind a token, checked to be usable now.
Result<sql::FormInvitation> usable_invitation(pqxx::transaction_base& tx, const std::string& token, bool for_update) {
    // Junk never reaches the database.
    if (!security::is_well_formed_token(token)) {
        return no_form_here();
    }
    auto invitation = sql::find_invitation_by_digest(tx, security::token_digest(token), for_update);
    if (!invitation) {
        return no_form_here();
    }
    if (invitation->wave_closed) {
        return wave_closed_error();
    }
    if (invitation->expired) {
        return expired_error(invitation->expires_at);
    }
    return std::move(*invitation);
}

Result<domain::Answers> stored_answers(const std::string& json_text) {
    return json::answers_from_json(nlohmann::json::parse(json_text));
}

// A found invitation with its instrument version and saved answers, the
// personal ones opened with the participant's key.
Result<Form> form_of(pqxx::transaction_base& tx, sql::FormInvitation invitation, InstrumentCache& instruments,
                     const security::MasterKey& master) {
    auto instrument = instruments.get(tx, invitation.instrument_id);
    if (!instrument.ok()) {
        return instrument.error();
    }
    auto answers = stored_answers(invitation.draft_answers_json);
    if (!answers.ok()) {
        return Error{ErrorCode::internal, "a stored draft does not parse", {}};
    }
    auto key = privacy::unwrap(master, invitation.wrapped_key);
    if (!key.ok()) {
        return key.error();
    }
    auto all = privacy::with_personal(std::move(answers).value(), invitation.draft_personal_sealed, *key);
    if (!all.ok()) {
        return all.error();
    }
    return Form{std::move(invitation), std::move(instrument).value(), std::move(all).value(), std::move(key).value()};
}

Error erased_error() {
    return Error{ErrorCode::gone, "This link no longer works: the answers given through it were withdrawn.", {}};
}

}  // namespace

Result<IssuedLink> issue_invitation(pqxx::transaction_base& tx, const sql::StoredProgramme& programme,
                                    const InvitationRequest& request, const LinkSettings& links,
                                    InstrumentCache& instruments, const std::string& actor) {
    const auto engagement = sql::find_engagement(tx, programme.id, request.engagement_id);
    if (!engagement) {
        return Error::invalid("engagement_id", "no such engagement in this programme");
    }
    if (request.valid_days < 1 || request.valid_days > 366) {
        return Error::invalid("valid_days", "must be a whole number from 1 to 366");
    }
    const auto participant_id = resolve_respondent(tx, programme, *engagement, request);
    if (!participant_id.ok()) {
        return participant_id.error();
    }
    const auto instrument = sql::find_instrument_for(tx, programme.id, request.respondent, request.wave);
    if (!instrument) {
        return Error::invalid("wave", "the programme has no instrument for " + request.respondent +
                                          " respondents in wave '" + request.wave + "'");
    }
    if (sql::wave_closed_at(tx, programme.id, request.wave)) {
        return Error{ErrorCode::failed_precondition, "Wave '" + request.wave + "' is closed.", {}};
    }
    // Parsed (and cached) now, so that a broken stored version fails here
    // rather than when the participant opens the link.
    if (auto parsed = instruments.get(tx, instrument->id); !parsed.ok()) {
        return parsed.error();
    }
    const auto key = privacy::person_key(tx, *links.master_key, *participant_id);
    if (!key.ok()) {
        return key.error();
    }
    if (!*key) {
        return Error{ErrorCode::failed_precondition,
                     "Participant " + std::to_string(*participant_id) + " was erased: they cannot be invited.",
                     {}};
    }
    IssuedLink link;
    link.token = security::generate_token();
    const auto digest = security::token_digest(link.token);
    sql::NewInvitation row;
    row.programme_id = programme.id;
    row.engagement_id = engagement->id;
    row.participant_id = *participant_id;
    row.respondent = request.respondent;
    row.wave = request.wave;
    row.instrument_id = instrument->id;
    row.token_digest = digest;
    row.token_sealed = (*key)->seal(link.token);
    row.valid_days = request.valid_days;
    row.issued_at = request.issued_at;
    row.issued_by = actor;
    if (const auto existing =
            tx.exec_params("SELECT id FROM invitations WHERE engagement_id = $1 AND respondent = $2 AND wave = $3",
                           engagement->id, request.respondent, request.wave);
        !existing.empty()) {
        return Error{ErrorCode::already_exists,
                     "Engagement " + std::to_string(engagement->id) + " already has a " + request.respondent +
                         " invitation for wave '" + request.wave + "' (invitation " + existing[0][0].as<std::string>() +
                         ").",
                     {}};
    }
    const auto issued = sql::insert_invitation(tx, row);
    link.id = issued.id;
    link.expires_at = issued.expires_at;
    link.url = links.public_url + "/f/" + link.token;
    append(tx, programme.id, "invitation.issued", actor,
           {{"invitation_id", issued.id},
            {"engagement_id", engagement->id},
            {"participant_id", *participant_id},
            {"respondent", request.respondent},
            {"wave", request.wave},
            {"instrument_id", instrument->id},
            {"instrument_key", instrument->key},
            {"instrument_version", instrument->version},
            {"expires_at", issued.expires_at}});
    return link;
}

Result<std::string> link_of(pqxx::transaction_base& tx, const sql::StoredInvitation& invitation,
                            const LinkSettings& links) {
    const auto key = privacy::person_key(tx, *links.master_key, invitation.participant_id);
    if (!key.ok()) {
        return key.error();
    }
    if (!*key || !invitation.token_sealed) {
        return Error{ErrorCode::failed_precondition,
                     "The link of invitation " + std::to_string(invitation.id) +
                         " is no longer kept (purged or erased): issue a new invitation if one is needed.",
                     {}};
    }
    auto token = (*key)->open(*invitation.token_sealed);
    if (!token.ok()) {
        return token.error();
    }
    return links.public_url + "/f/" + token.value();
}

Result<Form> open_form(pqxx::transaction_base& tx, const std::string& token, InstrumentCache& instruments,
                       const security::MasterKey& master, bool record_opening) {
    auto invitation = usable_invitation(tx, token, record_opening);
    if (!invitation.ok()) {
        return invitation.error();
    }
    auto form = form_of(tx, std::move(invitation).value(), instruments, master);
    if (form.ok() && record_opening && form->invitation.status == "issued" &&
        sql::mark_invitation_opened(tx, form->invitation.id)) {
        form->invitation.status = "opened";
        append(tx, form->invitation.programme_id, "invitation.opened", invitation_actor(form->invitation.id),
               {{"invitation_id", form->invitation.id}});
    }
    return form;
}

Result<Form> find_form(pqxx::transaction_base& tx, const std::string& token, InstrumentCache& instruments,
                       const security::MasterKey& master) {
    if (!security::is_well_formed_token(token)) {
        return no_form_here();
    }
    auto invitation = sql::find_invitation_by_digest(tx, security::token_digest(token), false);
    if (!invitation) {
        return no_form_here();
    }
    return form_of(tx, std::move(*invitation), instruments, master);
}

Result<Form> save_form_page(pqxx::transaction_base& tx, const std::string& token, const domain::Answers& answers,
                            const std::string& page, std::optional<int> consent_version, InstrumentCache& instruments,
                            const security::MasterKey& master) {
    auto form = save_form_draft(tx, token, answers, instruments, master);
    if (!form.ok()) {
        return form;
    }
    sql::save_form_progress(tx, form->invitation.id, page, consent_version);
    form->invitation.draft_page = page;
    if (consent_version) {
        form->invitation.consent_version = consent_version;
    }
    return form;
}

Result<Form> save_form_draft(pqxx::transaction_base& tx, const std::string& token, const domain::Answers& answers,
                             InstrumentCache& instruments, const security::MasterKey& master) {
    auto form = open_form(tx, token, instruments, master, true);
    if (!form.ok()) {
        return form.error();
    }
    if (auto valid = domain::validate_answers(*form->instrument, answers, domain::ValidationMode::draft); !valid.ok()) {
        return std::move(valid).error();
    }
    const auto split = privacy::split_personal(*form->instrument, answers);
    if (!split.personal.empty() && !form->person_key) {
        return erased_error();
    }
    sql::save_draft(tx, form->invitation.id, json::answers_to_json(split.kept).dump(),
                    split.personal.empty() ? std::nullopt : privacy::seal_personal(*form->person_key, split.personal));
    auto data = json::answers_for_event(*form->instrument, answers);
    data["invitation_id"] = form->invitation.id;
    append(tx, form->invitation.programme_id, "draft.saved", invitation_actor(form->invitation.id), data);
    if (form->invitation.status != "submitted") {
        form->invitation.status = "draft";
    }
    form->answers = answers;
    return form;
}

std::optional<SubmissionTarget> cached_target(const std::string& token, InstrumentCache& instruments,
                                              FormLinkCache& links) {
    if (!security::is_well_formed_token(token)) {
        return std::nullopt;
    }
    auto link = links.cached(security::token_digest(token));
    if (!link) {
        return std::nullopt;
    }
    auto instrument = instruments.cached(link->instrument_id);
    if (!instrument) {
        return std::nullopt;
    }
    return SubmissionTarget{std::move(*link), std::move(instrument)};
}

Result<SubmissionTarget> load_target(pqxx::transaction_base& tx, const std::string& token, InstrumentCache& instruments,
                                     FormLinkCache& links) {
    // Junk never reaches the database.
    if (!security::is_well_formed_token(token)) {
        return no_form_here();
    }
    auto link = links.find(tx, security::token_digest(token));
    if (!link) {
        return no_form_here();
    }
    auto instrument = instruments.get(tx, link->instrument_id);
    if (!instrument.ok()) {
        return instrument.error();
    }
    return SubmissionTarget{std::move(*link), std::move(instrument).value()};
}

Result<sql::SubmissionWrite> prepare_submission(const SubmissionTarget& target, const Submission& submission,
                                                const security::MasterKey& master) {
    const auto& instrument = *target.instrument;
    const auto& link = target.link;
    std::vector<FieldError> problems;
    if (auto valid = domain::validate_answers(instrument, submission.answers, domain::ValidationMode::submission);
        !valid.ok()) {
        problems = valid.error().fields;
    }
    if (!submission.consent_version) {
        problems.push_back(
            {"consent_version", "is required: agree to consent version " + std::to_string(instrument.consent.version)});
    } else if (*submission.consent_version != instrument.consent.version) {
        problems.push_back({"consent_version", "is outdated: the current consent is version " +
                                                   std::to_string(instrument.consent.version)});
    }
    if (!problems.empty()) {
        return Error{ErrorCode::invalid_argument, "The answers cannot be submitted as they are.", problems};
    }
    auto data = json::answers_for_event(instrument, submission.answers);
    data["invitation_id"] = link.invitation_id;
    data["engagement_id"] = link.engagement_id;
    data["respondent"] = link.respondent;
    data["wave"] = link.wave;
    data["instrument_id"] = link.instrument_id;
    data["instrument_key"] = instrument.key;
    data["instrument_version"] = instrument.version;
    data["consent_version"] = *submission.consent_version;
    const auto split = privacy::split_personal(instrument, submission.answers);
    sql::SubmissionWrite write;
    if (!split.personal.empty()) {
        const auto key = privacy::unwrap(master, link.wrapped_key);
        if (!key.ok()) {
            return key.error();
        }
        if (!*key) {
            return erased_error();
        }
        write.personal_sealed = privacy::seal_personal(**key, split.personal);
    }
    write.invitation_id = link.invitation_id;
    write.answers_json = json::answers_to_json(split.kept).dump();
    write.consent_version = static_cast<int>(*submission.consent_version);
    if (!submission.idempotency_key.empty()) {
        write.idempotency_key = submission.idempotency_key;
    }
    write.request_digest = submission.body_digest;
    write.event_data_json = data.dump();
    return write;
}

Result<SubmissionOutcome> outcome_of(const sql::SubmissionResult& result) {
    switch (result.status) {
        case sql::SubmissionStatus::written:
            return SubmissionOutcome{result.version, false};
        case sql::SubmissionStatus::replayed:
            return SubmissionOutcome{result.version, true};
        case sql::SubmissionStatus::key_conflict:
            return Error{ErrorCode::conflict,
                         "This Idempotency-Key was used for a different submission: use a new key.",
                         {{"Idempotency-Key", "was used with a different body"}}};
        case sql::SubmissionStatus::wave_closed:
            return wave_closed_error();
        case sql::SubmissionStatus::expired:
            return expired_error(result.expires_at);
        case sql::SubmissionStatus::not_found:
            break;
    }
    return no_form_here();
}

Result<std::string> close_wave(pqxx::transaction_base& tx, const sql::StoredProgramme& programme,
                               const std::string& wave, const std::string& actor,
                               const std::optional<std::string>& at) {
    if (!domain::is_valid_wave(wave)) {
        return Error::invalid("wave", "is not a wave label (pre, post, follow-up or a round such as 2018)");
    }
    if (sql::close_wave(tx, programme.id, wave, actor, at)) {
        append(tx, programme.id, "wave.closed", actor, {{"wave", wave}});
    }
    return sql::wave_closed_at(tx, programme.id, wave).value();
}

}  // namespace yardstick::server::collection
