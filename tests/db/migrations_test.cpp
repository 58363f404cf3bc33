#include "yardstick/sql/migrations.hpp"

#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "tests/support/scratch_database.hpp"
#include "yardstick/sql/connection.hpp"

namespace yardstick::sql {
namespace {

class MigrationsTest : public ::testing::Test {
protected:
    testing::ScratchDatabase database_;
    pqxx::connection connection_{database_.url()};

    long long count(const std::string& query) {
        pqxx::work tx(connection_);
        return tx.exec1(query)[0].as<long long>();
    }
};

std::vector<Migration> two_migrations() {
    return {{1, "first", "CREATE TABLE a (id int)", "c1"}, {2, "second", "CREATE TABLE b (id int)", "c2"}};
}

TEST_F(MigrationsTest, BundledMigrationsAreNumberedInOrderWithChecksums) {
    const auto& migrations = bundled_migrations();
    ASSERT_FALSE(migrations.empty());
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        EXPECT_EQ(migrations[i].number, static_cast<int>(i + 1));
        EXPECT_EQ(migrations[i].checksum.size(), 64u);
        EXPECT_FALSE(migrations[i].sql.empty());
    }
}

TEST_F(MigrationsTest, AnEmptyDatabaseHasEverythingPending) {
    const auto status = inspect_schema(connection_);
    EXPECT_TRUE(status.applied.empty());
    EXPECT_EQ(status.pending.size(), bundled_migrations().size());
    EXPECT_FALSE(status.current());
    EXPECT_FALSE(status.refuses_to_start());
}

TEST_F(MigrationsTest, AppliesInOrderAndRecordsChecksumsOnce) {
    const auto first = apply_migrations(connection_);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(first->size(), bundled_migrations().size());
    EXPECT_TRUE(inspect_schema(connection_).current());
    const auto again = apply_migrations(connection_);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->empty());
    EXPECT_EQ(count("SELECT count(*) FROM schema_migrations"), static_cast<long long>(bundled_migrations().size()));
    pqxx::work tx(connection_);
    EXPECT_EQ(tx.exec1("SELECT checksum FROM schema_migrations WHERE number = 1")[0].as<std::string>(),
              bundled_migrations().front().checksum);
}

TEST_F(MigrationsTest, AChangedFileIsRefused) {
    ASSERT_TRUE(apply_migrations(connection_, two_migrations()).ok());
    auto changed = two_migrations();
    changed[0].checksum = "different";
    const auto status = inspect_schema(connection_, changed);
    EXPECT_TRUE(status.refuses_to_start());
    EXPECT_NE(status.summary().find("changed"), std::string::npos);
    const auto result = apply_migrations(connection_, changed);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::failed_precondition);
}

TEST_F(MigrationsTest, ADatabaseAheadOfTheBinaryIsRefused) {
    ASSERT_TRUE(apply_migrations(connection_, two_migrations()).ok());
    auto older_binary = two_migrations();
    older_binary.pop_back();
    const auto status = inspect_schema(connection_, older_binary);
    EXPECT_TRUE(status.refuses_to_start());
    EXPECT_NE(status.summary().find("ahead of the binary"), std::string::npos);
    EXPECT_FALSE(apply_migrations(connection_, older_binary).ok());
}

TEST_F(MigrationsTest, AFailingMigrationLeavesEarlierOnesAndNothingOfItself) {
    std::vector<Migration> migrations = two_migrations();
    migrations.push_back({3, "broken", "CREATE TABLE c (id int); SELECT no_such_function()", "c3"});
    EXPECT_THROW((void)apply_migrations(connection_, migrations), pqxx::sql_error);
    EXPECT_EQ(count("SELECT count(*) FROM schema_migrations"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM pg_tables WHERE tablename = 'c'"), 0);
    const auto status = inspect_schema(connection_, migrations);
    EXPECT_EQ(status.pending, std::vector<int>{3});
}

TEST_F(MigrationsTest, TwoNodesMigratingAtOnceApplyEachFileOnce) {
    std::vector<std::string> failures(2);
    std::vector<std::thread> nodes;
    for (int i = 0; i < 2; ++i) {
        nodes.emplace_back([&, i] {
            try {
                pqxx::connection own(database_.url());
                auto result = apply_migrations(own);
                if (!result.ok()) {
                    failures[i] = result.error().message;
                }
            } catch (const std::exception& e) {
                failures[i] = e.what();
            }
        });
    }
    for (auto& node : nodes) {
        node.join();
    }
    EXPECT_EQ(failures[0], "");
    EXPECT_EQ(failures[1], "");
    EXPECT_TRUE(inspect_schema(connection_).current());
}

}  // namespace
}  // namespace yardstick::sql
