#include "server/app/admin_commands.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/demo/demo_loader.hpp"
#include "server/security/passwords.hpp"
#include "server/security/master_key.hpp"
#include "server/security/tokens.hpp"
#include "server/privacy/identities.hpp"
#include "yardstick/domain/registry.hpp"
#include "yardstick/sql/error_translation.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/migrations.hpp"
#include "yardstick/sql/programmes.hpp"
#include "yardstick/sql/users.hpp"

namespace yardstick::server {
namespace {

// Refuses to work on a schema this binary does not match.
bool schema_is_current(pqxx::connection& connection, const char* command) {
    const auto status = sql::inspect_schema(connection);
    if (!status.current()) {
        std::cerr << "yardstick " << command << ": the database schema is not current (" << status.summary()
                  << "); run `yardstick migrate` first\n";
        return false;
    }
    return true;
}

// Writes `text` to `path` readable by the owner only, replacing it atomically.
void write_private_file(const std::filesystem::path& path, const std::string& text) {
    if (path.has_parent_path()) {
        std::filesystem::create_directories(path.parent_path());
    }
    const auto temporary = path.string() + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw std::runtime_error("cannot write " + temporary + ": " + std::strerror(errno));
    }
    ::fchmod(fd, 0600);  // an older file of that name may have had wider rights
    std::size_t written = 0;
    while (written < text.size()) {
        const auto n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            ::close(fd);
            throw std::runtime_error("cannot write " + temporary + ": " + std::strerror(errno));
        }
        written += static_cast<std::size_t>(n);
    }
    ::fsync(fd);
    ::close(fd);
    std::filesystem::rename(temporary, path);
}

}  // namespace

namespace {

// The user with `email` (created if missing, event user.created) holding
// `role` for `programme` (event role.granted when new). Writes a message and
// returns nullopt when the role and programme do not fit together.
std::optional<sql::EnsuredUser> ensure_user_with_role(pqxx::transaction_base& tx, const std::string& command,
                                                      const std::string& email, const std::string& role,
                                                      const std::string& programme_slug) {
    if (!domain::is_plausible_email(email) && !email.ends_with("@localhost")) {
        std::cerr << "yardstick " << command << ": the user must be an e-mail address\n";
        return std::nullopt;
    }
    const bool admin = role == "admin";
    if (admin != programme_slug.empty()) {
        std::cerr << "yardstick " << command << ": "
                  << (admin ? "an admin holds every programme: leave out --programme"
                            : "--programme is needed for the role " + role)
                  << "\n";
        return std::nullopt;
    }
    std::optional<std::int64_t> programme_id;
    if (!admin) {
        const auto programme = sql::find_programme(tx, programme_slug);
        if (!programme) {
            std::cerr << "yardstick " << command << ": there is no programme " << programme_slug << "\n";
            return std::nullopt;
        }
        programme_id = programme->id;
    }
    const auto ensured = sql::ensure_user(tx, email);
    if (ensured.created) {
        sql::append_event(
            tx, {std::nullopt, "user.created", "system:cli", nlohmann::json{{"user_id", ensured.user.id}}.dump()});
    }
    if (sql::grant_role(tx, ensured.user.id, role, programme_id)) {
        sql::append_event(tx, {programme_id, "role.granted", "system:cli",
                               nlohmann::json{{"user_id", ensured.user.id}, {"role", role}}.dump()});
    }
    return ensured;
}

void print_roles(const std::vector<sql::RoleGrant>& roles) {
    for (const auto& role : roles) {
        std::cout << " " << role.role << (role.programme_slug ? "@" + *role.programme_slug : "");
    }
}

// A password typed at a terminal (echo off), or a line of standard input.
std::string read_password() {
    const bool terminal = ::isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (terminal) {
        std::cerr << "Password: " << std::flush;
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string password;
    std::getline(std::cin, password);
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::cerr << "\n";
    }
    return password;
}

}  // namespace

