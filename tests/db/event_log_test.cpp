// The event log is append-only in the database itself, not only in code.
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "tests/support/scratch_database.hpp"
#include "yardstick/sql/migrations.hpp"

namespace yardstick::sql {
namespace {

class EventLogTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(apply_migrations(connection_).ok());
        pqxx::work tx(connection_);
        tx.exec("INSERT INTO events (type, actor, data) VALUES ('programme.created', 'system', '{\"id\": 1}')");
        tx.commit();
    }

    testing::ScratchDatabase database_;
    pqxx::connection connection_{database_.url()};
};

TEST_F(EventLogTest, AppendsWithASequenceAndTheWritingTransaction) {
    pqxx::work tx(connection_);
    const auto row = tx.exec1("SELECT id, type, txid IS NOT NULL FROM events");
    EXPECT_EQ(row[0].as<long long>(), 1);
    EXPECT_EQ(row[1].as<std::string>(), "programme.created");
    EXPECT_TRUE(row[2].as<bool>());
}

TEST_F(EventLogTest, RejectsUpdate) {
    pqxx::work tx(connection_);
    EXPECT_THROW(tx.exec("UPDATE events SET actor = 'someone else'"), pqxx::insufficient_privilege);
}

TEST_F(EventLogTest, RejectsDelete) {
    pqxx::work tx(connection_);
    EXPECT_THROW(tx.exec("DELETE FROM events"), pqxx::insufficient_privilege);
}

TEST_F(EventLogTest, RejectsTruncate) {
    pqxx::work tx(connection_);
    EXPECT_THROW(tx.exec("TRUNCATE events, event_order, event_seals"), pqxx::insufficient_privilege);
}

TEST_F(EventLogTest, RejectsMalformedEventTypes) {
    pqxx::work tx(connection_);
    EXPECT_THROW(tx.exec("INSERT INTO events (type, actor) VALUES ('Created', 'system')"), pqxx::check_violation);
}

}  // namespace
}  // namespace yardstick::sql
