#pragma once
// Everything a programme holds about one participant, for the right of access
// (GDPR Art. 15): their record, their invitations with drafts, every version
// of their responses with the consent version it was given under, and every
// event that concerns them. Built as JSON by PostgreSQL in one snapshot.

#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/transaction_base>

namespace yardstick::sql {

/// Each part as JSON text: `participant` an object, the others arrays in
/// the order they happened. What is sealed comes as hex (`name_sealed`,
/// `email_sealed`, `wrapped_key`, `draft_personal_sealed`, `personal_sealed`)
/// for the caller to open.
struct PersonalData {
    std::string participant;
    std::string invitations;
    std::string responses;
    std::string events;
};

/// The participant's data, or nothing when the programme has no such
/// participant. Events are found by the participant's id in their data, and
/// by their invitations (as actor or in the data); reading them scans the
/// programme's events.
std::optional<PersonalData> read_personal_data(pqxx::transaction_base& tx, std::int64_t programme_id,
                                               std::int64_t participant_id);

}  // namespace yardstick::sql
