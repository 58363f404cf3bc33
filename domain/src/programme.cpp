#include <string>

#include "registry_text.hpp"
#include "yardstick/domain/registry.hpp"
#include "yardstick/domain/lifecycle.hpp"

namespace yardstick::domain {

namespace {

constexpr std::size_t kMaxSlugLength = 64;

bool is_slug_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

}  // namespace

bool is_supported_language(std::string_view language) noexcept {
    return language == "en" || language == "fr" || language == "de" || language == "it";
}

bool is_valid_slug(std::string_view slug) noexcept {
    if (slug.empty() || slug.size() > kMaxSlugLength || slug.front() == '-' || slug.back() == '-') {
        return false;
    }
    char previous = 'a';
    for (const char c : slug) {
        // Hyphens separate non-empty runs of [a-z0-9]: no leading, trailing or double hyphen.
        if (c == '-' ? previous == '-' : !is_slug_char(c)) {
            return false;
        }
        previous = c;
    }
    return true;
}

std::string_view to_string(ProgrammeKind kind) noexcept {
    switch (kind) {
        case ProgrammeKind::exchange:
            return "exchange";
        case ProgrammeKind::mentoring:
            return "mentoring";
        case ProgrammeKind::skills_monitor:
            return "skills-monitor";
    }
    return "exchange";
}

Result<ProgrammeKind> parse_programme_kind(std::string_view text) {
    for (const auto kind : {ProgrammeKind::exchange, ProgrammeKind::mentoring, ProgrammeKind::skills_monitor}) {
        if (text == to_string(kind)) {
            return kind;
        }
    }
    return Error{ErrorCode::invalid_argument, "must be one of exchange, mentoring, skills-monitor", {}};
}

Status validate_programme(const Programme& programme) {
    registry_text::FieldErrors errors;
    if (!is_valid_slug(programme.slug)) {
        errors.add("slug",
                   "must be lower-case letters and digits in hyphen-separated words ([a-z0-9]+(-[a-z0-9]+)*), "
                   "at most 64 characters");
    }
    if (auto problem = registry_text::name_problem(registry_text::trim(programme.name)); !problem.empty()) {
        errors.add("name", std::move(problem));
    }
    const ProgrammeSettings& s = programme.settings;
    if (!is_supported_language(s.default_language)) {
        errors.add("default_language", "must be one of en, fr, de, it");
    }
    if (s.exchange_min_days < 1) {
        errors.add("exchange_min_days", "must be at least 1");
    }
    if (s.exchange_max_days < s.exchange_min_days || s.exchange_max_days < 1) {
        errors.add("exchange_max_days",
                   "must be at least exchange_min_days (" + std::to_string(s.exchange_min_days) + ") and at least 1");
    }
    if (s.suppression_threshold < 1) {
        errors.add("suppression_threshold", "must be at least 1");
    }
    if (s.retention_days < 0 || s.retention_days > kMaxRetentionDays) {
        errors.add("retention_days", "must be a whole number of days from 0 (keep) to " +
                                         std::to_string(kMaxRetentionDays));
    }
    if (auto schedule = validate_schedule(s.schedule); !schedule.ok()) {
        for (auto& wrong : schedule.error().fields) {
            errors.add(std::move(wrong.field), std::move(wrong.message));
        }
    }
    if (!errors.empty()) {
        return std::move(errors).to_error();
    }
    return {};
}

}  // namespace yardstick::domain
