#include <string>

#include "registry_text.hpp"
#include "yardstick/domain/reference_data.hpp"
#include "yardstick/domain/registry.hpp"

namespace yardstick::domain {

namespace {

constexpr std::size_t kMaxEmailLength = 254;  // RFC 5321 path limit less the angle brackets
constexpr std::size_t kMaxLocalPartLength = 64;

Error unknown_value(std::string message) {
    return Error{ErrorCode::invalid_argument, std::move(message), {}};
}

}  // namespace

std::string_view to_string(SizeClass size) noexcept {
    switch (size) {
        case SizeClass::micro:
            return "micro";
        case SizeClass::small:
            return "small";
        case SizeClass::medium:
            return "medium";
        case SizeClass::large:
            return "large";
    }
    return "micro";
}

Result<SizeClass> parse_size_class(std::string_view text) {
    for (const auto size : {SizeClass::micro, SizeClass::small, SizeClass::medium, SizeClass::large}) {
        if (text == to_string(size)) {
            return size;
        }
    }
    return unknown_value("must be one of micro, small, medium, large");
}

Result<Organisation> register_organisation(const OrganisationDraft& draft) {
    registry_text::FieldErrors errors;
    const std::string_view name = registry_text::trim(draft.name);
    if (auto problem = registry_text::name_problem(name); !problem.empty()) {
        errors.add("name", std::move(problem));
    }
    if (find_country(draft.country) == nullptr) {
        errors.add("country", "not an ISO 3166-1 alpha-2 code (two upper-case letters, e.g. BE)");
    }
    if (find_nace(draft.sector) == nullptr) {
        errors.add("sector", "not a NACE Rev. 2 section (C) or division (C25)");
    }
    auto size = parse_size_class(draft.size);
    if (!size) {
        errors.add("size", size.error().message);
    }
    if (!errors.empty()) {
        return std::move(errors).to_error();
    }
    return Organisation{std::string(name), draft.country, draft.sector, *size};
}

std::string_view to_string(ParticipantRole role) noexcept {
    switch (role) {
        case ParticipantRole::employee:
            return "employee";
        case ParticipantRole::mentor:
            return "mentor";
        case ParticipantRole::contact:
            return "contact";
    }
    return "employee";
}

Result<ParticipantRole> parse_participant_role(std::string_view text) {
    for (const auto role : {ParticipantRole::employee, ParticipantRole::mentor, ParticipantRole::contact}) {
        if (text == to_string(role)) {
            return role;
        }
    }
    return unknown_value("must be one of employee, mentor, contact");
}

bool is_plausible_email(std::string_view email) noexcept {
    if (email.empty() || email.size() > kMaxEmailLength) {
        return false;
    }
    for (const char c : email) {
        // No whitespace, no control characters (header injection), no DEL.
        if (static_cast<unsigned char>(c) <= 0x20U || c == 0x7F) {
            return false;
        }
    }
    const auto at = email.find('@');
    if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    const std::string_view local = email.substr(0, at);
    const std::string_view domain = email.substr(at + 1);
    if (local.empty() || local.size() > kMaxLocalPartLength || domain.find('.') == std::string_view::npos) {
        return false;
    }
    // Every dot-separated label of the domain is non-empty: no "a@.b", "a@b.", "a@b..c".
    return domain.front() != '.' && domain.back() != '.' && domain.find("..") == std::string_view::npos;
}

Result<Participant> add_participant(const ParticipantDraft& draft) {
    registry_text::FieldErrors errors;
    if (draft.organisation_id <= 0) {
        errors.add("organisation_id", "must be the id of a registered organisation");
    }
    auto role = parse_participant_role(draft.role);
    if (!role) {
        errors.add("role", role.error().message);
    }
    const std::string_view name = registry_text::trim(draft.name);
    if (auto problem = registry_text::name_problem(name); !problem.empty()) {
        errors.add("name", std::move(problem));
    }
    const std::string_view email = registry_text::trim(draft.email);
    if (!is_plausible_email(email)) {
        errors.add("email",
                   "not a plausible e-mail address (one @, a domain with a dot, no spaces, at most 254 "
                   "characters)");
    }
    if (!is_supported_language(draft.language)) {
        errors.add("language", "must be one of en, fr, de, it");
    }
    if (!errors.empty()) {
        return std::move(errors).to_error();
    }
    return Participant{draft.organisation_id, *role, std::string(name), std::string(email), draft.language};
}

}  // namespace yardstick::domain