int add_user_command(const sql::DatabaseSettings& database, const UserRequest& request) {
    auto password = request.password ? *request.password : read_password();
    auto hash = security::hash_password(password);
    std::fill(password.begin(), password.end(), '\0');
    if (!hash.ok()) {
        std::cerr << "yardstick user add: the password " << hash.error().fields.at(0).message << "\n";
        return 2;
    }
    try {
        auto connection = sql::open_connection(database);
        if (!schema_is_current(*connection, "user add")) {
            return 1;
        }
        pqxx::work tx(*connection);
        const auto ensured = ensure_user_with_role(tx, "user add", request.email, request.role, request.programme);
        if (!ensured) {
            return 2;
        }
        sql::set_password_hash(tx, ensured->user.id, *hash);
        sql::append_event(tx, {std::nullopt, "user.password_set", "system:cli",
                               nlohmann::json{{"user_id", ensured->user.id}}.dump()});
        const auto roles = sql::roles_of(tx, ensured->user.id);
        tx.commit();
        std::cout << (ensured->created ? "created user " : "user ") << request.email << ", roles:";
        print_roles(roles);
        std::cout << "\n";
        return 0;
    } catch (...) {
        std::cerr << "yardstick user add: " << sql::translate_exception(std::current_exception()).message << "\n";
        return 1;
    }
}

int list_users_command(const sql::DatabaseSettings& database) {
    try {
        auto connection = sql::open_connection(database);
        pqxx::read_transaction tx(*connection);
        for (const auto& summary : sql::list_users(tx)) {
            std::cout << summary.user.email << (summary.disabled ? " (disabled)" : "")
                      << (summary.has_password ? " password" : " no-password") << " tokens=" << summary.live_tokens
                      << " roles:";
            print_roles(summary.roles);
            std::cout << "\n";
        }
        return 0;
    } catch (...) {
        std::cerr << "yardstick user list: " << sql::translate_exception(std::current_exception()).message << "\n";
        return 1;
    }
}

int disable_user_command(const sql::DatabaseSettings& database, const std::string& email) {
    try {
        auto connection = sql::open_connection(database);
        pqxx::work tx(*connection);
        const bool disabled = sql::disable_user(tx, email);
        if (disabled) {
            sql::append_event(tx, {std::nullopt, "user.disabled", "system:cli", "{}"});
        }
        tx.commit();
        std::cout << (disabled ? "disabled " + email : "no such active user: " + email) << "\n";
        return disabled ? 0 : 1;
    } catch (...) {
        std::cerr << "yardstick user disable: " << sql::translate_exception(std::current_exception()).message << "\n";
        return 2;
    }
}

int create_token_command(const sql::DatabaseSettings& database, const TokenRequest& request) {
    try {
        auto connection = sql::open_connection(database);
        if (!schema_is_current(*connection, "token create")) {
            return 1;
        }
        const auto token = security::generate_token();
        pqxx::work tx(*connection);
        std::optional<sql::EnsuredUser> ensured;
        if (!request.role.empty()) {
            ensured = ensure_user_with_role(tx, "token create", request.email, request.role, request.programme);
        } else if (const auto existing = sql::find_active_user(tx, request.email)) {
            // The token acts with the roles the user holds (user add).
            ensured = sql::EnsuredUser{*existing, false};
        } else {
            std::cerr << "yardstick token create: there is no active user " << request.email
                      << ": add one with yardstick user add, or give --role\n";
        }
        if (!ensured) {
            return 2;
        }
        const auto token_id =
            sql::insert_api_token(tx, ensured->user.id, security::token_digest(token), request.scopes);
        sql::append_event(
            tx,
            {std::nullopt, "token.created", "system:cli",
             nlohmann::json{{"user_id", ensured->user.id}, {"token_id", token_id}, {"scopes", request.scopes}}.dump()});
        const auto roles = sql::roles_of(tx, ensured->user.id);
        tx.commit();
        std::cout << (ensured->created ? "created user " : "user ") << request.email << ", roles:";
        print_roles(roles);
        std::cout << "\n" << token << std::endl;
        return 0;
    } catch (...) {
        std::cerr << "yardstick token create: " << sql::translate_exception(std::current_exception()).message << "\n";
        return 1;
    }
}

int check_token_command(const sql::DatabaseSettings& database, const std::string& token) {
    try {
        auto connection = sql::open_connection(database);
        pqxx::work tx(*connection);
        const bool valid = security::is_well_formed_token(token) &&
                           sql::find_token_holder(tx, security::token_digest(token)).has_value();
        tx.commit();
        std::cout << (valid ? "valid" : "invalid") << "\n";
        return valid ? 0 : 1;
    } catch (...) {
        std::cerr << "yardstick token check: " << sql::translate_exception(std::current_exception()).message << "\n";
        return 2;
    }
}

