// The lifecycle of a MobiliseSME exchange in simulated time (issue 9):
// matched → pre-wave invitations e-mailed → reminders to those who did not
// answer → started → ended → post-wave invitations → reminders → waves
// closed, each step an event, each e-mail written once (--mail-dir), the
// scheduler's clock given by `yardstick schedule --at`.

#include <algorithm>
#include <set>
#include <string>

#include <pqxx/pqxx>

#include "tests/http/lifecycle_fixture.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;

// The token at the end of the personal link in an e-mail's body.
std::string token_in(const Mail& mail) {
    const auto at = mail.body.find("/f/");
    if (at == std::string::npos) {
        return {};
    }
    return mail.body.substr(at + 3, 43);
}

TEST_F(LifecycleTest, WholeLifecycleOfAnExchangeInSimulatedTime) {
    // Day 0: planned — nothing is due, for this exchange or the cancelled one.
    EXPECT_TRUE(schedule(at_day(0))["actions"].empty());
    ASSERT_EQ(transition(exchange_, "started").result(), status::conflict) << "no start before matching";
    ASSERT_EQ(transition(exchange_, "completed").result(), status::conflict) << "no completion before start";
    ASSERT_EQ(transition(exchange_, "matched").result(), status::ok);

    // Matched: the three pre-wave links, issued at the scheduler's time, and
    // their e-mails in each person's language.
    const auto matched = schedule(at_day(0));
    ASSERT_EQ(actions(matched, "invite").size(), 3u) << matched.dump();
    EXPECT_EQ(count("SELECT count(*) FROM invitations WHERE wave = 'pre' AND issued_by = 'scheduler' AND "
                    "issued_at = '" + at_day(0) + "'::timestamptz"),
              3);
    auto mails = wait_for_mail(3);
    ASSERT_EQ(mails.size(), 3u);
    std::set<std::string> recipients;
    std::string employee_token;
    for (const auto& [name, mail] : mails) {
        const auto& to = mail.headers.at("To");
        recipients.insert(to.substr(to.find('<')));
        EXPECT_EQ(name, mail.headers.at("Message-ID").substr(1, mail.headers.at("Message-ID").size() - 2) + ".eml");
        EXPECT_NE(mail.body.find("Sam Example"), std::string::npos) << mail.body;
        EXPECT_TRUE(mail.headers.at("Date").ends_with(" 09:00:00 +0000")) << "the scheduler's time: " << mail.raw;
        if (to.find("luc@example.org") != std::string::npos) {
            EXPECT_NE(mail.body.find("Votre lien personnel"), std::string::npos) << "French for Luc: " << mail.body;
            employee_token = token_in(mail);
        }
        if (to.find("jonas@example.org") != std::string::npos) {
            EXPECT_NE(mail.body.find("Ihr persönlicher Link"), std::string::npos) << "German for Jonas: " << mail.body;
        }
    }
    EXPECT_EQ(recipients, (std::set<std::string>{"<claire@example.org>", "<jonas@example.org>", "<luc@example.org>"}));
    ASSERT_EQ(employee_token.size(), 43u);
    // The link in the e-mail is the participant's form.
    EXPECT_EQ(request(port(), verb::get, "/api/v1/forms/" + employee_token).result(), status::ok);
    EXPECT_TRUE(schedule(at_day(0))["actions"].empty()) << "a second pass at the same time does nothing";

    // The employee answers; seven days on, the two companies are reminded.
    submit(employee_token, employee_pre_answers());
    EXPECT_TRUE(schedule(at_day(6))["actions"].empty());
    const auto first_reminders = schedule(at_day(7));
    ASSERT_EQ(actions(first_reminders, "remind").size(), 2u) << first_reminders.dump();
    EXPECT_EQ(actions(schedule(at_day(14)), "remind").size(), 2u) << "the second reminder, seven days later";
    EXPECT_TRUE(actions(schedule(at_day(21)), "remind").empty()) << "at most two";
    mails = wait_for_mail(7);
    ASSERT_EQ(mails.size(), 7u);
    std::size_t reminders = 0;
    for (const auto& [name, mail] : mails) {
        const auto id = mail.headers.at("X-Yardstick-Outbox-Id");
        if (count("SELECT count(*) FROM outbox_messages WHERE kind = 'reminder' AND id = " + id) == 1) {
            ++reminders;
            EXPECT_EQ(mail.headers.at("To").find("luc@example.org"), std::string::npos)
                << "no reminder for someone who answered";
        }
    }
    EXPECT_EQ(reminders, 4u);

    // Started, then ended on day 39: the post wave is due two days later.
    ASSERT_EQ(transition(exchange_, "started").result(), status::ok);
    // The pre wave's last link is 40 days old and nobody can join it any
    // more (the exchange started): closed.
    const auto day40 = schedule(at_day(40));
    EXPECT_TRUE(actions(day40, "invite").empty()) << day40.dump();
    ASSERT_EQ(actions(day40, "close_wave").size(), 1u) << day40.dump();
    EXPECT_EQ(actions(day40, "close_wave")[0]["wave"], "pre");
    const auto post = schedule(at_day(41));
    ASSERT_EQ(actions(post, "invite").size(), 3u) << post.dump();
    for (const auto& invite : actions(post, "invite")) {
        EXPECT_EQ(invite["wave"], "post");
    }
    ASSERT_EQ(transition(exchange_, "completed").result(), status::ok);

    // Post-wave reminders at days 48 and 55; the post wave closes 30 days
    // after its last link (day 71), at the scheduler's time.
    EXPECT_EQ(actions(schedule(at_day(48)), "remind").size(), 3u);
    EXPECT_EQ(actions(schedule(at_day(55)), "remind").size(), 3u);
    EXPECT_TRUE(schedule(at_day(70))["actions"].empty());
    const auto closing = schedule(at_day(71));
    ASSERT_EQ(actions(closing, "close_wave").size(), 1u) << closing.dump();
    EXPECT_EQ(count("SELECT count(*) FROM wave_closures WHERE wave = 'post' AND closed_by = 'scheduler' AND "
                    "closed_at = '" + at_day(71) + "'::timestamptz"),
              1);
    EXPECT_TRUE(schedule(at_day(90))["actions"].empty()) << "nothing left to do";

    // 3 + 4 pre reminders + 3 post + 6 post reminders: each message once.
    wait_until_outbox_empty();
    mails = wait_for_mail(16);
    EXPECT_EQ(mails.size(), 16u);
    EXPECT_EQ(count("SELECT count(*) FROM outbox_messages WHERE status = 'sent'"), 16);
    EXPECT_EQ(count("SELECT count(DISTINCT id) FROM outbox_messages"), 16);

    // Every action is an event, by the scheduler or the dispatcher.
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'invitation.issued' AND actor = 'scheduler'"), 6);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'invitation.reminded' AND actor = 'scheduler'"), 10);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'message.queued' AND actor = 'scheduler'"), 16);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'message.sent' AND actor = 'dispatcher'"), 16);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'wave.closed' AND actor = 'scheduler'"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'engagement.status_changed' AND "
                    "(data->>'engagement_id')::bigint = " + std::to_string(exchange_)),
              3);
    // Events carry ids, never an address.
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE data::text LIKE '%@example.org%'"), 0);
}

