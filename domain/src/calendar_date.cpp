#include <array>
#include <cstddef>
#include <string>

#include "yardstick/domain/registry.hpp"

namespace yardstick::domain {

namespace {

bool is_leap_year(int year) noexcept {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) noexcept {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// The digits text[begin, begin + count) as a number, or -1 if any is not a digit.
int digits(std::string_view text, std::size_t begin, std::size_t count) noexcept {
    int value = 0;
    for (std::size_t i = begin; i < begin + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

Error bad_date(std::string message) {
    return Error{ErrorCode::invalid_argument, std::move(message), {}};
}

}  // namespace

Result<CalendarDate> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return bad_date("must be a date written YYYY-MM-DD");
    }
    const CalendarDate date{digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)};
    if (date.year < 0 || date.month < 0 || date.day < 0) {
        return bad_date("must be a date written YYYY-MM-DD");
    }
    if (date.year < 1) {
        return bad_date("year must be between 0001 and 9999");
    }
    if (date.month < 1 || date.month > 12) {
        return bad_date("month must be between 01 and 12");
    }
    if (date.day < 1 || date.day > days_in_month(date.year, date.month)) {
        return bad_date(std::string(text) + " does not exist");
    }
    return date;
}

std::string to_string(const CalendarDate& date) {
    // Zero-padded to a fixed width; values from parse_date have at most four digits a part.
    const auto padded = [](int value, std::size_t width) {
        std::string text = std::to_string(value);
        return text.size() < width ? std::string(width - text.size(), '0') + text : text;
    };
    return padded(date.year, 4) + "-" + padded(date.month, 2) + "-" + padded(date.day, 2);
}

std::int64_t days_from_civil(const CalendarDate& date) noexcept {
    // Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms",
    // days_from_civil: eras of 400 years (146097 days), years starting in March
    // so that the leap day is the last day of the year.
    const std::int64_t y = static_cast<std::int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;                          // [0, 399]
    const std::int64_t mp = (date.month + 9) % 12;                   // March = 0
    const std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;      // [0, 365]
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
    return era * 146097 + doe - 719468;                              // 1970-01-01 is day 0
}

std::int64_t days_between(const CalendarDate& a, const CalendarDate& b) noexcept {
    return days_from_civil(b) - days_from_civil(a);
}

}  // namespace yardstick::domain
