// The tamper-evident chain over the event log against a real PostgreSQL:
// every sequenced event is sealed, the chain verifies, and a row changed,
// removed or moved directly in the database (as a superuser could, with
// triggers and foreign keys off) is found at its place. A head published
// earlier stays checkable.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "tests/support/scratch_database.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/event_seals.hpp"
#include "yardstick/sql/migrations.hpp"

namespace yardstick::sql {
namespace {

class EventSealsTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(apply_migrations(connection_).ok()); }

    /// Appends `count` events (of two programmes and none) and waits until
    /// all are sequenced; the sequencer waits for older transactions of the
    /// whole cluster (tests run in parallel).
    void append_and_sequence(int count) {
        {
            pqxx::work tx(connection_);
            for (int i = 0; i < count; ++i) {
                const auto programme = i % 3 == 0 ? std::nullopt : std::optional<std::int64_t>(i % 3);
                append_event(tx, {programme, "response.submitted", "invitation:" + std::to_string(i),
                                  R"({"answers": {"recommend": )" + std::to_string(i % 11) +
                                      R"(, "note": "Zürich → ☕"}, "weights": [1.5, 2e-3], "n": )" + std::to_string(i) +
                                      "}"});
            }
            tx.commit();
        }
        appended_ += count;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (count_of("SELECT count(*) FROM event_order") < appended_ &&
               std::chrono::steady_clock::now() < deadline) {
            sequence_committed_events(connection_);
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ASSERT_EQ(count_of("SELECT count(*) FROM event_order"), appended_);
    }

    std::int64_t count_of(const std::string& query) {
        pqxx::nontransaction tx(connection_);
        return tx.exec1(query)[0].as<std::int64_t>();
    }

    /// Runs `statements` as a superuser that has turned triggers and
    /// foreign keys off: what an attacker with the database's keys can do.
    void tamper(const std::string& statements) {
        pqxx::work tx(connection_);
        tx.exec0("SET LOCAL session_replication_role = replica");
        tx.exec0(statements);
        tx.commit();
    }

    std::int64_t event_id_at(std::int64_t seq) {
        return count_of("SELECT event_id FROM event_order WHERE seq = " + std::to_string(seq));
    }

    testing::ScratchDatabase database_;
    pqxx::connection connection_{database_.url()};
    std::int64_t appended_ = 0;
};

TEST_F(EventSealsTest, SealsEverySequencedEventAndVerifies) {
    append_and_sequence(25);
    EXPECT_EQ(count_of("SELECT count(*) FROM event_seals"), 25);
    const auto verdict = verify_event_chain(connection_);
    EXPECT_TRUE(verdict.ok) << verdict.reason;
    EXPECT_EQ(verdict.events, 25);
    EXPECT_EQ(verdict.head.seq, 25);
    pqxx::read_transaction tx(connection_);
    EXPECT_EQ(verdict.head, chain_head_at(tx, 25));
}

TEST_F(EventSealsTest, TheChainIsTheHashOfTheCanonicalBytesInOrder) {
    append_and_sequence(3);
    std::string previous(64, '0');
    for (const auto& event : read_events(connection_, 0, 10)) {
        previous = chain_hash(previous, canonical_event_bytes(event));
        pqxx::read_transaction tx(connection_);
        EXPECT_EQ(chain_head_at(tx, event.seq).hash, previous) << "at " << event.seq;
    }
    const auto first = read_events(connection_, 0, 1).at(0);
    EXPECT_EQ(canonical_event_bytes(first),
              R"({"actor":"invitation:0","data":{"answers":{"note":"Zürich → ☕","recommend":0},"n":0,)"
              R"("weights":[1.5,0.002]},"occurred_at":")" +
                  first.occurred_at + R"(","programme_id":null,"seq":1,"type":"response.submitted"})");
}

TEST_F(EventSealsTest, FindsAChangedEvent) {
    append_and_sequence(20);
    tamper("UPDATE events SET data = jsonb_set(data, '{answers,recommend}', '10') WHERE id = " +
           std::to_string(event_id_at(12)));
    const auto verdict = verify_event_chain(connection_);
    EXPECT_FALSE(verdict.ok);
    EXPECT_EQ(verdict.first_bad_seq, 12);
    EXPECT_NE(verdict.reason.find("does not match its seal"), std::string::npos) << verdict.reason;
}

TEST_F(EventSealsTest, FindsAChangedActorOrTime) {
    append_and_sequence(5);
    tamper("UPDATE events SET occurred_at = occurred_at + interval '1 microsecond' WHERE id = " +
           std::to_string(event_id_at(4)));
    EXPECT_EQ(verify_event_chain(connection_).first_bad_seq, 4);
}

TEST_F(EventSealsTest, FindsARemovedEvent) {
    append_and_sequence(20);
    const auto id = event_id_at(7);
    tamper("DELETE FROM event_seals WHERE seq = 7; DELETE FROM event_order WHERE seq = 7; DELETE FROM events WHERE id = " +
           std::to_string(id));
    const auto verdict = verify_event_chain(connection_);
    EXPECT_FALSE(verdict.ok);
    EXPECT_EQ(verdict.first_bad_seq, 7);
}

