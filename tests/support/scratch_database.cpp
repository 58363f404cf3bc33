#include "tests/support/scratch_database.hpp"

#include <unistd.h>
#include <atomic>
#include <cstdlib>

#include <pqxx/pqxx>

namespace yardstick::testing {
namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

}  // namespace

std::string admin_database_url() {
    if (auto url = env("YARDSTICK_TEST_DATABASE_URL"); !url.empty()) {
        return url;
    }
    return url_for_database(env("PGDATABASE").empty() ? "postgres" : env("PGDATABASE"));
}

std::string url_for_database(const std::string& database) {
    if (auto url = env("YARDSTICK_TEST_DATABASE_URL"); !url.empty()) {
        return url + " dbname=" + database;
    }
    // Spelled out rather than left to libpq's defaults, so that a child
    // process (the server under test) gets exactly this database.
    std::string url = "dbname=" + database;
    for (const auto& [key, variable] : {std::pair{"host", "PGHOST"}, std::pair{"port", "PGPORT"},
                                        std::pair{"user", "PGUSER"}, std::pair{"password", "PGPASSWORD"}}) {
        if (auto value = env(variable); !value.empty()) {
            url += std::string(" ") + key + "=" + value;
        }
    }
    return url;
}

ScratchDatabase::ScratchDatabase() {
    static std::atomic<int> counter{0};
    name_ = "yardstick_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    pqxx::connection admin(admin_database_url());
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name_));
    tx.exec("CREATE DATABASE " + tx.quote_name(name_));
    url_ = url_for_database(name_);
}

ScratchDatabase::~ScratchDatabase() {
    try {
        pqxx::connection admin(admin_database_url());
        pqxx::nontransaction tx(admin);
        tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name_) + " WITH (FORCE)");
    } catch (...) {
        // The throwaway cluster is removed after the run anyway.
    }
}

}  // namespace yardstick::testing
