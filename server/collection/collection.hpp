#pragma once
// Response collection's use cases: issuing personal links (invitations),
// showing a participant their form, saving drafts, submitting and amending
// responses, closing waves. Each runs inside the caller's transaction and
// appends its event there (ids, codes and answers; never free text or
// identities in clear).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <pqxx/transaction_base>

#include "server/collection/form_links.hpp"
#include "server/collection/instrument_cache.hpp"
#include "server/security/master_key.hpp"
#include "server/security/person_keys.hpp"
#include "yardstick/domain/answer.hpp"
#include "yardstick/domain/instrument.hpp"
#include "yardstick/domain/result.hpp"
#include "yardstick/sql/invitations.hpp"
#include "yardstick/sql/programmes.hpp"
#include "yardstick/sql/responses.hpp"

namespace yardstick::server::collection {

/// What issuing links needs from the running server.
struct LinkSettings {
    const security::MasterKey* master_key = nullptr;
    std::string public_url;  ///< links are <public_url>/f/<token>
};

struct InvitationRequest {
    std::int64_t engagement_id = 0;
    std::string respondent;  ///< sending, hosting, employee, sme, mentor, respondent
    std::string wave;
    /// Who answers for a company (sending, hosting, sme); default: the
    /// organisation's first contact. Other respondents are the engagement's person.
    std::optional<std::int64_t> participant_id;
    int valid_days = 90;
    /// RFC 3339; nullopt: now (the scheduler passes its clock's time).
    std::optional<std::string> issued_at;
};

struct IssuedLink {
    std::int64_t id = 0;
    std::string token;  ///< shown once, to whoever issued it; stored only as digest and sealed
    std::string url;
    std::string expires_at;
};

/// Issues one invitation (fields engagement_id, respondent, wave,
/// participant_id; a second one for the same engagement, respondent and wave
/// is already_exists; a closed wave is failed_precondition).
Result<IssuedLink> issue_invitation(pqxx::transaction_base& tx, const sql::StoredProgramme& programme,
                                    const InvitationRequest& request, const LinkSettings& links,
                                    InstrumentCache& instruments, const std::string& actor);

/// The link of a stored invitation, opened from its token sealed with the
/// participant's key; failed_precondition once purged or erased.
Result<std::string> link_of(pqxx::transaction_base& tx, const sql::StoredInvitation& invitation,
                            const LinkSettings& links);

/// A participant's form as of now.
struct Form {
    sql::FormInvitation invitation;
    std::shared_ptr<const domain::Instrument> instrument;
    domain::Answers answers;  ///< the saved draft (after a submission: what was submitted, or amended since)
    /// The participant's own key (seals the personal answers); nullopt once erased.
    std::optional<security::PersonKey> person_key;
};

/// The form behind `token`: not_found for an unknown token, gone when the
/// link expired or its wave is closed. `record_opening` marks a first view
/// (issued → opened, event invitation.opened).
Result<Form> open_form(pqxx::transaction_base& tx, const std::string& token, InstrumentCache& instruments,
                       const security::MasterKey& master, bool record_opening);

/// The form behind `token` whatever its state, for the pages that explain
/// why a link no longer works (invitation.expired, wave_closed_at); only an
/// unknown token is an error (not_found). Records nothing.
Result<Form> find_form(pqxx::transaction_base& tx, const std::string& token, InstrumentCache& instruments,
                       const security::MasterKey& master);

/// save_form_draft(), and where the web form stopped (`page`: start, 1…N,
/// check) with the consent version agreed to, when given.
Result<Form> save_form_page(pqxx::transaction_base& tx, const std::string& token, const domain::Answers& answers,
                            const std::string& page, std::optional<int> consent_version, InstrumentCache& instruments,
                            const security::MasterKey& master);

/// Replaces the draft with `answers` (validated as a draft: types, ranges,
/// relevance and constraints of what is given). Event draft.saved.
Result<Form> save_form_draft(pqxx::transaction_base& tx, const std::string& token, const domain::Answers& answers,
                             InstrumentCache& instruments, const security::MasterKey& master);

struct Submission {
    domain::Answers answers;
    std::optional<std::int64_t> consent_version;
    std::string idempotency_key;  ///< empty: none
    std::string body_digest;      ///< SHA-256 of the canonical request body, for the idempotency check
};

struct SubmissionOutcome {
    sql::SubmittedVersion submitted;
    bool replayed = false;  ///< the same Idempotency-Key and body again: nothing new was written
};

// Submitting (version 1) or amending (version n+1) a response happens in
// three steps, so that only the last touches the database in the common
// case and many submissions can share its one statement (SubmissionWriter):
//   1. the target: the link and its instrument version (both never change),
//      from the caches or, on a miss, read once;
//   2. prepare_submission(): validation — every relevant required question
//      answered, consent_version the instrument's current one — and the
//      event's data; nothing is written for a refused submission;
//   3. sql::submit_responses(), under the invitation's row lock: expiry,
//      wave closure and the Idempotency-Key (same key and body: the earlier
//      answer; another body: conflict), then the version and its event
//      response.submitted or response.amended; outcome_of() says what that
//      means to the participant.

/// What a submission through one link is checked against.
struct SubmissionTarget {
    FormLink link;
    std::shared_ptr<const domain::Instrument> instrument;
};

/// The target of `token` when both parts are cached (no I/O); nullopt
/// otherwise, including for a malformed token (load_target() says why).
std::optional<SubmissionTarget> cached_target(const std::string& token, InstrumentCache& instruments,
                                              FormLinkCache& links);

/// The target of `token`, read through `tx` where not cached; not_found for
/// an unknown or malformed token.
Result<SubmissionTarget> load_target(pqxx::transaction_base& tx, const std::string& token, InstrumentCache& instruments,
                                     FormLinkCache& links);

/// The submission validated and ready to be written (invalid_argument with
/// every field that is wrong otherwise), the personal answers sealed with the
/// participant's key. Does no I/O.
Result<sql::SubmissionWrite> prepare_submission(const SubmissionTarget& target, const Submission& submission,
                                                const security::MasterKey& master);

/// What the database's verdict on a submission means: the version written or
/// replayed, or the error (conflict, gone, not_found) to answer.
Result<SubmissionOutcome> outcome_of(const sql::SubmissionResult& result);

/// Closes `wave` of the programme now, or `at` (RFC 3339: the scheduler's
/// clock), with the event wave.closed. Returns the time it was closed, now or
/// earlier.
Result<std::string> close_wave(pqxx::transaction_base& tx, const sql::StoredProgramme& programme,
                               const std::string& wave, const std::string& actor,
                               const std::optional<std::string>& at = std::nullopt);

}  // namespace yardstick::server::collection