TEST_F(EventSealsTest, FindsARemovedEventWhoseOrderRowStayed) {
    append_and_sequence(10);
    tamper("DELETE FROM events WHERE id = " + std::to_string(event_id_at(3)));
    const auto verdict = verify_event_chain(connection_);
    EXPECT_FALSE(verdict.ok);
    EXPECT_EQ(verdict.first_bad_seq, 3);
}

TEST_F(EventSealsTest, APublishedHeadFindsARemovalCoveredByRenumberingAndResealing) {
    append_and_sequence(10);
    const auto published = verify_event_chain(connection_).head;
    const auto id = event_id_at(5);
    tamper("DELETE FROM event_seals WHERE seq >= 5; DELETE FROM event_order WHERE seq = 5; "
           "DELETE FROM events WHERE id = " + std::to_string(id) +
           "; UPDATE event_order SET seq = seq - 1 WHERE seq > 5;");
    sequence_committed_events(connection_);  // seals the renumbered rows again
    EXPECT_TRUE(verify_event_chain(connection_).ok) << "consistent with itself";
    const auto verdict = verify_event_chain(connection_, published);
    EXPECT_FALSE(verdict.ok);
    EXPECT_EQ(verdict.first_bad_seq, 10) << "the published head is past the rewritten chain's end";
}

TEST_F(EventSealsTest, FindsReorderedEvents) {
    append_and_sequence(10);
    const auto a = event_id_at(3);
    const auto b = event_id_at(8);
    tamper("UPDATE event_order SET event_id = -1 WHERE seq = 3; UPDATE event_order SET event_id = " +
           std::to_string(a) + " WHERE seq = 8; UPDATE event_order SET event_id = " + std::to_string(b) +
           " WHERE seq = 3;");
    const auto verdict = verify_event_chain(connection_);
    EXPECT_FALSE(verdict.ok);
    EXPECT_EQ(verdict.first_bad_seq, 3);
}

TEST_F(EventSealsTest, FindsAChangedSeal) {
    append_and_sequence(6);
    tamper("UPDATE event_seals SET hash = sha256('forged') WHERE seq = 6");
    EXPECT_EQ(verify_event_chain(connection_).first_bad_seq, 6);
}

TEST_F(EventSealsTest, ChecksAPublishedHead) {
    append_and_sequence(8);
    const auto published = verify_event_chain(connection_).head;
    append_and_sequence(8);
    EXPECT_TRUE(verify_event_chain(connection_, published).ok);

    auto wrong = published;
    wrong.hash[0] = wrong.hash[0] == 'a' ? 'b' : 'a';
    const auto verdict = verify_event_chain(connection_, wrong);
    EXPECT_FALSE(verdict.ok);
    EXPECT_EQ(verdict.first_bad_seq, published.seq);

    const ChainHead beyond{100, published.hash};
    EXPECT_FALSE(verify_event_chain(connection_, beyond).ok);
}

TEST_F(EventSealsTest, APublishedHeadFindsARewrittenChain) {
    append_and_sequence(10);
    const auto published = verify_event_chain(connection_).head;
    // Rewrite an event and every seal from it on, consistently.
    tamper("UPDATE events SET actor = 'system' WHERE id = " + std::to_string(event_id_at(4)) +
           "; DELETE FROM event_seals WHERE seq >= 4;");
    sequence_committed_events(connection_);
    EXPECT_TRUE(verify_event_chain(connection_).ok) << "consistent with itself";
    const auto verdict = verify_event_chain(connection_, published);
    EXPECT_FALSE(verdict.ok);
    EXPECT_EQ(verdict.first_bad_seq, published.seq);
}

TEST_F(EventSealsTest, SealsEventsSequencedBeforeSealsExisted) {
    append_and_sequence(30);
    const auto sealed = verify_event_chain(connection_).head;
    tamper("DELETE FROM event_seals");
    ASSERT_EQ(count_of("SELECT count(*) FROM event_seals"), 0);
    EXPECT_TRUE(verify_event_chain(connection_).ok) << "nothing sealed yet is not a break";
    EXPECT_EQ(sequence_committed_events(connection_, 20), 20) << "a batch at a time";
    EXPECT_EQ(sequence_committed_events(connection_, 20), 10);
    const auto verdict = verify_event_chain(connection_);
    EXPECT_TRUE(verdict.ok) << verdict.reason;
    EXPECT_EQ(verdict.head, sealed);
}

TEST_F(EventSealsTest, AMissingSealBeforeSealedEventsIsABreak) {
    append_and_sequence(10);
    tamper("DELETE FROM event_seals WHERE seq = 5");
    const auto verdict = verify_event_chain(connection_);
    EXPECT_FALSE(verdict.ok);
    EXPECT_EQ(verdict.first_bad_seq, 5);
}

}  // namespace
}  // namespace yardstick::sql
