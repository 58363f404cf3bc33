#include "server/json/schedule_json.hpp"

#include <algorithm>
#include <limits>
#include <string_view>

namespace yardstick::server::json {
namespace {

constexpr std::string_view kDays[] = {"post_days_after_end", "reminder_after_days", "reminder_max",
                                      "close_wave_after_days", "invitation_valid_days"};

int* member(domain::ScheduleSettings& schedule, std::string_view name) {
    if (name == "post_days_after_end") {
        return &schedule.post_days_after_end;
    }
    if (name == "reminder_after_days") {
        return &schedule.reminder_after_days;
    }
    if (name == "reminder_max") {
        return &schedule.reminder_max;
    }
    if (name == "close_wave_after_days") {
        return &schedule.close_wave_after_days;
    }
    return &schedule.invitation_valid_days;
}

bool is_int(const nlohmann::json& value) {
    return value.is_number_integer() && value.get<std::int64_t>() >= std::numeric_limits<int>::min() &&
           value.get<std::int64_t>() <= std::numeric_limits<int>::max();
}

}  // namespace

nlohmann::json schedule_to_json(const domain::ScheduleSettings& schedule) {
    return {{"enabled", schedule.enabled},
            {"pre_days_before_start",
             schedule.pre_days_before_start ? nlohmann::json(*schedule.pre_days_before_start) : nlohmann::json()},
            {"post_days_after_end", schedule.post_days_after_end},
            {"reminder_after_days", schedule.reminder_after_days},
            {"reminder_max", schedule.reminder_max},
            {"close_wave_after_days", schedule.close_wave_after_days},
            {"invitation_valid_days", schedule.invitation_valid_days}};
}

void read_schedule(const nlohmann::json& object, domain::ScheduleSettings& schedule, const std::string& prefix,
                   std::vector<FieldError>& errors) {
    if (!object.is_object()) {
        errors.push_back({prefix.empty() ? "schedule" : prefix.substr(0, prefix.size() - 1), "must be an object"});
        return;
    }
    for (const auto& [name, value] : object.items()) {
        const auto field = prefix + name;
        if (name == "enabled") {
            if (value.is_boolean()) {
                schedule.enabled = value.get<bool>();
            } else {
                errors.push_back({field, "must be true or false"});
            }
        } else if (name == "pre_days_before_start") {
            if (value.is_null()) {
                schedule.pre_days_before_start.reset();
            } else if (is_int(value)) {
                schedule.pre_days_before_start = value.get<int>();
            } else {
                errors.push_back({field, "must be a whole number of days, or null to invite on match"});
            }
        } else if (std::find(std::begin(kDays), std::end(kDays), name) != std::end(kDays)) {
            if (is_int(value)) {
                *member(schedule, name) = value.get<int>();
            } else {
                errors.push_back({field, "must be a whole number"});
            }
        } else {
            errors.push_back({field, "is not a known member"});
        }
    }
}

}  // namespace yardstick::server::json
