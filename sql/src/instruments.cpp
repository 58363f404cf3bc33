#include "yardstick/sql/instruments.hpp"

#include <pqxx/pqxx>

#include "field_values.hpp"

namespace yardstick::sql {
namespace {

constexpr const char* kSelectInstrument =
    "SELECT id, key, version, wave, respondent, consent_version, definition::text, rfc3339(created_at) "
    "FROM instruments ";

StoredInstrument instrument_from_row(const pqxx::row& row) {
    StoredInstrument stored;
    stored.id = row[0].as<std::int64_t>();
    stored.key = row[1].as<std::string>();
    stored.version = row[2].as<int>();
    stored.wave = row[3].as<std::string>();
    stored.respondent = row[4].as<std::string>();
    stored.consent_version = row[5].as<int>();
    stored.definition_json = row[6].as<std::string>();
    stored.created_at = row[7].as<std::string>();
    return stored;
}

std::optional<StoredInstrument> first(const pqxx::result& rows) {
    if (rows.empty()) {
        return std::nullopt;
    }
    return instrument_from_row(rows[0]);
}

}  // namespace

std::int64_t insert_instrument_version(pqxx::transaction_base& tx, std::int64_t programme_id,
                                       const NewInstrumentVersion& instrument) {
    return tx
        .exec_params1(
            "INSERT INTO instruments (programme_id, key, version, wave, respondent, consent_version, definition) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING id",
            programme_id, instrument.key, instrument.version, instrument.wave, instrument.respondent,
            instrument.consent_version, instrument.definition_json)[0]
        .as<std::int64_t>();
}

std::vector<StoredInstrument> list_latest_instruments(pqxx::transaction_base& tx, std::int64_t programme_id) {
    const auto rows = tx.exec_params(
        std::string("SELECT * FROM (") + kSelectInstrument +
            "WHERE programme_id = $1 AND (key, version) IN "
            "    (SELECT key, max(version) FROM instruments WHERE programme_id = $1 GROUP BY key)) latest "
            "ORDER BY key",
        programme_id);
    return map_rows(rows, instrument_from_row);
}

std::optional<StoredInstrument> find_instrument(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                const std::string& key, std::optional<int> version) {
    return first(tx.exec_params(std::string(kSelectInstrument) +
                                    "WHERE programme_id = $1 AND key = $2 AND ($3::int IS NULL OR version = $3) "
                                    "ORDER BY version DESC LIMIT 1",
                                programme_id, key, version));
}

std::optional<StoredInstrument> find_instrument_for(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                    const std::string& respondent, const std::string& wave) {
    return first(tx.exec_params(std::string(kSelectInstrument) +
                                    "WHERE programme_id = $1 AND respondent = $2 AND wave = $3 "
                                    "ORDER BY version DESC, id DESC LIMIT 1",
                                programme_id, respondent, wave));
}

std::optional<StoredInstrument> find_instrument_by_id(pqxx::transaction_base& tx, std::int64_t id) {
    return first(tx.exec_params(std::string(kSelectInstrument) + "WHERE id = $1", id));
}

bool instrument_has_responses(pqxx::transaction_base& tx, std::int64_t id) {
    return tx.exec_params1("SELECT EXISTS (SELECT 1 FROM response_versions WHERE instrument_id = $1)", id)[0]
        .as<bool>();
}

}  // namespace yardstick::sql
