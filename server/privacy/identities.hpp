#pragma once
// Participants' identities, sealed with a key per person (security/person_keys.hpp):
// sealing a new participant's name and e-mail address, opening them for those
// who may see them, finding a person's key, and checking at start-up that the
// master key file is the one this database's identities were sealed under.

#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/transaction_base>

#include "server/security/master_key.hpp"
#include "server/security/person_keys.hpp"
#include "yardstick/domain/registry.hpp"
#include "yardstick/domain/result.hpp"
#include "yardstick/sql/organisations.hpp"

namespace yardstick::server::privacy {

/// Inserts the participant, its identity sealed under a new key of its own,
/// and that key wrapped under `master`. Returns the participant's id.
std::int64_t insert_sealed_participant(pqxx::transaction_base& tx, const security::MasterKey& master,
                                       std::int64_t programme_id, const domain::Participant& participant,
                                       const std::optional<std::string>& reference);

/// Opens `stored`'s name and e-mail address into stored.participant. An
/// erased participant is left with both empty (stored.erased_at says when).
/// ErrorCode::internal when the key does not open (the wrong master key, or
/// altered rows).
Status reveal(const security::MasterKey& master, sql::StoredParticipant& stored);

/// The participant's own key; nullopt once erased. ErrorCode::internal when
/// the wrapped key does not open under `master`.
Result<std::optional<security::PersonKey>> person_key(pqxx::transaction_base& tx, const security::MasterKey& master,
                                                      std::int64_t participant_id);

/// The key inside a wrapped key as read with some row (nullopt: erased).
Result<std::optional<security::PersonKey>> unwrap(const security::MasterKey& master,
                                                  const std::optional<std::string>& wrapped_key);

/// The first time a database meets a master key, a check value sealed under
/// it is stored; later, a different key is refused (ErrorCode::failed_precondition,
/// naming `key_file`) before it can seal anything that no one could open
/// with the other. Call before serving or loading.
Status check_master_key(pqxx::transaction_base& tx, const security::MasterKey& master, const std::string& key_file);

}  // namespace yardstick::server::privacy
