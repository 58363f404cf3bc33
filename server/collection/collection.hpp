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
#include "server/security/sealed_box.hpp"
#include "yardstick/domain/answer.hpp"
#include "yardstick/domain/instrument.hpp"
#include "yardstick/domain/result.hpp"
#include "yardstick/sql/invitations.hpp"
#include "yardstick/sql/programmes.hpp"
#include "yardstick/sql/responses.hpp"

namespace yardstick::server::collection {

/// What issuing links needs from the running server.
struct LinkSettings {
    const security::SealingKey* sealing_key = nullptr;
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

/// The link of a stored invitation, opened from its sealed token.
Result<std::string> link_of(const sql::StoredInvitation& invitation, const LinkSettings& links);

/// A participant's form as of now.
struct Form {
    sql::FormInvitation invitation;
    std::shared_ptr<const domain::Instrument> instrument;
    domain::Answers answers;  ///< the saved draft (after a submission: what was submitted, or amended since)
};

/// The form behind `token`: not_found for an unknown token, gone when the
/// link expired or its wave is closed. `record_opening` marks a first view
/// (issued → opened, event invitation.opened).
Result<Form> open_form(pqxx::transaction_base& tx, const std::string& token, InstrumentCache& instruments,
                       bool record_opening);

/// Replaces the draft with `answers` (validated as a draft: types, ranges,
/// relevance and constraints of what is given). Event draft.saved.
Result<Form> save_form_draft(pqxx::transaction_base& tx, const std::string& token, const domain::Answers& answers,
                             InstrumentCache& instruments);

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

/// Submits (version 1) or amends (version n+1) the invitation's response:
/// every relevant required question answered, consent_version the
/// instrument's current one. A known Idempotency-Key with the same body
/// answers as before; with another body, conflict. Events response.submitted
/// or response.amended. The write is one statement: run `tx` as a
/// pqxx::nontransaction and it is committed when this returns.
Result<SubmissionOutcome> submit_form(pqxx::transaction_base& tx, const std::string& token,
                                      const Submission& submission, InstrumentCache& instruments,
                                      FormLinkCache& links);

/// Closes `wave` of the programme now (event wave.closed). Returns the time
/// it was closed, now or earlier.
Result<std::string> close_wave(pqxx::transaction_base& tx, const sql::StoredProgramme& programme,
                               const std::string& wave, const std::string& actor);

}  // namespace yardstick::server::collection
