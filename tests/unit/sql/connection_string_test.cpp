#include "yardstick/sql/connection.hpp"

#include <gtest/gtest.h>

namespace yardstick::sql {
namespace {

TEST(ConnectionString, AddsSessionSettingsToKeyValueForm) {
    DatabaseSettings settings;
    settings.url = "host=/tmp port=5432 dbname=yardstick";
    settings.statement_timeout = std::chrono::milliseconds(2500);
    EXPECT_EQ(effective_connection_string(settings),
              "host=/tmp port=5432 dbname=yardstick options='-c statement_timeout=2500' connect_timeout=5 "
              "application_name='yardstick'");
}

TEST(ConnectionString, AddsSessionSettingsToUrlForm) {
    DatabaseSettings settings;
    settings.url = "postgresql://u@localhost/db?sslmode=disable";
    EXPECT_EQ(effective_connection_string(settings),
              "postgresql://u@localhost/db?sslmode=disable&options=-c%20statement_timeout%3D10000"
              "&connect_timeout=5&application_name=yardstick");
    settings.url = "postgres://localhost/db";
    EXPECT_EQ(effective_connection_string(settings).substr(0, 32), "postgres://localhost/db?options=");
}

TEST(ConnectionString, EmptyUrlKeepsLibpqDefaults) {
    DatabaseSettings settings;
    EXPECT_EQ(effective_connection_string(settings).rfind("options=", 0), 0u);
}

}  // namespace
}  // namespace yardstick::sql
