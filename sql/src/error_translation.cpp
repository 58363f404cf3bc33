#include "yardstick/sql/error_translation.hpp"

#include <string>

#include <pqxx/except>

namespace yardstick::sql {
namespace {

// SQLSTATE class 57 (operator intervention: query_canceled on statement
// timeout, admin_shutdown, …) and 08 (connection exception) mean "try again".
bool is_transient_sqlstate(const std::string& state) {
    return state.starts_with("57") || state.starts_with("08") || state == "55P03" /* lock_not_available */;
}

// A unique violation the use case's own check did not catch (two requests
// raced). The client gets a plain sentence and, for keys it chose, the
// field; PostgreSQL's text (constraint names, key values) stays out of it.
Error duplicate_error(const std::string& what) {
    Error error{ErrorCode::already_exists, "The same thing was just created by another request.", {}};
    const auto start = what.find("constraint \"");
    const auto end = start == std::string::npos ? start : what.find('"', start + 12);
    const auto constraint = end == std::string::npos ? std::string() : what.substr(start + 12, end - start - 12);
    if (constraint.ends_with("_reference_key")) {
        error.fields.push_back({"reference", "is taken in this programme"});
    } else if (constraint == "programmes_slug_key") {
        error.fields.push_back({"slug", "is taken"});
    } else if (constraint == "invitations_engagement_id_respondent_wave_key") {
        error.message = "This engagement already has an invitation for this respondent and wave.";
    }
    return error;
}

}  // namespace

Error translate_exception(std::exception_ptr error) noexcept {
    try {
        try {
            std::rethrow_exception(error);
        } catch (const pqxx::broken_connection& e) {
            return Error{ErrorCode::unavailable, std::string("database connection lost: ") + e.what(), {}};
        } catch (const pqxx::unique_violation& e) {
            return duplicate_error(e.what());
        } catch (const pqxx::integrity_constraint_violation& e) {
            return Error{ErrorCode::failed_precondition, e.what(), {}};
        } catch (const pqxx::transaction_rollback& e) {
            return Error{ErrorCode::unavailable, std::string("transaction rolled back: ") + e.what(), {}};
        } catch (const pqxx::in_doubt_error& e) {
            return Error{ErrorCode::internal, std::string("commit outcome unknown: ") + e.what(), {}};
        } catch (const pqxx::sql_error& e) {
            if (is_transient_sqlstate(e.sqlstate())) {
                return Error{ErrorCode::unavailable, e.what(), {}};
            }
            return Error{ErrorCode::internal, e.what(), {}};
        } catch (const std::exception& e) {
            return Error{ErrorCode::internal, e.what(), {}};
        } catch (...) {
            return Error{ErrorCode::internal, "unknown exception", {}};
        }
    } catch (...) {
        // Building the message itself failed (out of memory).
        return Error{ErrorCode::internal, {}, {}};
    }
}

bool is_connection_lost(std::exception_ptr error) noexcept {
    try {
        std::rethrow_exception(error);
    } catch (const pqxx::broken_connection&) {
        return true;
    } catch (const pqxx::in_doubt_error&) {
        return true;
    } catch (const pqxx::sql_error& e) {
        return e.sqlstate().starts_with("08") || e.sqlstate() == "57P01" || e.sqlstate() == "57P02" ||
               e.sqlstate() == "57P03";
    } catch (...) {
        return false;
    }
}

}  // namespace yardstick::sql
