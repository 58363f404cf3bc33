// POST /api/v1/forms/{token}/submission: submitting and amending a response
// through a personal link, with Idempotency-Key, and closing a wave. A
// submission is all or nothing: an invalid one leaves no row and no event,
// and a retried one (same key, same body) is answered as before without a
// second version, even when the retries race each other.

#include <pqxx/pqxx>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <cstdint>
#include <functional>
#include <latch>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/http/exchange_fixture.hpp"

namespace yardstick::testing {
namespace {

using namespace std::chrono_literals;
using beast_http::status;
using beast_http::verb;

constexpr const char* kFreeText = "Our contact Jane Roe (jane@example.com) was superb";

// Every required question of mobilisesme-sending-post answered, plus
// optional ones, a free-text comment among them.
nlohmann::json complete_answers() {
    return {{"exchange_days", 30},
            {"matched_needs", 4},
            {"crossborder_business", 3},
            {"new_products_services", 2},
            {"skills_benefit_company", 5},
            {"benefits_observed", {"new_contacts", "digital_skills"}},
            {"would_participate_again", true},
            {"recommend", 8},
            {"comment", kFreeText}};
}

nlohmann::json submission(nlohmann::json answers, int consent_version = 1) {
    return {{"consent_version", consent_version}, {"answers", std::move(answers)}};
}

class SubmissionsApi : public SendingInvitationTest {
protected:
    HttpResponse submit(const nlohmann::json& body, const std::string& idempotency_key = {}) const {
        HeaderList headers{{"Content-Type", "application/json"}};
        if (!idempotency_key.empty()) {
            headers.emplace_back("Idempotency-Key", idempotency_key);
        }
        return request(port(), verb::post, "/api/v1/forms/" + token_ + "/submission", body.dump(), headers);
    }

    // Submits and returns the answer's body; the test fails unless 201.
    nlohmann::json submit_created(const nlohmann::json& body, const std::string& idempotency_key = {}) const {
        const auto response = submit(body, idempotency_key);
        EXPECT_EQ(response.result(), status::created) << response.body();
        const auto parsed = nlohmann::json::parse(response.body(), nullptr, false);
        return parsed.is_object() ? parsed : nlohmann::json::object();
    }

