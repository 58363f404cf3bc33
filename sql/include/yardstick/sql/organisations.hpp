#pragma once
// Organisations and their participants, inside the caller's transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

#include "yardstick/domain/registry.hpp"

namespace yardstick::sql {

struct StoredOrganisation {
    std::int64_t id = 0;
    std::optional<std::string> reference;
    domain::Organisation organisation;
    std::string created_at;
};

/// A taken reference throws pqxx::unique_violation (→ already_exists).
std::int64_t insert_organisation(pqxx::transaction_base& tx, std::int64_t programme_id,
                                 const domain::Organisation& organisation, const std::optional<std::string>& reference);

std::optional<StoredOrganisation> find_organisation(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                    std::int64_t id);

/// Organisations with id > after_id in id order, at most `limit`.
std::vector<StoredOrganisation> list_organisations(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                   std::int64_t after_id, std::int64_t limit);

/// A participant's name and e-mail address sealed with their own key
/// (server/security/person_keys.hpp), as raw bytes.
struct SealedIdentity {
    std::string name;
    std::string email;
};

/// A participant as stored: `participant.name` and `.email` are empty, the
/// identity is in `sealed` (nullopt once erased) and opens with the person's
/// key, itself wrapped under the master key (`wrapped_key`, nullopt once erased).
struct StoredParticipant {
    std::int64_t id = 0;
    std::optional<std::string> reference;
    domain::Participant participant;
    std::string created_at;
    std::optional<SealedIdentity> sealed;
    std::optional<std::string> wrapped_key;
    std::optional<std::string> erased_at;  ///< RFC 3339, once erased
};

/// Inserts the participant with its sealed identity (its name and e-mail
/// address in `participant` are not stored); the caller stores the key.
std::int64_t insert_participant(pqxx::transaction_base& tx, std::int64_t programme_id,
                                const domain::Participant& participant, const std::optional<std::string>& reference,
                                const SealedIdentity& sealed);

std::optional<StoredParticipant> find_participant(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                  std::int64_t id);

std::vector<StoredParticipant> list_participants(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                 std::int64_t after_id, std::int64_t limit);

/// The organisation's first participant with `role` (lowest id): who answers
/// a company questionnaire when no participant is named.
std::optional<std::int64_t> first_participant_with_role(pqxx::transaction_base& tx, std::int64_t organisation_id,
                                                        domain::ParticipantRole role);

/// Id of the row of `table` ("organisations", "participants", "engagements")
/// carrying `reference` in the programme.
std::optional<std::int64_t> find_id_by_reference(pqxx::transaction_base& tx, const std::string& table,
                                                 std::int64_t programme_id, const std::string& reference);

}  // namespace yardstick::sql
