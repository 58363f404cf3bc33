// E-mail through SMTP (issue 9): the outbox's dispatcher delivers to a real
// SMTP server on loopback (tests/support/smtp_sink.py, Debian's aiosmtpd)
// with AUTH, retries a temporary failure with backoff, insists on STARTTLS
// when told to, and after a crash between the server's acceptance and the
// outbox's mark sends the message again as the same message: one distinct
// Message-ID per outbox message, the same bytes each time.

#include <csignal>
#include <map>
#include <set>
#include <string>

#include "tests/http/lifecycle_fixture.hpp"
#include "tests/support/shell_command.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;

// The lifecycle fixture with its e-mail going to an SMTP sink started with
// `sink_options`, and the server given `smtp_options` besides --smtp-url.
class SmtpTest : public LifecycleTest {
protected:
    void use_sink(const std::vector<std::string>& sink_options, std::vector<std::string> smtp_options) {
        sink_ = std::make_unique<RecordingSink>("smtp_sink.py", scratch_ / "sink", sink_options);
        // A fixed public URL, as in production: links and Message-IDs derive
        // from it, and a restarted test server gets another port.
        server_arguments_ = {"--sequencer-interval", "0.05", "--smtp-url", "smtp://" + sink_->address(), "--mail-retry-base", "0.2",
                             "--public-url", "https://yardstick.example"};
        server_arguments_.insert(server_arguments_.end(), smtp_options.begin(), smtp_options.end());
    }

    /// Matches the exchange and runs the scheduler: three pre-wave e-mails queued.
    void queue_three_mails() {
        ASSERT_EQ(transition(exchange_, "matched").result(), status::ok);
        ASSERT_EQ(actions(schedule(at_day(0)), "invite").size(), 3u);
    }

    /// Every outbox message's Message-ID, as the dispatcher makes it.
    std::set<std::string> outbox_message_ids() const {
        std::set<std::string> ids;
        pqxx::connection connection(database_.url());
        pqxx::read_transaction tx(connection);
        for (const auto& row : tx.exec("SELECT id FROM outbox_messages")) {
            ids.insert("<outbox-" + row[0].as<std::string>() + ".pilot@yardstick.example>");
        }
        return ids;
    }

    std::unique_ptr<RecordingSink> sink_;
};

class SmtpDelivery : public SmtpTest {
protected:
    SmtpDelivery() {
        use_sink({"--fail-first", "2", "--auth", "yardstick:s3cret"},
                 {"--smtp-starttls", "off", "--smtp-user", "yardstick", "--smtp-password", "s3cret"});
    }
};

TEST_F(SmtpDelivery, DeliversWithAuthAndRetriesATemporaryFailure) {
    queue_three_mails();
    const auto received = sink_->wait_received(3);
    ASSERT_EQ(received.size(), 3u);
    wait_until_outbox_empty();
    std::set<std::string> ids;
    for (const auto& message : received) {
        EXPECT_EQ(message["auth"], "yardstick") << message.dump();
        EXPECT_EQ(message["mail_from"], "yardstick@localhost");
        ids.insert(message["message_id"].get<std::string>());
    }
    EXPECT_EQ(ids, outbox_message_ids());
    // Two attempts were refused with 451 and tried again: five in all.
    EXPECT_EQ(count("SELECT sum(attempts) FROM outbox_messages"), 5);
    EXPECT_EQ(count("SELECT count(*) FROM outbox_messages WHERE status = 'sent' AND last_error IS NULL"), 3);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'message.sent'"), 3);
    const auto retried = server_->wait_for_log_line(
        [](const std::string& line) { return line.find("\"mail.retry\"") != std::string::npos; },
        std::chrono::seconds(1));
    ASSERT_TRUE(retried);
    EXPECT_NE(retried->find("451"), std::string::npos) << *retried;
    EXPECT_EQ(retried->find("@example.org"), std::string::npos) << "no address in the log";
}

class SmtpRequiringStartTls : public SmtpTest {
protected:
    SmtpRequiringStartTls() {
        const auto key = scratch_ / "sink.key";
        const auto certificate = scratch_ / "sink.crt";
        int code = -1;
        const auto out = shell("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
                               "-addext subjectAltName=IP:127.0.0.1 -keyout '" +
                                   key.string() + "' -out '" + certificate.string() + "'",
                               &code);
        EXPECT_EQ(code, 0) << out;
        use_sink({"--tls-cert", certificate.string(), "--tls-key", key.string()},
                 {"--smtp-starttls", "required", "--smtp-ca-file", certificate.string()});
    }
};

TEST_F(SmtpRequiringStartTls, SendsOnlyOverTls) {
    queue_three_mails();
    const auto received = sink_->wait_received(3);
    ASSERT_EQ(received.size(), 3u);
    for (const auto& message : received) {
        EXPECT_EQ(message["tls"], true) << message.dump();
    }
    wait_until_outbox_empty();
}

class SmtpWithoutStartTls : public SmtpTest {
protected:
    SmtpWithoutStartTls() { use_sink({}, {}); }  // STARTTLS required by default; the sink offers none
};

TEST_F(SmtpWithoutStartTls, RefusesToSendInClear) {
    queue_three_mails();
    const auto refused = server_->wait_for_log_line(
        [](const std::string& line) { return line.find("\"mail.retry\"") != std::string::npos; },
        std::chrono::seconds(10));
    ASSERT_TRUE(refused) << "the dispatcher did not try";
    EXPECT_TRUE(sink_->received().empty());
    EXPECT_EQ(count("SELECT count(*) FROM outbox_messages WHERE status = 'sent'"), 0);
    EXPECT_GE(count("SELECT max(attempts) FROM outbox_messages"), 1);
}

class SmtpCrash : public SmtpTest {
protected:
    SmtpCrash() { use_sink({"--hold-message", "1"}, {"--smtp-starttls", "off"}); }
};

TEST_F(SmtpCrash, ACrashBetweenSendAndMarkResendsTheSameMessage) {
    queue_three_mails();
    // The sink has the first message but holds back its 250: the server is
    // killed in the middle, with the message accepted and not yet marked.
    ASSERT_EQ(sink_->wait_received(1).size(), 1u);
    server_->send_signal(SIGKILL);
    ASSERT_TRUE(server_->wait_exit(std::chrono::seconds(10)));
    EXPECT_EQ(count("SELECT count(*) FROM outbox_messages WHERE status = 'sent'"), 0);

    // Another server on the same database takes over.
    auto arguments = server_arguments_;
    server_ = ServerProcess::serve({database_.url(), false, arguments});
    wait_until_outbox_empty();
    const auto received = sink_->wait_received(4);
    ASSERT_EQ(received.size(), 4u) << "three messages, the first one twice";
    std::map<std::string, std::set<std::string>> copies;  // Message-ID → digests of its copies
    for (const auto& message : received) {
        copies[message["message_id"].get<std::string>()].insert(message["sha256"].get<std::string>());
    }
    std::set<std::string> ids;
    for (const auto& [id, digests] : copies) {
        ids.insert(id);
        EXPECT_EQ(digests.size(), 1u) << id << " was sent twice with different content";
    }
    EXPECT_EQ(ids, outbox_message_ids()) << "one distinct Message-ID per outbox message";
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'message.sent'"), 3);
}

}  // namespace
}  // namespace yardstick::testing
