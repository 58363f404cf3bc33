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

struct StoredParticipant {
    std::int64_t id = 0;
    std::optional<std::string> reference;
    domain::Participant participant;
    std::string created_at;
};

std::int64_t insert_participant(pqxx::transaction_base& tx, std::int64_t programme_id,
                                const domain::Participant& participant, const std::optional<std::string>& reference);

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