TEST_F(LifecycleTest, ADryRunShowsThePassAndChangesNothing) {
    ASSERT_EQ(transition(exchange_, "matched").result(), status::ok);
    const auto events = count("SELECT count(*) FROM events");
    const auto plan = schedule(at_day(0), true);
    EXPECT_EQ(plan["dry_run"], true);
    EXPECT_EQ(actions(plan, "invite").size(), 3u) << plan.dump();
    EXPECT_EQ(count("SELECT count(*) FROM invitations"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM outbox_messages"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM events"), events);
}

TEST_F(LifecycleTest, PreInvitationsDaysBeforeTheStartWhenTheProgrammeSaysSo) {
    const auto set = staff(verb::patch, base_, R"({"schedule": {"pre_days_before_start": 7}})");
    ASSERT_EQ(set.result(), status::ok) << set.body();
    EXPECT_EQ(nlohmann::json::parse(set.body())["settings"]["schedule"]["pre_days_before_start"], 7);
    ASSERT_EQ(transition(exchange_, "matched").result(), status::ok);
    EXPECT_TRUE(actions(schedule(at_day(2)), "invite").empty()) << "starts on day 10: not before day 3";
    EXPECT_EQ(actions(schedule(at_day(3)), "invite").size(), 3u);
}

TEST_F(LifecycleTest, CancellingStopsPendingInvitationsAndReminders) {
    ASSERT_EQ(transition(exchange_, "matched").result(), status::ok);
    ASSERT_EQ(actions(schedule(at_day(0)), "invite").size(), 3u);
    const auto mails = wait_for_mail(3);
    ASSERT_EQ(mails.size(), 3u);
    const auto token = token_in(mails.begin()->second);
    ASSERT_EQ(request(port(), verb::get, "/api/v1/forms/" + token).result(), status::ok);

    const auto cancelled = transition(exchange_, "cancelled");
    ASSERT_EQ(cancelled.result(), status::ok) << cancelled.body();
    EXPECT_EQ(nlohmann::json::parse(cancelled.body())["status"], "cancelled");
    EXPECT_EQ(count("SELECT count(*) FROM invitations WHERE cancelled_at IS NOT NULL AND expires_at <= now() AND "
                    "engagement_id = " + std::to_string(exchange_)),
              3);
    EXPECT_EQ(count("SELECT jsonb_array_length(data->'invitations_cancelled') FROM events WHERE "
                    "type = 'engagement.status_changed' AND data->>'to' = 'cancelled' AND "
                    "(data->>'engagement_id')::bigint = " + std::to_string(exchange_)),
              3);
    EXPECT_EQ(request(port(), verb::get, "/api/v1/forms/" + token).result(), status::gone) << "the link has ended";
    EXPECT_TRUE(schedule(at_day(7))["actions"].empty()) << "no reminder for a cancelled exchange";
    const auto later = schedule(at_day(50));
    EXPECT_TRUE(actions(later, "invite").empty() && actions(later, "remind").empty()) << "and no post wave";
    EXPECT_EQ(transition(exchange_, "matched").result(), status::conflict) << "cancelled is final";
}

