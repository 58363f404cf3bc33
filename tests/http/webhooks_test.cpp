// Webhooks (issue 9): a programme's subscription to event types gets each
// matching event POSTed to its URL, signed (Yardstick-Signature: t=…,v1=
// HMAC-SHA-256 of "<t>.<body>" with the secret shown once), retried with
// backoff when the receiver fails, and listed in a delivery log; only the
// types asked for; deleting it stops it; bad subscriptions change nothing.

#include <openssl/hmac.h>

#include <cstdio>
#include <set>
#include <string>

#include "tests/http/exchange_fixture.hpp"
#include "tests/http/package_checks.hpp"
#include "tests/http/recording_sink.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;

// Hex HMAC-SHA-256, computed here with OpenSSL directly.
std::string hmac_hex(const std::string& key, const std::string& message) {
    unsigned char mac[32];
    unsigned int size = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
         message.size(), mac, &size);
    std::string hex;
    char two[3];
    for (unsigned i = 0; i < size; ++i) {
        std::snprintf(two, sizeof two, "%02x", mac[i]);
        hex += two;
    }
    return hex;
}

class Webhooks : public ExchangeServerTest {
protected:
    Webhooks() { server_arguments_ = {"--sequencer-interval", "0.05", "--webhook-retry-base", "0.2"}; }

    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ExchangeServerTest::SetUp());
        sink_ = std::make_unique<RecordingSink>("webhook_sink.py", scratch_ / "sink", sink_options_);
    }

    void TearDown() override {
        ExchangeServerTest::TearDown();
        server_.reset();
    }

    nlohmann::json subscribe(const nlohmann::json& events) {
        return create(base_ + "/webhooks", {{"url", "http://" + sink_->address() + "/hooks/yardstick"}, {"events", events}});
    }

    nlohmann::json deliveries(std::int64_t webhook) const {
        const auto response = staff(verb::get, base_ + "/webhooks/" + std::to_string(webhook) + "/deliveries");
        EXPECT_EQ(response.result(), status::ok) << response.body();
        return nlohmann::json::parse(response.body(), nullptr, false);
    }

    std::vector<std::string> sink_options_;
    Scratch scratch_;
    std::unique_ptr<RecordingSink> sink_;
};

TEST_F(Webhooks, MatchingEventsArriveSignedAndLogged) {
    const auto webhook = subscribe({"response.submitted"});
    const auto secret = webhook.value("secret", "");
    ASSERT_TRUE(secret.starts_with("whsec_")) << webhook.dump();
    const auto id = webhook.value("id", std::int64_t{0});
    // The secret is shown once: the list does not have it.
    const auto listed = staff(verb::get, base_ + "/webhooks");
    ASSERT_EQ(listed.result(), status::ok);
    EXPECT_EQ(listed.body().find(secret), std::string::npos);
    EXPECT_EQ(count("SELECT count(*) FROM webhooks WHERE position('" + secret + "' in encode(secret_sealed, 'escape')) > 0"),
              0)
        << "stored sealed, not in clear";

    submit(invite("employee", "pre"), employee_pre_answers());
    const auto received = sink_->wait_received(1);
    ASSERT_EQ(received.size(), 1u);
    const auto& request = received[0];
    EXPECT_EQ(request["path"], "/hooks/yardstick");
    const auto headers = request["headers"];
    EXPECT_EQ(headers["content-type"], "application/json");
    EXPECT_EQ(headers["yardstick-event"], "response.submitted");
    const auto signature = headers["yardstick-signature"].get<std::string>();
    const auto comma = signature.find(",v1=");
    ASSERT_TRUE(signature.starts_with("t=") && comma != std::string::npos) << signature;
    const auto t = signature.substr(2, comma - 2);
    const auto body = request["body"].get<std::string>();
    EXPECT_EQ(signature.substr(comma + 4), hmac_hex(secret, t + "." + body)) << "the signature verifies";
    EXPECT_EQ(signature.substr(comma + 4).find(hmac_hex("whsec_wrong", t + "." + body)), std::string::npos);
    EXPECT_LT(std::abs(std::stoll(t) - static_cast<long long>(std::time(nullptr))), 60);
    const auto payload = nlohmann::json::parse(body);
    EXPECT_EQ(payload["programme"], "pilot");
    EXPECT_EQ(payload["webhook_id"], id);
    EXPECT_EQ(payload["event"]["type"], "response.submitted");
    EXPECT_TRUE(payload["event"]["data"].contains("answers"));
    EXPECT_EQ(body.find("@example.org"), std::string::npos) << "events carry no addresses";

    // Only the type asked for: the invitation.issued before it was not sent.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(sink_->received().size(), 1u);
    const auto log = deliveries(id);
    ASSERT_EQ(log["items"].size(), 1u) << log.dump();
    EXPECT_EQ(log["items"][0]["status"], "delivered");
    EXPECT_EQ(log["items"][0]["last_status_code"], 204);
    EXPECT_EQ(log["items"][0]["event_type"], "response.submitted");
    EXPECT_EQ(log["items"][0]["event_seq"], payload["event"]["seq"]);
}

