#pragma once
// Errors as data. The core (domain, evaluation, sql) reports failures as an
// Error with a protocol-neutral ErrorCode; only server/ maps codes to HTTP.
// GCC 12 has no std::expected in C++20, hence this small Result<T>.

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace yardstick {

/// A small set of codes with precise meanings (after absl::StatusCode).
enum class ErrorCode {
    invalid_argument,     ///< the caller sent something malformed or invalid; `fields` says what
    not_found,            ///< the object does not exist (or the caller may not know it does)
    already_exists,       ///< a unique thing would be created twice
    conflict,             ///< the request contradicts earlier state (e.g. idempotency key reuse)
    failed_precondition,  ///< the system is not in a state where this can happen
    gone,                 ///< existed, but is no longer available (expired, closed)
    unauthenticated,      ///< no or bad credentials
    permission_denied,    ///< authenticated, but not allowed
    resource_exhausted,   ///< a limit was hit (rate, queue, size)
    unavailable,          ///< a dependency (the database) cannot be reached now; retrying may help
    internal,             ///< a bug or an unexpected failure; details belong in the log only
};

/// Stable lower-case name of a code, e.g. "invalid_argument".
std::string_view to_string(ErrorCode code) noexcept;

/// One invalid input field: `field` names it as the caller spelled it.
struct FieldError {
    std::string field;
    std::string message;

    friend bool operator==(const FieldError&, const FieldError&) = default;
};

/// A failure: a code, a human-readable message, and for invalid_argument the
/// fields that are wrong.
struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string message;
    std::vector<FieldError> fields;

    static Error invalid(std::string field, std::string message) {
        Error e{ErrorCode::invalid_argument, message, {}};
        e.fields.push_back({std::move(field), std::move(message)});
        return e;
    }
};

/// Either a value or an Error.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    /// Precondition: ok().
    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    /// Precondition: !ok().
    const Error& error() const& { return std::get<1>(state_); }
    Error&& error() && { return std::get<1>(std::move(state_)); }

private:
    std::variant<T, Error> state_;
};

/// Success without a value, or an Error.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)

    bool ok() const noexcept { return ok_; }
    explicit operator bool() const noexcept { return ok_; }
    const Error& error() const& { return error_; }
    Error&& error() && { return std::move(error_); }

private:
    Error error_;
    bool ok_ = true;
};

using Status = Result<void>;

}  // namespace yardstick
