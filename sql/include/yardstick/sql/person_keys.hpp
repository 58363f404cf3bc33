#pragma once
// The per-person keys (wrapped under the master key) and the master key's
// check value, inside the caller's transaction. What they mean:
// server/security/person_keys.hpp.

#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/transaction_base>

namespace yardstick::sql {

void insert_person_key(pqxx::transaction_base& tx, std::int64_t participant_id, const std::string& wrapped_key);

/// The participant's wrapped key; nullopt when erased (or never given one).
std::optional<std::string> wrapped_key_of(pqxx::transaction_base& tx, std::int64_t participant_id);

/// Destroys the participant's key for good (the row stays, with when).
/// False when it was already gone.
bool destroy_person_key(pqxx::transaction_base& tx, std::int64_t participant_id);

/// The value sealed under the master key when the database first met it;
/// nullopt before that.
std::optional<std::string> master_key_check(pqxx::transaction_base& tx);

/// Stores the check value unless one is there already; returns the one kept.
std::string keep_master_key_check(pqxx::transaction_base& tx, const std::string& sealed);

}  // namespace yardstick::sql