int revoke_token_command(const sql::DatabaseSettings& database, const std::string& token, std::int64_t token_id) {
    try {
        auto connection = sql::open_connection(database);
        pqxx::work tx(*connection);
        const bool revoked =
            token_id > 0 ? sql::revoke_token_by_id(tx, token_id)
                         : security::is_well_formed_token(token) && sql::revoke_token(tx, security::token_digest(token));
        if (revoked) {
            const auto data = token_id > 0 ? nlohmann::json{{"token_id", token_id}} : nlohmann::json::object();
            sql::append_event(tx, {std::nullopt, "token.revoked", "system:cli", data.dump()});
        }
        tx.commit();
        std::cout << (revoked ? "revoked" : "no such token (or revoked already)") << "\n";
        return revoked ? 0 : 1;
    } catch (...) {
        std::cerr << "yardstick token revoke: " << sql::translate_exception(std::current_exception()).message << "\n";
        return 2;
    }
}

int list_tokens_command(const sql::DatabaseSettings& database, const std::string& email) {
    try {
        auto connection = sql::open_connection(database);
        pqxx::read_transaction tx(*connection);
        const auto tokens =
            sql::list_tokens(tx, email.empty() ? std::nullopt : std::optional<std::string>(email));
        for (const auto& token : tokens) {
            std::string scopes;
            for (const auto& scope : token.scopes) {
                scopes += (scopes.empty() ? "" : ",") + scope;
            }
            std::cout << token.id << " " << token.email << " scopes=" << scopes << " created=" << token.created_at
                      << " last_used=" << token.last_used_at.value_or("never")
                      << (token.revoked_at ? " revoked=" + *token.revoked_at : std::string(" live")) << "\n";
        }
        return 0;
    } catch (...) {
        std::cerr << "yardstick token list: " << sql::translate_exception(std::current_exception()).message << "\n";
        return 2;
    }
}

int load_demo_command(const sql::DatabaseSettings& database, const std::filesystem::path& master_key_file,
                      const std::string& public_url, const std::filesystem::path& links_file) {
    auto key = security::MasterKey::load_or_create(master_key_file);
    if (!key.ok()) {
        std::cerr << "yardstick demo load: " << key.error().message << "\n";
        return 1;
    }
    try {
        auto connection = sql::open_connection(database);
        if (!schema_is_current(*connection, "demo load")) {
            return 1;
        }
        {
            pqxx::work tx(*connection);
            if (auto checked = privacy::check_master_key(tx, key.value(), master_key_file.string()); !checked.ok()) {
                std::cerr << "yardstick demo load: " << checked.error().message << "\n";
                return 1;
            }
            tx.commit();
        }
        std::string base = public_url;
        while (base.ends_with('/')) {
            base.pop_back();
        }
        collection::InstrumentCache instruments;
        const auto report = demo::load_demo_programmes(*connection, {&key.value(), base}, instruments);
        for (const auto& added : report.added) {
            std::cout << added.programme << ": " << (added.programme_created ? "created; " : "") << "added "
                      << added.organisations << " organisations, " << added.participants << " participants, "
                      << added.engagements << " engagements, " << added.invitations << " invitations, "
                      << added.responses << " responses, " << added.drafts << " drafts\n";
        }
        std::string lines = "# programme\tengagement\trespondent\twave\turl\n";
        for (const auto& link : report.links) {
            lines += link.programme + "\t" + link.engagement + "\t" + link.respondent + "\t" + link.wave + "\t" +
                     link.url + "\n";
        }
        write_private_file(links_file, lines);
        // A few to click: the first engagement of each programme.
        std::cout << "sample form links (all " << report.links.size() << " in " << links_file.string() << "):\n";
        std::map<std::string, std::string> first_engagement;
        for (const auto& link : report.links) {
            const auto [it, inserted] = first_engagement.emplace(link.programme, link.engagement);
            if (inserted || it->second == link.engagement) {
                std::cout << "  " << link.programme << " " << link.engagement << " " << link.respondent << " "
                          << link.wave << ": " << link.url << "\n";
            }
        }
        return 0;
    } catch (...) {
        std::cerr << "yardstick demo load: " << sql::translate_exception(std::current_exception()).message << "\n";
        return 1;
    }
}

}  // namespace yardstick::server
