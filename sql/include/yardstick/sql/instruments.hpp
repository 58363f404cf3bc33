#pragma once
// Instrument versions. The definition is kept as the instrument's JSON text
// (server/json maps it to domain::Instrument); rows are immutable.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

namespace yardstick::sql {

struct StoredInstrument {
    std::int64_t id = 0;
    std::string key;
    int version = 1;
    std::string wave;
    std::string respondent;
    int consent_version = 1;
    std::string definition_json;
    std::string created_at;
};

struct NewInstrumentVersion {
    std::string key;
    int version = 1;
    std::string wave;
    std::string respondent;
    int consent_version = 1;
    std::string definition_json;
};

/// A version that exists already throws pqxx::unique_violation.
std::int64_t insert_instrument_version(pqxx::transaction_base& tx, std::int64_t programme_id,
                                       const NewInstrumentVersion& instrument);

/// The latest version of every instrument of the programme, by key.
std::vector<StoredInstrument> list_latest_instruments(pqxx::transaction_base& tx, std::int64_t programme_id);

/// The latest version of `key`, or version `version` when given.
std::optional<StoredInstrument> find_instrument(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                const std::string& key, std::optional<int> version = std::nullopt);

/// The latest version written for `respondent` in `wave`.
std::optional<StoredInstrument> find_instrument_for(pqxx::transaction_base& tx, std::int64_t programme_id,
                                                    const std::string& respondent, const std::string& wave);

std::optional<StoredInstrument> find_instrument_by_id(pqxx::transaction_base& tx, std::int64_t id);

/// True when any response version was written against instrument row `id`.
bool instrument_has_responses(pqxx::transaction_base& tx, std::int64_t id);

}  // namespace yardstick::sql
