// A running server keeps the public order of the event log current: an
// event committed by anyone gets its sequence number within moments.

#include <pqxx/pqxx>

#include "tests/http/server_test.hpp"
#include "yardstick/sql/event_log.hpp"

namespace yardstick::testing {
namespace {

using namespace std::chrono_literals;

class EventSequencerTest : public ServerTest {};

std::int64_t sequenced_count(const std::string& url) {
    pqxx::connection connection(url);
    pqxx::work tx(connection);
    return tx.exec1("SELECT count(*) FROM event_order")[0].as<std::int64_t>();
}

TEST_F(EventSequencerTest, CommittedEventsGetTheirSequenceNumbersWithoutBeingAsked) {
    start_server({"--sequencer-interval", "0.05"});
    {
        pqxx::connection writer(database_.url());
        pqxx::work tx(writer);
        for (int i = 0; i < 3; ++i) {
            sql::append_event(tx, {std::nullopt, "programme.created", "system", "{}"});
        }
        tx.commit();
    }
    EXPECT_TRUE(wait_until([&] { return sequenced_count(database_.url()) == 3; }, 10s))
        << "the server did not sequence the committed events";
    pqxx::connection reader(database_.url());
    const auto events = sql::read_events(reader, 0, 10);
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events.back().seq, 3);
}

TEST_F(EventSequencerTest, ARolledBackEventIsNeverSequenced) {
    start_server({"--sequencer-interval", "0.05"});
    {
        pqxx::connection writer(database_.url());
        pqxx::work tx(writer);
        sql::append_event(tx, {std::nullopt, "programme.created", "system", "{}"});
        tx.abort();
        pqxx::work second(writer);
        sql::append_event(second, {std::nullopt, "organisation.registered", "system", "{}"});
        second.commit();
    }
    ASSERT_TRUE(wait_until([&] { return sequenced_count(database_.url()) == 1; }, 10s));
    pqxx::connection reader(database_.url());
    EXPECT_EQ(sql::read_events(reader, 0, 10).at(0).type, "organisation.registered");
}

}  // namespace
}  // namespace yardstick::testing
