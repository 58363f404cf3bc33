#include "yardstick/sql/programmes.hpp"

#include <pqxx/pqxx>

#include "field_values.hpp"

namespace yardstick::sql {
namespace {

constexpr const char* kSelectProgramme =
    "SELECT id, slug, name, kind, template, default_language, "
    "       (settings->>'exchange_min_days')::int, (settings->>'exchange_max_days')::int, "
    "       (settings->>'suppression_threshold')::int, rfc3339(created_at), "
    "       coalesce((settings->>'retention_days')::int, 0), "
    "       coalesce((settings #>> '{schedule,enabled}')::bool, false), "
    "       (settings #>> '{schedule,pre_days_before_start}')::int, "
    "       coalesce((settings #>> '{schedule,post_days_after_end}')::int, 2), "
    "       coalesce((settings #>> '{schedule,reminder_after_days}')::int, 7), "
    "       coalesce((settings #>> '{schedule,reminder_max}')::int, 2), "
    "       coalesce((settings #>> '{schedule,close_wave_after_days}')::int, 30), "
    "       coalesce((settings #>> '{schedule,invitation_valid_days}')::int, 60) "
    "FROM programmes ";

StoredProgramme programme_from_row(const pqxx::row& row) {
    StoredProgramme stored;
    stored.id = row[0].as<std::int64_t>();
    stored.programme.slug = row[1].as<std::string>();
    stored.programme.name = row[2].as<std::string>();
    // The CHECK constraint admits only kinds the domain knows.
    stored.programme.kind = domain::parse_programme_kind(row[3].as<std::string>()).value();
    stored.template_key = row[4].as<std::string>();
    stored.programme.settings.default_language = row[5].as<std::string>();
    stored.programme.settings.exchange_min_days = row[6].as<int>();
    stored.programme.settings.exchange_max_days = row[7].as<int>();
    stored.programme.settings.suppression_threshold = row[8].as<int>();
    stored.created_at = row[9].as<std::string>();
    stored.programme.settings.retention_days = row[10].as<int>();
    auto& schedule = stored.programme.settings.schedule;
    schedule.enabled = row[11].as<bool>();
    schedule.pre_days_before_start = optional_field<int>(row[12]);
    schedule.post_days_after_end = row[13].as<int>();
    schedule.reminder_after_days = row[14].as<int>();
    schedule.reminder_max = row[15].as<int>();
    schedule.close_wave_after_days = row[16].as<int>();
    schedule.invitation_valid_days = row[17].as<int>();
    return stored;
}

}  // namespace

std::int64_t insert_programme(pqxx::transaction_base& tx, const domain::Programme& programme,
                              const std::string& template_key) {
    const auto& settings = programme.settings;
    const auto id = tx.exec_params1(
            "INSERT INTO programmes (slug, name, kind, template, default_language, settings) "
            "VALUES ($1, $2, $3, $4, $5, jsonb_build_object('exchange_min_days', $6::int, "
            "        'exchange_max_days', $7::int, 'suppression_threshold', $8::int, 'contact', $9::text, "
            "        'retention_days', $10::int)) "
            "RETURNING id",
            programme.slug, programme.name, std::string(domain::to_string(programme.kind)), template_key,
            settings.default_language, settings.exchange_min_days, settings.exchange_max_days,
            settings.suppression_threshold, settings.contact, settings.retention_days)[0]
        .as<std::int64_t>();
    set_programme_schedule(tx, id, settings.schedule);
    return id;
}

void set_programme_schedule(pqxx::transaction_base& tx, std::int64_t programme_id,
                            const domain::ScheduleSettings& schedule) {
    tx.exec_params(
        "UPDATE programmes SET settings = settings || jsonb_build_object('schedule', jsonb_build_object("
        "    'enabled', $2::bool, 'pre_days_before_start', $3::int, 'post_days_after_end', $4::int, "
        "    'reminder_after_days', $5::int, 'reminder_max', $6::int, 'close_wave_after_days', $7::int, "
        "    'invitation_valid_days', $8::int)) "
        "WHERE id = $1",
        programme_id, schedule.enabled, schedule.pre_days_before_start, schedule.post_days_after_end,
        schedule.reminder_after_days, schedule.reminder_max, schedule.close_wave_after_days,
        schedule.invitation_valid_days);
}

void set_programme_setting(pqxx::transaction_base& tx, std::int64_t programme_id, const std::string& name,
                           int value) {
    tx.exec_params("UPDATE programmes SET settings = settings || jsonb_build_object($2::text, $3::int) WHERE id = $1",
                   programme_id, name, value);
}

std::optional<StoredProgramme> find_programme(pqxx::transaction_base& tx, const std::string& slug) {
    const auto rows = tx.exec_params(std::string(kSelectProgramme) + "WHERE slug = $1", slug);
    if (rows.empty()) {
        return std::nullopt;
    }
    return programme_from_row(rows[0]);
}

std::optional<StoredProgramme> find_programme_by_id(pqxx::transaction_base& tx, std::int64_t id) {
    const auto rows = tx.exec_params(std::string(kSelectProgramme) + "WHERE id = $1", id);
    if (rows.empty()) {
        return std::nullopt;
    }
    return programme_from_row(rows[0]);
}

std::vector<StoredProgramme> list_programmes(pqxx::transaction_base& tx, std::int64_t after_id, std::int64_t limit) {
    const auto rows =
        tx.exec_params(std::string(kSelectProgramme) + "WHERE id > $1 ORDER BY id LIMIT $2", after_id, limit);
    return map_rows(rows, programme_from_row);
}

}  // namespace yardstick::sql
