#include "yardstick/sql/person_keys.hpp"

#include <pqxx/pqxx>

namespace yardstick::sql {

void insert_person_key(pqxx::transaction_base& tx, std::int64_t participant_id, const std::string& wrapped_key) {
    tx.exec_params("INSERT INTO person_keys (participant_id, wrapped_key) VALUES ($1, $2)", participant_id,
                   pqxx::binarystring(wrapped_key));
}

std::optional<std::string> wrapped_key_of(pqxx::transaction_base& tx, std::int64_t participant_id) {
    const auto rows = tx.exec_params(
        "SELECT wrapped_key FROM person_keys WHERE participant_id = $1 AND wrapped_key IS NOT NULL", participant_id);
    if (rows.empty()) {
        return std::nullopt;
    }
    return pqxx::binarystring(rows[0][0]).str();
}

bool destroy_person_key(pqxx::transaction_base& tx, std::int64_t participant_id) {
    return tx
               .exec_params("UPDATE person_keys SET wrapped_key = NULL, erased_at = now() "
                            "WHERE participant_id = $1 AND wrapped_key IS NOT NULL",
                            participant_id)
               .affected_rows() == 1;
}

std::optional<std::string> master_key_check(pqxx::transaction_base& tx) {
    const auto rows = tx.exec("SELECT sealed FROM master_key_check");
    if (rows.empty()) {
        return std::nullopt;
    }
    return pqxx::binarystring(rows[0][0]).str();
}

std::string keep_master_key_check(pqxx::transaction_base& tx, const std::string& sealed) {
    tx.exec_params("INSERT INTO master_key_check (sealed) VALUES ($1) ON CONFLICT DO NOTHING",
                   pqxx::binarystring(sealed));
    return master_key_check(tx).value();
}

}  // namespace yardstick::sql
