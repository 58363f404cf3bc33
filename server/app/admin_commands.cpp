#include "server/app/admin_commands.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/demo/demo_loader.hpp"
#include "server/security/sealed_box.hpp"
#include "server/security/tokens.hpp"
#include "yardstick/domain/registry.hpp"
#include "yardstick/sql/error_translation.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/migrations.hpp"
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

int create_token_command(const sql::DatabaseSettings& database, const std::string& email, const std::string& role) {
    if (!domain::is_plausible_email(email) && !email.ends_with("@localhost")) {
        std::cerr << "yardstick token create: --user must be an e-mail address\n";
        return 2;
    }
    if (role != "admin" && role != "manager" && role != "auditor") {
        std::cerr << "yardstick token create: --role must be admin, manager or auditor\n";
        return 2;
    }
    try {
        auto connection = sql::open_connection(database);
        if (!schema_is_current(*connection, "token create")) {
            return 1;
        }
        const auto token = security::generate_token();
        pqxx::work tx(*connection);
        const auto ensured = sql::ensure_user(tx, email, role);
        if (ensured.created) {
            sql::append_event(tx, {std::nullopt, "user.created", "system:cli",
                                   nlohmann::json{{"user_id", ensured.user.id}, {"role", role}}.dump()});
        }
        const auto token_id = sql::insert_api_token(tx, ensured.user.id, security::token_digest(token));
        sql::append_event(tx, {std::nullopt, "token.created", "system:cli",
                               nlohmann::json{{"user_id", ensured.user.id}, {"token_id", token_id}}.dump()});
        tx.commit();
        std::cout << (ensured.created ? "created user " : "user ") << email << " (role " << ensured.user.role << ")\n";
        if (!ensured.created && ensured.user.role != role) {
            std::cerr << "yardstick token create: " << email << " already exists with role " << ensured.user.role
                      << "; the role was not changed\n";
        }
        std::cout << token << std::endl;
        return 0;
    } catch (...) {
        std::cerr << "yardstick token create: " << sql::translate_exception(std::current_exception()).message << "\n";
        return 1;
    }
}

int check_token_command(const sql::DatabaseSettings& database, const std::string& token) {
    try {
        auto connection = sql::open_connection(database);
        pqxx::read_transaction tx(*connection);
        const bool valid = security::is_well_formed_token(token) &&
                           sql::find_user_by_token(tx, security::token_digest(token)).has_value();
        std::cout << (valid ? "valid" : "invalid") << "\n";
        return valid ? 0 : 1;
    } catch (...) {
        std::cerr << "yardstick token check: " << sql::translate_exception(std::current_exception()).message << "\n";
        return 2;
    }
}

int load_demo_command(const sql::DatabaseSettings& database, const std::filesystem::path& sealing_key_file,
                      const std::string& public_url, const std::filesystem::path& links_file) {
    auto key = security::SealingKey::load_or_create(sealing_key_file);
    if (!key.ok()) {
        std::cerr << "yardstick demo load: " << key.error().message << "\n";
        return 1;
    }
    try {
        auto connection = sql::open_connection(database);
        if (!schema_is_current(*connection, "demo load")) {
            return 1;
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
                      << added.engagements << " engagements, " << added.invitations << " invitations\n";
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
