// The public order of the event log has no gaps and never skips an event
// that commits late: readers of "after N" see every event exactly once.
#include <atomic>
#include <random>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "tests/support/scratch_database.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/migrations.hpp"

namespace yardstick::sql {
namespace {

class EventOrderTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(apply_migrations(connection_).ok()); }

    void append_committed(const std::string& type, std::optional<std::int64_t> programme = std::nullopt) {
        pqxx::connection writer(database_.url());
        pqxx::work tx(writer);
        append_event(tx, {programme, type, "system", R"({"k": 1})"});
        tx.commit();
    }

    // The horizon is cluster-wide: a transaction running in another
    // database (another test, in parallel) holds sequencing back until it
    // ends. Waits, with a deadline, until `expected` events are sequenced.
    std::int64_t sequence_all(std::int64_t expected) {
        std::int64_t total = 0;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (total < expected && std::chrono::steady_clock::now() < deadline) {
            total += sequence_committed_events(connection_);
            if (total < expected) {
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        }
        return total;
    }

    testing::ScratchDatabase database_;
    pqxx::connection connection_{database_.url()};
};

TEST_F(EventOrderTest, SequencesCommittedEventsWithoutGaps) {
    append_committed("programme.created", 1);
    append_committed("organisation.registered", 1);
    append_committed("programme.created", 2);
    EXPECT_EQ(sequence_all(3), 3);
    EXPECT_EQ(sequence_committed_events(connection_), 0);
    const auto events = read_events(connection_, 0, 100);
    ASSERT_EQ(events.size(), 3u);
    for (std::size_t i = 0; i < events.size(); ++i) {
        EXPECT_EQ(events[i].seq, static_cast<std::int64_t>(i + 1));
    }
    EXPECT_EQ(events[1].type, "organisation.registered");
    EXPECT_EQ(events[1].data_json, R"({"k": 1})");
    EXPECT_EQ(events[0].occurred_at.back(), 'Z');
    EXPECT_EQ(read_events(connection_, 1, 1).front().seq, 2);
    const auto second_programme = read_events(connection_, 0, 100, 2);
    ASSERT_EQ(second_programme.size(), 1u);
    EXPECT_EQ(second_programme[0].seq, 3);
}

TEST_F(EventOrderTest, AnEventThatCommitsLateIsNotSkipped) {
    // T1 starts writing first (its transaction id is older) but appends its
    // event after T2 has appended and committed one with a larger write id.
    pqxx::connection first(database_.url());
    pqxx::work t1(first);
    t1.exec("SELECT pg_current_xact_id()");  // T1 now holds the older transaction id
    append_committed("draft.saved");         // T2: commits first
    // T2's event must wait: exposing it now would let T1's later commit slip
    // in behind a reader's cursor.
    EXPECT_EQ(sequence_committed_events(connection_), 0);
    EXPECT_TRUE(read_events(connection_, 0, 100).empty());
    append_event(t1, {std::nullopt, "response.submitted", "system", "{}"});
    t1.commit();
    EXPECT_EQ(sequence_all(2), 2);
    const auto events = read_events(connection_, 0, 100);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].type, "response.submitted");  // the older transaction comes first
    EXPECT_EQ(events[1].type, "draft.saved");
}

TEST_F(EventOrderTest, ConcurrentWritersAndAReaderSeeEveryEventOnce) {
    constexpr int kWriters = 4;
    constexpr int kEventsPerWriter = 40;
    std::atomic<bool> writing{true};
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([this, w] {
            std::mt19937 random(static_cast<unsigned>(w));
            pqxx::connection writer(database_.url());
            for (int i = 0; i < kEventsPerWriter; ++i) {
                pqxx::work tx(writer);
                if (random() % 2 == 0) {
                    tx.exec("SELECT pg_current_xact_id()");  // take a transaction id early
                }
                std::this_thread::sleep_for(std::chrono::microseconds(random() % 2000));
                append_event(tx, {w + 1, "draft.saved", "system", "{}"});
                std::this_thread::sleep_for(std::chrono::microseconds(random() % 2000));
                if (random() % 10 == 0) {
                    tx.abort();  // rolled-back events never appear
                } else {
                    tx.commit();
                }
            }
        });
    }
    std::thread done_watcher([&] {
        for (auto& writer : writers) {
            writer.join();
        }
        writing = false;
    });

    // The reader follows the log with a cursor, as a consumer would.
    std::vector<std::int64_t> seen;
    std::int64_t cursor = 0;
    pqxx::connection reader(database_.url());
    auto follow = [&] {
        sequence_committed_events(reader, 7);
        for (const auto& event : read_events(reader, cursor, 1000)) {
            seen.push_back(event.seq);
            cursor = event.seq;
        }
    };
    while (writing) {
        follow();
    }
    done_watcher.join();
    std::int64_t committed = 0;
    {
        pqxx::work check(connection_);
        committed = check.exec1("SELECT count(*) FROM events")[0].as<std::int64_t>();
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (static_cast<std::int64_t>(seen.size()) < committed && std::chrono::steady_clock::now() < deadline) {
        follow();
    }

    ASSERT_EQ(static_cast<std::int64_t>(seen.size()), committed) << "the reader missed or repeated events";
    for (std::size_t i = 0; i < seen.size(); ++i) {
        ASSERT_EQ(seen[i], static_cast<std::int64_t>(i + 1)) << "gap or disorder at position " << i;
    }
    EXPECT_GT(committed, kWriters * kEventsPerWriter / 2);
}

}  // namespace
}  // namespace yardstick::sql
