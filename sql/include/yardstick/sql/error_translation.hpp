#pragma once
// The one place where libpqxx exceptions become protocol-neutral errors.

#include <exception>

#include "yardstick/domain/result.hpp"

namespace yardstick::sql {

/// Maps an exception thrown by libpqxx (or anything else) to an Error:
/// unique_violation → already_exists; foreign-key, check and not-null
/// violations → failed_precondition; broken connections, statement timeouts,
/// serialization failures and deadlocks → unavailable (retrying may help);
/// anything else → internal, with the original text in `message` for the log.
Error translate_exception(std::exception_ptr error) noexcept;

/// True when the connection that threw `error` can no longer be trusted and
/// must be discarded.
bool is_connection_lost(std::exception_ptr error) noexcept;

}  // namespace yardstick::sql
