// Readiness follows the database: /readyz says 503 while the database is
// gone or behind the binary, and `serve` refuses a database it must not
// touch (ahead of the binary, or with a changed migration).

#include <pqxx/pqxx>

#include "tests/http/server_test.hpp"
#include "tests/support/throwaway_cluster.hpp"
#include "yardstick/sql/migrations.hpp"

namespace yardstick::testing {
namespace {

using beast_http::field;
using beast_http::status;
using beast_http::verb;

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) {
        text += line + "\n";
    }
    return text;
}

TEST(ReadinessTest, ReadyzTurns503WhenTheDatabaseStopsAnd200WhenItIsBack) {
    ThrowawayCluster cluster;
    const auto server = ServerProcess::serve({cluster.url(), true, {}});
    ASSERT_EQ(request(server->port(), verb::get, "/readyz").result(), status::ok) << server->transcript();

    cluster.stop();
    const auto down = request(server->port(), verb::get, "/readyz");
    const auto body = expect_problem(down, status::service_unavailable, "Service Unavailable");
    EXPECT_NE(body.value("detail", "").find("database"), std::string::npos) << body.dump();
    EXPECT_FALSE(down[field::retry_after].empty());
    // libpq's own text (socket paths, hosts) stays in the log.
    EXPECT_EQ(body.value("detail", "").find("socket"), std::string::npos) << body.dump();
    // Liveness does not depend on the database.
    EXPECT_EQ(request(server->port(), verb::get, "/healthz").result(), status::ok);

    cluster.start();
    // The pool may still hold connections from before the restart; each is
    // found broken once and then reopened.
    const bool ready_again =
        wait_until([&] { return request(server->port(), verb::get, "/readyz").result() == status::ok; }, 15s);
    EXPECT_TRUE(ready_again) << server->transcript();
}

TEST(ReadinessTest, ReadyzIs503WhileMigrationsArePending) {
    ScratchDatabase database;
    const auto server = ServerProcess::serve({database.url(), false, {}});
    const auto response = request(server->port(), verb::get, "/readyz");
    const auto body = expect_problem(response, status::service_unavailable, "Service Unavailable");
    EXPECT_NE(body.value("detail", "").find("migration"), std::string::npos) << body.dump();

    // `yardstick migrate` from outside makes the running server ready.
    ServerProcess migrate({"migrate", "--database-url", database.url()});
    ASSERT_EQ(migrate.wait_exit(20s), 0) << migrate.transcript();
    EXPECT_EQ(request(server->port(), verb::get, "/readyz").result(), status::ok);
}

class RefusalTest : public ::testing::Test {
protected:
    void SetUp() override {
        pqxx::connection connection(database_.url());
        ASSERT_TRUE(sql::apply_migrations(connection).ok());
    }

    void execute(const std::string& statement) {
        pqxx::connection connection(database_.url());
        pqxx::work tx(connection);
        tx.exec0(statement);
        tx.commit();
    }

    // Starts `serve` (with and without --migrate) and expects it to refuse:
    // exit code 1, never listening, and a message on stderr containing `reason`.
    void expect_refusal(const std::string& reason) {
        for (const bool migrate : {false, true}) {
            SCOPED_TRACE(migrate ? "serve --migrate" : "serve");
            ServerProcess server(serve_arguments({database_.url(), migrate, {}}));
            EXPECT_EQ(server.wait_exit(20s), 1) << server.transcript();
            const auto errors = joined(server.error_lines());
            EXPECT_NE(errors.find("refusing to start"), std::string::npos) << errors;
            EXPECT_NE(errors.find(reason), std::string::npos) << errors;
            for (const auto& line : server.log_lines()) {
                EXPECT_EQ(line.find("server.listening"), std::string::npos) << line;
            }
        }
    }

    ScratchDatabase database_;
};

TEST_F(RefusalTest, ServeRefusesADatabaseAheadOfTheBinary) {
    execute("INSERT INTO schema_migrations (number, name, checksum) VALUES (9999, 'from_the_future', 'abc')");
    expect_refusal("9999");
}

TEST_F(RefusalTest, ServeRefusesAnAppliedMigrationThatChanged) {
    execute("UPDATE schema_migrations SET checksum = 'x' WHERE number = 1");
    expect_refusal("changed");
}

}  // namespace
}  // namespace yardstick::testing
