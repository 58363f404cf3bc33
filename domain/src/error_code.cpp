#include "yardstick/domain/result.hpp"

namespace yardstick {

std::string_view to_string(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::invalid_argument:
            return "invalid_argument";
        case ErrorCode::not_found:
            return "not_found";
        case ErrorCode::already_exists:
            return "already_exists";
        case ErrorCode::conflict:
            return "conflict";
        case ErrorCode::failed_precondition:
            return "failed_precondition";
        case ErrorCode::gone:
            return "gone";
        case ErrorCode::unauthenticated:
            return "unauthenticated";
        case ErrorCode::permission_denied:
            return "permission_denied";
        case ErrorCode::resource_exhausted:
            return "resource_exhausted";
        case ErrorCode::unavailable:
            return "unavailable";
        case ErrorCode::internal:
            return "internal";
    }
    return "internal";
}

}  // namespace yardstick