TEST_F(LifecycleTest, AReminderQueuedBeforeACancellationIsNotSent) {
    ASSERT_EQ(transition(exchange_, "matched").result(), status::ok);
    // The e-mails are held back (as if the mail server were down) by
    // pointing them at the future, then the exchange is cancelled.
    ASSERT_EQ(actions(schedule(at_day(0)), "invite").size(), 3u);
    {
        pqxx::connection connection(database_.url());
        pqxx::work tx(connection);
        tx.exec("UPDATE outbox_messages SET next_attempt_at = now() + interval '1 hour' WHERE status = 'pending'");
        tx.commit();
    }
    const auto pending = count("SELECT count(*) FROM outbox_messages WHERE status = 'pending'");
    ASSERT_TRUE(transition(exchange_, "cancelled").result() == status::ok);
    EXPECT_EQ(count("SELECT count(*) FROM outbox_messages WHERE status = 'cancelled' AND "
                    "cancelled_reason = 'engagement cancelled'"),
              pending);
    EXPECT_EQ(count("SELECT (data->>'messages_cancelled')::bigint FROM events WHERE data->>'to' = 'cancelled' AND "
                    "(data->>'engagement_id')::bigint = " + std::to_string(exchange_)),
              pending);
}

TEST_F(LifecycleTest, TransitionsRefuseBadRequestsAndChangeNothing) {
    const auto events = count("SELECT count(*) FROM events");
    auto problem = expect_problem(transition(exchange_, "finished"), status::unprocessable_entity,
                                  "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "to")) << problem.dump();
    problem = expect_problem(staff(verb::post, base_ + "/engagements/" + std::to_string(exchange_) + "/transitions",
                                   R"({"to": "matched", "when": "now"})"),
                             status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "when")) << problem.dump();
    expect_problem(transition(exchange_, "completed"), status::conflict, "Conflict");
    expect_problem(transition(exchange_, "planned"), status::conflict, "Conflict");
    expect_problem(transition(999999, "matched"), status::not_found, "Not Found");
    EXPECT_EQ(count("SELECT count(*) FROM events"), events);
    EXPECT_EQ(count("SELECT count(*) FROM engagements WHERE status = 'planned' AND id = " + std::to_string(exchange_)),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM engagements WHERE matched_at IS NOT NULL"), 0);
}

TEST_F(LifecycleTest, ScheduleSettingsAreCheckedAndRecorded) {
    const auto before = staff(verb::get, base_);
    auto problem = expect_problem(staff(verb::patch, base_, R"({"schedule": {"reminder_max": 11, "often": true}})"),
                                  status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "schedule.often")) << problem.dump();
    problem = expect_problem(staff(verb::patch, base_, R"({"schedule": {"reminder_max": 11}})"),
                             status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "schedule.reminder_max")) << problem.dump();
    problem = expect_problem(staff(verb::patch, base_, R"({"schedule": {"enabled": "yes"}})"),
                             status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_TRUE(names_field(problem, "schedule.enabled")) << problem.dump();
    EXPECT_EQ(staff(verb::get, base_).body(), before.body()) << "nothing changed";

    const auto changed = staff(verb::patch, base_, R"({"schedule": {"enabled": false}})");
    ASSERT_EQ(changed.result(), status::ok) << changed.body();
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'programme.settings_changed' AND "
                    "data #>> '{schedule,from,enabled}' = 'true' AND data #>> '{schedule,to,enabled}' = 'false'"),
              1);
    ASSERT_EQ(transition(exchange_, "matched").result(), status::ok);
    EXPECT_TRUE(schedule(at_day(0))["actions"].empty()) << "the schedule is off";
}

// The server's own scheduler: a match is acted on at once (NOTIFY), not at
// the next hourly pass.
class LiveScheduler : public LifecycleTest {
protected:
    LiveScheduler() { server_arguments_.insert(server_arguments_.end(), {"--schedule-interval", "3600"}); }
};

TEST_F(LiveScheduler, AMatchIsActedOnAtOnce) {
    ASSERT_EQ(transition(exchange_, "matched").result(), status::ok);
    const auto mails = wait_for_mail(3);
    EXPECT_EQ(mails.size(), 3u) << "the pre-wave e-mails within ten seconds of the match";
    EXPECT_EQ(count("SELECT count(*) FROM invitations WHERE issued_by = 'scheduler' AND wave = 'pre'"), 3);
}

}  // namespace
}  // namespace yardstick::testing
