#pragma once
// Invitations (personal links) and what the participant has saved or
// submitted through them, inside the caller's transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

namespace yardstick::sql {

struct NewInvitation {
    std::int64_t programme_id = 0;
    std::int64_t engagement_id = 0;
    std::int64_t participant_id = 0;
    std::string respondent;
    std::string wave;
    std::int64_t instrument_id = 0;
    std::string token_digest;  ///< SHA-256 of the token, hex
    std::string token_sealed;  ///< the token sealed with the participant's key (raw bytes)
    int valid_days = 90;
    /// RFC 3339; nullopt: now. The scheduler issues at its own clock's time
    /// (simulated in tests), and the link is valid valid_days from then.
    std::optional<std::string> issued_at;
    std::optional<std::string> issued_by;  ///< "scheduler" for the scheduler's links
};

struct IssuedInvitation {
    std::int64_t id = 0;
    std::string issued_at;
    std::string expires_at;
};

/// A second invitation for the same engagement, respondent and wave throws
/// pqxx::unique_violation (→ already_exists).
IssuedInvitation insert_invitation(pqxx::transaction_base& tx, const NewInvitation& invitation);

/// An invitation as the participant side sees it, found by token digest.
struct FormInvitation {
    std::int64_t id = 0;
    std::int64_t programme_id = 0;
    std::string programme_slug;
    std::int64_t engagement_id = 0;
    std::int64_t participant_id = 0;
    std::string participant_language;
    std::string respondent;
    std::string wave;
    std::int64_t instrument_id = 0;
    std::string status;  ///< issued, opened, draft, submitted
    std::string expires_at;
    bool expired = false;      ///< now() ≥ expires_at
    bool wave_closed = false;  ///< the programme closed this wave
    std::string draft_answers_json;
    std::optional<std::int64_t> response_id;
    std::optional<int> latest_version;
    std::string draft_page = "start";    ///< where the web form stopped: start, 1…N, check
    std::optional<int> consent_version;  ///< agreed to in the web form, before submitting
    std::optional<std::string> wave_closed_at;
    std::string programme_contact;            ///< may be empty
    std::optional<std::string> submitted_at;  ///< of the latest version, once there is one
    std::optional<std::string> draft_personal_sealed;  ///< the draft's personal answers, sealed
    std::optional<std::string> wrapped_key;            ///< the participant's; nullopt once erased
};

/// Remembers where the web form stopped (`page`) and, when given, the
/// consent version the participant agreed to.
void save_form_progress(pqxx::transaction_base& tx, std::int64_t invitation_id, const std::string& page,
                        std::optional<int> consent_version);

/// Looks the invitation up by token digest; `for_update` locks its row so
/// that submissions through one link happen one after the other.
std::optional<FormInvitation> find_invitation_by_digest(pqxx::transaction_base& tx, const std::string& token_digest,
                                                        bool for_update);

/// issued → opened (first view). Returns true when the status changed.
bool mark_invitation_opened(pqxx::transaction_base& tx, std::int64_t invitation_id);

/// Replaces the saved draft; issued/opened → draft (a submitted invitation stays submitted).
/// `answers_json` holds the answers that are not personal; the personal ones
/// are in `personal_sealed` (nullopt: none).
void save_draft(pqxx::transaction_base& tx, std::int64_t invitation_id, const std::string& answers_json,
                const std::optional<std::string>& personal_sealed);

struct StoredInvitation {
    std::int64_t id = 0;
    std::int64_t engagement_id = 0;
    std::int64_t participant_id = 0;
    std::string respondent;
    std::string wave;
    std::int64_t instrument_id = 0;
    std::string status;  ///< issued, opened, draft, submitted or expired
    std::string issued_at;
    std::string expires_at;
    std::string token_digest;
    std::optional<std::string> token_sealed;  ///< nullopt once purged or erased
};

std::vector<StoredInvitation> list_invitations(pqxx::transaction_base& tx, std::int64_t programme_id,
                                               std::int64_t after_id, std::int64_t limit);

/// The invitation of the engagement's `respondent` in `wave` (there is at
/// most one), or nothing.
std::optional<StoredInvitation> find_invitation_for(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                    std::int64_t engagement_id, const std::string& respondent,
                                                    const std::string& wave);

/// Closes a wave of a programme now, or `at` (RFC 3339). Returns false when
/// it was closed already.
bool close_wave(pqxx::transaction_base& tx, std::int64_t programme_id, const std::string& wave,
                const std::string& closed_by, const std::optional<std::string>& at = std::nullopt);

/// When the wave was closed (RFC 3339), if it was.
std::optional<std::string> wave_closed_at(pqxx::transaction_base& tx, std::int64_t programme_id,
                                          const std::string& wave);

}  // namespace yardstick::sql
