#pragma once
// Programmes repository. Runs inside the caller's transaction; the caller
// appends the matching event in the same transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

#include "yardstick/domain/registry.hpp"

namespace yardstick::sql {

struct StoredProgramme {
    std::int64_t id = 0;
    domain::Programme programme;
    std::string template_key;
    std::string created_at;  ///< RFC 3339, UTC
};

/// Inserts a programme; a taken slug throws pqxx::unique_violation (→ already_exists).
std::int64_t insert_programme(pqxx::transaction_base& tx, const domain::Programme& programme,
                              const std::string& template_key);

/// Sets one whole-number member of the programme's settings.
void set_programme_setting(pqxx::transaction_base& tx, std::int64_t programme_id, const std::string& name, int value);

/// Replaces the programme's settings.schedule.
void set_programme_schedule(pqxx::transaction_base& tx, std::int64_t programme_id,
                            const domain::ScheduleSettings& schedule);

std::optional<StoredProgramme> find_programme(pqxx::transaction_base& tx, const std::string& slug);
std::optional<StoredProgramme> find_programme_by_id(pqxx::transaction_base& tx, std::int64_t id);

/// Programmes with id > after_id in id order, at most `limit`.
std::vector<StoredProgramme> list_programmes(pqxx::transaction_base& tx, std::int64_t after_id, std::int64_t limit);

}  // namespace yardstick::sql
