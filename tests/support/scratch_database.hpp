#pragma once
// A fresh, empty database per test suite on the PostgreSQL server the tests
// were given (libpq's PG* environment, as pg_virtualenv sets it, or
// YARDSTICK_TEST_DATABASE_URL), dropped again afterwards.

#include <string>

namespace yardstick::testing {

/// Connection string of the server's maintenance database.
std::string admin_database_url();

/// `admin_url` with its database name replaced by `database`.
std::string url_for_database(const std::string& database);

class ScratchDatabase {
public:
    ScratchDatabase();
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    const std::string& name() const { return name_; }
    /// A key=value connection string for the scratch database.
    const std::string& url() const { return url_; }

private:
    std::string name_;
    std::string url_;
};

}  // namespace yardstick::testing