class FailingReceiver : public Webhooks {
protected:
    FailingReceiver() { sink_options_ = {"--fail-first", "2"}; }
};

TEST_F(FailingReceiver, ADeliveryIsRetriedUntilTheReceiverTakesIt) {
    const auto id = subscribe({"wave.closed"}).value("id", std::int64_t{0});
    const auto before = count("SELECT count(*) FROM webhook_deliveries");
    staff(verb::post, base_ + "/waves/post/close");  // one event: wave.closed
    const auto received = sink_->wait_received(3);
    ASSERT_GE(received.size(), 3u);
    EXPECT_EQ(received[0]["status"], 500);
    EXPECT_EQ(received[1]["status"], 500);
    EXPECT_EQ(received[2]["status"], 204);
    // The same delivery each time, each attempt signed at its own time.
    EXPECT_EQ(received[0]["body"], received[2]["body"]);
    EXPECT_EQ(received[0]["headers"]["yardstick-delivery"], received[2]["headers"]["yardstick-delivery"]);
    const auto log = deliveries(id);
    bool found = false;
    for (const auto& item : log["items"]) {
        if (item["event_type"] == "wave.closed") {
            found = true;
            EXPECT_EQ(item["status"], "delivered");
            EXPECT_EQ(item["attempts"], 3);
        }
    }
    EXPECT_TRUE(found) << log.dump();
    EXPECT_GT(count("SELECT count(*) FROM webhook_deliveries"), before);
}

TEST_F(Webhooks, AStarSubscriptionGetsEveryEventFromItsCreationOn) {
    subscribe({"*"});
    const auto received = sink_->wait_received(1);
    ASSERT_EQ(received.size(), 1u);
    // Its own creation is the first event after it; nothing from before.
    EXPECT_EQ(received[0]["headers"]["yardstick-event"], "webhook.created");
    submit(invite("employee", "pre"), employee_pre_answers());
    std::set<std::string> types;
    for (const auto& request : sink_->wait_received(4)) {
        types.insert(request["headers"]["yardstick-event"].get<std::string>());
    }
    EXPECT_TRUE(types.contains("invitation.issued") && types.contains("response.submitted")) << nlohmann::json(types);
    EXPECT_FALSE(types.contains("programme.created"));
}

TEST_F(Webhooks, ADeletedSubscriptionGetsNothingMore) {
    const auto id = subscribe({"response.submitted"}).value("id", std::int64_t{0});
    const auto deleted = staff(verb::delete_, base_ + "/webhooks/" + std::to_string(id));
    ASSERT_EQ(deleted.result(), status::no_content) << deleted.body();
    submit(invite("employee", "pre"), employee_pre_answers());
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_TRUE(sink_->received().empty());
    EXPECT_EQ(staff(verb::delete_, base_ + "/webhooks/" + std::to_string(id)).result(), status::not_found);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type IN ('webhook.created', 'webhook.deleted')"), 2);
}

TEST_F(Webhooks, BadSubscriptionsAreRefusedAndChangeNothing) {
    const auto events = count("SELECT count(*) FROM events");
    auto problem = expect_problem(
        staff(verb::post, base_ + "/webhooks", R"({"url": "ftp://example.org/x", "events": ["response.submitted"]})"),
        status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "url")) << problem.dump();
    problem = expect_problem(staff(verb::post, base_ + "/webhooks", R"({"url": "https://example.org/x", "events": []})"),
                             status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "events")) << problem.dump();
    problem = expect_problem(
        staff(verb::post, base_ + "/webhooks", R"({"url": "https://u:p@example.org/x", "events": ["Not A Type"]})"),
        status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "url") && names_field(problem, "events")) << problem.dump();
    EXPECT_EQ(count("SELECT count(*) FROM webhooks"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM events"), events);
    expect_problem(staff(verb::get, base_ + "/webhooks/99/deliveries"), status::not_found, "Not Found");
    const auto auditor = create_token("auditor", "auditor@example.org", "pilot");
    EXPECT_EQ(request(port(), verb::get, base_ + "/webhooks", {}, {{"Authorization", "Bearer " + auditor}}).result(),
              status::forbidden)
        << "an auditor does not see where the programme's events go";
}

}  // namespace
}  // namespace yardstick::testing