    // `clients` submissions of `body` through the link at the same moment,
    // each on a connection opened before the start; fails the test when one
    // could not be sent.
    std::vector<HttpResponse> submit_concurrently(int clients, const std::string& body,
                                                  const HeaderList& headers) const {
        std::vector<HttpResponse> responses(clients);
        std::vector<std::string> failures(clients);
        std::latch start(clients);
        std::vector<std::thread> threads;
        for (int i = 0; i < clients; ++i) {
            threads.emplace_back([&, i] {
                try {
                    HttpConnection connection(port());
                    start.arrive_and_wait();
                    responses[i] =
                        connection.request(verb::post, "/api/v1/forms/" + token_ + "/submission", body, headers);
                } catch (const std::exception& e) {
                    failures[i] = e.what();
                }
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
        for (int i = 0; i < clients; ++i) {
            EXPECT_TRUE(failures[i].empty()) << "client " << i << ": " << failures[i];
        }
        return responses;
    }

    HttpResponse get_form() const { return request(port(), verb::get, "/api/v1/forms/" + token_); }

    // Every event of the programme exposed so far, in order.
    std::vector<nlohmann::json> events() const {
        std::vector<nlohmann::json> all;
        for (std::int64_t after = 0;;) {
            const auto response = staff(verb::get, base_ + "/events?limit=1000&after=" + std::to_string(after));
            EXPECT_EQ(response.result(), status::ok) << response.body();
            const auto page = nlohmann::json::parse(response.body(), nullptr, false);
            if (!page.is_object() || page["events"].empty()) {
                return all;
            }
            for (const auto& event : page["events"]) {
                all.push_back(event);
            }
            after = page.value("next_after", after);
        }
    }

    std::vector<nlohmann::json> events_of_type(const std::string& type) const {
        std::vector<nlohmann::json> found;
        for (auto& event : events()) {
            if (event.value("type", "") == type) {
                found.push_back(std::move(event));
            }
        }
        return found;
    }

    // Waits until the events endpoint shows an event of `type` whose data
    // satisfies `matches` (any, if not given); returns the last such.
    nlohmann::json wait_for_event(const std::string& type,
                                  const std::function<bool(const nlohmann::json&)>& matches = {}) const {
        nlohmann::json found;
        const bool seen = wait_until(
            [&] {
                for (const auto& event : events_of_type(type)) {
                    if (!matches || matches(event["data"])) {
                        found = event;
                    }
                }
                return !found.is_null();
            },
            10s);
        EXPECT_TRUE(seen) << "no " << type << " event appeared";
        return found;
    }

    std::int64_t count_rows(const std::string& table) const {
        pqxx::connection connection(database_.url());
        pqxx::read_transaction tx(connection);
        return tx.exec1("SELECT count(*) FROM " + tx.quote_name(table))[0].as<std::int64_t>();
    }
};

TEST_F(SubmissionsApi, AValidSubmissionIs201WithVersion1) {
    const auto response = submit(submission(complete_answers()));
    ASSERT_EQ(response.result(), status::created) << response.body();
    const auto body = nlohmann::json::parse(response.body());
    EXPECT_GT(body.value("response_id", std::int64_t{0}), 0) << body.dump();
    EXPECT_EQ(body.value("version", 0), 1);
    EXPECT_FALSE(body.value("submitted_at", "").empty()) << body.dump();

    EXPECT_EQ(count_rows("responses"), 1);
    EXPECT_EQ(count_rows("response_versions"), 1);
    const auto form = nlohmann::json::parse(get_form().body());
    EXPECT_EQ(form.value("status", ""), "submitted");
    EXPECT_EQ(form["answers"], complete_answers());
}

TEST_F(SubmissionsApi, TheSubmittedEventCarriesTheAnswersButNoFreeText) {
    ASSERT_EQ(submit(submission(complete_answers())).result(), status::created);
    const auto event = wait_for_event("response.submitted");
    ASSERT_TRUE(event.is_object());
    const auto& data = event["data"];
    EXPECT_EQ(data.value("invitation_id", std::int64_t{0}), invitation_id_);
    EXPECT_EQ(data.value("version", 0), 1);
    EXPECT_EQ(data.value("wave", ""), "post");
    EXPECT_EQ(data.value("respondent", ""), "sending");
    EXPECT_EQ(data.value("consent_version", 0), 1);
    ASSERT_TRUE(data.contains("answers")) << data.dump();
    EXPECT_EQ(data["answers"].value("matched_needs", 0), 4);
    EXPECT_EQ(data["answers"].value("recommend", 0), 8);
    EXPECT_EQ(data["answers"].value("would_participate_again", false), true);
    EXPECT_EQ(data["answers"]["benefits_observed"], nlohmann::json({"new_contacts", "digital_skills"}));
    EXPECT_FALSE(data["answers"].contains("comment")) << data.dump();
    EXPECT_EQ(data["withheld"], nlohmann::json({"comment"}));
    EXPECT_EQ(event.dump().find("Jane Roe"), std::string::npos) << event.dump();
    EXPECT_EQ(event.value("actor", ""), "invitation:" + std::to_string(invitation_id_));
}

TEST_F(SubmissionsApi, AMissingOrOutdatedConsentIs422) {
    nlohmann::json body = {{"answers", complete_answers()}};
    auto problem = expect_problem(submit(body), status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "consent_version")) << problem.dump();

    problem = expect_problem(submit(submission(complete_answers(), 99)), status::unprocessable_entity,
                             "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "consent_version")) << problem.dump();
    EXPECT_EQ(count_rows("response_versions"), 0);
}

TEST_F(SubmissionsApi, AMissingRequiredAnswerIs422NamingTheQuestion) {
    auto answers = complete_answers();
    answers.erase("recommend");
    const auto problem =
        expect_problem(submit(submission(answers)), status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "recommend")) << problem.dump();
    EXPECT_FALSE(names_field(problem, "matched_needs")) << problem.dump();

    // The same answers make a perfectly good draft.
    const auto draft = request(port(), verb::put, "/api/v1/forms/" + token_ + "/draft",
                               nlohmann::json{{"answers", answers}}.dump(), {{"Content-Type", "application/json"}});
    EXPECT_EQ(draft.result(), status::ok) << draft.body();
}

TEST_F(SubmissionsApi, AnAnswerToAnIrrelevantQuestionIs422) {
    auto answers = complete_answers();
    // matched_needs_issue is asked only when matched_needs <= 2; here it is 4.
    answers["matched_needs_issue"] = "The timing";
    auto problem = expect_problem(submit(submission(answers)), status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "matched_needs_issue")) << problem.dump();

    // When it is relevant, the same answer is accepted.
    answers["matched_needs"] = 2;
    EXPECT_EQ(submit(submission(answers)).result(), status::created);
}

TEST_F(SubmissionsApi, AnInvalidSubmissionLeavesNoTrace) {
    ASSERT_EQ(get_form().result(), status::ok);
    wait_for_event("invitation.opened");
    const auto before = events();

    auto missing_required = complete_answers();
    missing_required.erase("matched_needs");
    auto out_of_range = complete_answers();
    out_of_range["recommend"] = 11;
    for (const auto& body : {submission(missing_required), submission(out_of_range), submission(complete_answers(), 99),
                             nlohmann::json{{"answers", complete_answers()}}}) {
        const auto response = submit(body, "retry-key-1");
        EXPECT_EQ(response.result(), status::unprocessable_entity) << body.dump() << ": " << response.body();
    }
    // A later change that does commit; once the sequencer exposed it, any
    // event of the refused submissions would have been exposed too.
    const auto draft = request(port(), verb::put, "/api/v1/forms/" + token_ + "/draft",
                               R"({"answers": {"matched_needs": 3}})", {{"Content-Type", "application/json"}});
    ASSERT_EQ(draft.result(), status::ok) << draft.body();
    wait_for_event("draft.saved");

    const auto after = events();
    ASSERT_EQ(after.size(), before.size() + 1) << nlohmann::json(after).dump();
    EXPECT_EQ(after.back().value("type", ""), "draft.saved");
    EXPECT_EQ(count_rows("responses"), 0);
    EXPECT_EQ(count_rows("response_versions"), 0);
    EXPECT_EQ(count_rows("idempotency_keys"), 0);

    // The key the refused attempts carried is still free for a valid submission.
    const auto accepted = submit(submission(complete_answers()), "retry-key-1");
    EXPECT_EQ(accepted.result(), status::created) << accepted.body();
}

TEST_F(SubmissionsApi, AmendingMakesVersion2) {
    const auto first = submit_created(submission(complete_answers()));
    auto amended_answers = complete_answers();
    amended_answers["recommend"] = 10;
    amended_answers.erase("comment");
    const auto second = submit_created(submission(amended_answers));
    EXPECT_EQ(second.value("response_id", std::int64_t{0}), first.value("response_id", std::int64_t{-1}));
    EXPECT_EQ(second.value("version", 0), 2);

    const auto event = wait_for_event("response.amended");
    EXPECT_EQ(event["data"].value("version", 0), 2);
    EXPECT_EQ(event["data"]["answers"].value("recommend", 0), 10);
    EXPECT_EQ(events_of_type("response.submitted").size(), 1u);

    const auto form = nlohmann::json::parse(get_form().body());
    EXPECT_EQ(form["answers"], amended_answers);
    EXPECT_EQ(form.value("status", ""), "submitted");
    ASSERT_TRUE(form.contains("response")) << form.dump();
    EXPECT_EQ(form["response"].value("version", 0), 2);
    EXPECT_EQ(count_rows("response_versions"), 2);
    EXPECT_EQ(count_rows("responses"), 1);
}

TEST_F(SubmissionsApi, TheSameIdempotencyKeyAndBodyAnswersAsBefore) {
    const auto body = submission(complete_answers());
    const auto first = submit(body, "key-A");
    ASSERT_EQ(first.result(), status::created) << first.body();
    const auto replay = submit(body, "key-A");
    ASSERT_EQ(replay.result(), status::created) << replay.body();
    EXPECT_EQ(nlohmann::json::parse(replay.body()), nlohmann::json::parse(first.body()));
    EXPECT_EQ(replay["Idempotent-Replayed"], "true");
    EXPECT_EQ(count_rows("response_versions"), 1);

    // The same body with its members in another order is the same request.
    const std::string reordered = R"({"answers": )" + complete_answers().dump() + R"(, "consent_version": 1})";
    const auto reordered_replay = request(port(), verb::post, "/api/v1/forms/" + token_ + "/submission", reordered,
                                          {{"Content-Type", "application/json"}, {"Idempotency-Key", "key-A"}});
    EXPECT_EQ(reordered_replay.result(), status::created) << reordered_replay.body();
    EXPECT_EQ(count_rows("response_versions"), 1);
}

TEST_F(SubmissionsApi, TheSameIdempotencyKeyWithAnotherBodyIs409) {
    ASSERT_EQ(submit(submission(complete_answers()), "key-B").result(), status::created);
    auto other = complete_answers();
    other["recommend"] = 2;
    expect_problem(submit(submission(other), "key-B"), status::conflict, "Conflict");
    EXPECT_EQ(count_rows("response_versions"), 1);
    // A new key for the new body is an amendment.
    EXPECT_EQ(submit_created(submission(other), "key-C").value("version", 0), 2);
}

TEST_F(SubmissionsApi, ConcurrentRetriesWithOneKeyMakeOneVersion) {
    constexpr int kClients = 8;
    // Opened first, as a participant's browser would: the first view's own
    // row update must not be what makes the retries take turns.
    ASSERT_EQ(get_form().result(), status::ok);
    const auto responses = submit_concurrently(kClients, submission(complete_answers()).dump(),
                                               {{"Content-Type", "application/json"}, {"Idempotency-Key", "race"}});
    std::string first_body;
    for (int i = 0; i < kClients; ++i) {
        EXPECT_EQ(responses[i].result(), status::created) << "client " << i << ": " << responses[i].body();
        const auto parsed = nlohmann::json::parse(responses[i].body(), nullptr, false);
        if (first_body.empty()) {
            first_body = parsed.dump();
        }
        EXPECT_EQ(parsed.dump(), first_body) << "client " << i;
    }
    EXPECT_EQ(count_rows("response_versions"), 1);
    EXPECT_EQ(count_rows("idempotency_keys"), 1);
}

TEST_F(SubmissionsApi, ConcurrentAmendmentsThroughOneLinkEachGetTheirOwnVersion) {
    // Submissions wait for each other in batches; two through one link
    // never share one, so every request is a version of its own.
    constexpr int kClients = 10;
    const auto responses =
        submit_concurrently(kClients, submission(complete_answers()).dump(), {{"Content-Type", "application/json"}});
    std::set<int> versions;
    for (int i = 0; i < kClients; ++i) {
        ASSERT_EQ(responses[i].result(), status::created) << "client " << i << ": " << responses[i].body();
        versions.insert(nlohmann::json::parse(responses[i].body()).value("version", 0));
    }
    EXPECT_EQ(versions.size(), static_cast<std::size_t>(kClients));
    EXPECT_EQ(*versions.begin(), 1);
    EXPECT_EQ(*versions.rbegin(), kClients);
    EXPECT_EQ(count_rows("response_versions"), kClients);
    wait_for_event("response.amended",
                   [&](const nlohmann::json& data) { return data.value("version", 0) == kClients; });
    EXPECT_EQ(events_of_type("response.submitted").size(), 1u);
    EXPECT_EQ(events_of_type("response.amended").size(), static_cast<std::size_t>(kClients - 1));
}

TEST_F(SubmissionsApi, AClosedWaveRefusesSubmissionsAndForms) {
    const auto closed = staff(verb::post, base_ + "/waves/post/close");
    ASSERT_EQ(closed.result(), status::ok) << closed.body();
    const auto closed_body = nlohmann::json::parse(closed.body());
    EXPECT_EQ(closed_body.value("wave", ""), "post");
    const auto closed_at = closed_body.value("closed_at", "");
    EXPECT_FALSE(closed_at.empty()) << closed_body.dump();

    expect_problem(submit(submission(complete_answers())), status::gone, "Gone");
    expect_problem(get_form(), status::gone, "Gone");
    EXPECT_EQ(count_rows("response_versions"), 0);

    const auto again = staff(verb::post, base_ + "/waves/post/close");
    ASSERT_EQ(again.result(), status::ok) << again.body();
    EXPECT_EQ(nlohmann::json::parse(again.body()).value("closed_at", ""), closed_at);
    // Once a later change is exposed, a second wave.closed would be too.
    const auto later = create(base_ + "/organisations",
                              {{"name", "Later Ltd"}, {"country", "IE"}, {"sector", "M70"}, {"size", "micro"}});
    wait_for_event("organisation.registered", [&](const nlohmann::json& data) {
        return data.value("organisation_id", std::int64_t{0}) == later.value("id", std::int64_t{-1});
    });
    EXPECT_EQ(events_of_type("wave.closed").size(), 1u) << "closing twice is one event";
}

}  // namespace
}  // namespace yardstick::testing

namespace yardstick::testing {
namespace {

// Many concurrent amendments through few links: the batch writer leaves a
// twin (a second submission through the same link) for the next batch and
// takes the submissions behind it. That once crashed the server (Boost
// 1.81's any_completion_handler move-assignment recursed; see
// SubmissionWriter::take_batch): every request must be answered 201 and the
// server must live.
TEST_F(ExchangeServerTest, ConcurrentAmendmentsThroughTheSameLinksAreAllWritten) {
    const std::vector<std::pair<std::string, nlohmann::json>> links = {
        {invite("employee", "pre"), employee_pre_answers()}, {invite("employee", "post"), employee_post_answers()}};
    constexpr int kThreads = 16;
    constexpr int kEach = 25;
    std::atomic<int> created{0};
    std::vector<std::string> failures;
    std::mutex failures_mutex;
    std::latch start(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            start.arrive_and_wait();
            for (int i = 0; i < kEach; ++i) {
                const auto& [token, answers] = links[static_cast<std::size_t>((t + i) % 2)];
                const nlohmann::json body = {{"consent_version", 1}, {"answers", answers}};
                try {
                    const auto response = request(port(), beast_http::verb::post, "/api/v1/forms/" + token + "/submission",
                                                  body.dump(), {{"Content-Type", "application/json"}});
                    if (response.result() == beast_http::status::created) {
                        ++created;
                        continue;
                    }
                    const std::lock_guard lock(failures_mutex);
                    failures.push_back(std::to_string(response.result_int()) + " " + response.body());
                } catch (const std::exception& e) {
                    const std::lock_guard lock(failures_mutex);
                    failures.push_back(e.what());
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(created.load(), kThreads * kEach) << (failures.empty() ? "" : failures.front());
    EXPECT_FALSE(server_->wait_exit(std::chrono::milliseconds(1))) << "the server died";
    EXPECT_EQ(count("SELECT count(*) FROM response_versions"), kThreads * kEach);
}

}  // namespace
}  // namespace yardstick::testing
