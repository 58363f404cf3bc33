#pragma once
// Administrative subcommands that talk to the database directly (no server
// needed): creating staff tokens and loading the demo programmes.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "yardstick/sql/connection.hpp"

namespace yardstick::server {

/// `yardstick token create --user EMAIL --role ROLE`: creates the user if
/// missing and a new bearer token, and prints the token alone on the last
/// line of stdout. Returns the exit code.
struct TokenRequest {
    std::string email;
    /// Empty: the token acts with the roles the user already holds (the user
    /// must exist). Else granted first: admin, manager, auditor, identity-export.
    std::string role;
    std::string programme;  ///< slug; required for every role but admin
    std::vector<std::string> scopes = {"read", "write", "export"};
};

/// `yardstick token create`: a new token with the scopes for the user (who,
/// with a role, is created if missing and gets the role); prints the token
/// alone on the last line.
int create_token_command(const sql::DatabaseSettings& database, const TokenRequest& request);

struct UserRequest {
    std::string email;
    std::string role = "admin";
    std::string programme;                ///< slug; required for every role but admin
    std::optional<std::string> password;  ///< none: asked for (terminal, echo off) or read from stdin
};

/// `yardstick user add`: creates the user if missing, grants the role and
/// sets the password (Argon2id). Running it again adds a role.
int add_user_command(const sql::DatabaseSettings& database, const UserRequest& request);

/// `yardstick user list`: every user with state, live tokens and roles.
int list_users_command(const sql::DatabaseSettings& database);

/// `yardstick user disable`: their tokens stop working. 0 done, 1 no such active user.
int disable_user_command(const sql::DatabaseSettings& database, const std::string& email);

/// `yardstick token revoke`, by the token itself or by its id (from
/// `token list`; 0 = not given): 0 revoked, 1 no such (live) token, 2 failure.
int revoke_token_command(const sql::DatabaseSettings& database, const std::string& token, std::int64_t token_id);

/// `yardstick token list [--user E]`: one line per token with its id, user,
/// scopes, creation, last use and revocation (never the token itself).
int list_tokens_command(const sql::DatabaseSettings& database, const std::string& email);

/// `yardstick token check --token T`: prints "valid" (exit 0) when the token
/// belongs to a user and is not revoked, else "invalid" (exit 1).
int check_token_command(const sql::DatabaseSettings& database, const std::string& token);

/// `yardstick demo load`: loads the demo programmes (adding only what is
/// missing), writes every demo link to `links_file` (mode 0600) and prints a
/// summary with sample links. Returns the exit code.
int load_demo_command(const sql::DatabaseSettings& database, const std::filesystem::path& master_key_file,
                      const std::string& public_url, const std::filesystem::path& links_file);

}  // namespace yardstick::server
