// GET /api/v1/programmes/{slug}/events?after=&limit=: a programme's events in
// their public order. A reader that follows next_after must see every event
// exactly once, also while other requests are still writing: events are
// exposed only below the oldest transaction still running, so a writer that
// commits late cannot slip an event in behind a reader's position.

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/http/server_test.hpp"

namespace yardstick::testing {
namespace {

using namespace std::chrono_literals;
using beast_http::status;
using beast_http::verb;

nlohmann::json organisation_body(const std::string& name, const std::string& reference) {
    return {{"name", name}, {"country", "FR"}, {"sector", "M70"}, {"size", "micro"}, {"reference", reference}};
}

class EventsApi : public ServerTest {
protected:
    void SetUp() override {
        start_server({"--sequencer-interval", "0.02", "--db-pool-size", "8"});
        admin_ = create_token("admin", "admin@localhost");
    }

    HeaderList headers(bool with_body = false) const {
        HeaderList list{{"Authorization", "Bearer " + admin_}};
        if (with_body) {
            list.emplace_back("Content-Type", "application/json");
        }
        return list;
    }

    nlohmann::json create(const std::string& target, const nlohmann::json& body) const {
        const auto response = request(port(), verb::post, target, body.dump(), headers(true));
        EXPECT_EQ(response.result(), status::created) << target << " " << body.dump() << ": " << response.body();
        const auto created = nlohmann::json::parse(response.body(), nullptr, false);
        return created.is_object() ? created : nlohmann::json::object();
    }

    void create_programme(const std::string& slug) const {
        create("/api/v1/programmes", {{"slug", slug}, {"name", "Programme " + slug}, {"template", "mobilisesme"}});
    }

    std::int64_t create_organisation(const std::string& slug, const std::string& reference) const {
        return create("/api/v1/programmes/" + slug + "/organisations",
                      organisation_body("Company " + reference, reference))
            .value("id", std::int64_t{0});
    }

    HttpResponse get_events(const std::string& slug, const std::string& query) const {
        return request(port(), verb::get, "/api/v1/programmes/" + slug + "/events" + query, {}, headers());
    }

    // One page; the test fails unless 200.
    nlohmann::json events_page(const std::string& slug, std::int64_t after, std::int64_t limit) const {
        const auto response = get_events(slug, "?after=" + std::to_string(after) + "&limit=" + std::to_string(limit));
        EXPECT_EQ(response.result(), status::ok) << response.body();
        const auto page = nlohmann::json::parse(response.body(), nullptr, false);
        return page.is_object() ? page : nlohmann::json{{"events", nlohmann::json::array()}, {"next_after", after}};
    }

    // Every event of the programme exposed now, in one page.
    nlohmann::json all_events(const std::string& slug) const { return events_page(slug, 0, 1000)["events"]; }

    // Waits until the programme's events show organisation `id` registered.
    bool wait_for_organisation_event(const std::string& slug, std::int64_t id) const {
        return wait_until(
            [&] {
                const auto events = all_events(slug);
                return std::any_of(events.begin(), events.end(), [&](const nlohmann::json& event) {
                    return event.value("type", "") == "organisation.registered" &&
                           event["data"].value("organisation_id", std::int64_t{0}) == id;
                });
            },
            10s);
    }

    std::string admin_;
};

TEST_F(EventsApi, SmallPagesFollowNextAfterThroughEveryEventOnceInOrder) {
    create_programme("alpha");
    std::int64_t last = 0;
    for (int i = 1; i <= 5; ++i) {
        last = create_organisation("alpha", "org-" + std::to_string(i));
    }
    ASSERT_TRUE(wait_for_organisation_event("alpha", last));
    const auto everything = all_events("alpha");
    // programme.created, one instrument.published per bundled instrument, five organisations.
    ASSERT_GE(everything.size(), 7u) << everything.dump();
    EXPECT_EQ(everything[0].value("type", ""), "programme.created");

    std::vector<std::int64_t> paged;
    std::int64_t after = 0;
    for (int pages = 0; pages < 100; ++pages) {
        const auto page = events_page("alpha", after, 2);
        const auto& events = page["events"];
        ASSERT_LE(events.size(), 2u) << page.dump();
        if (events.empty()) {
            EXPECT_EQ(page.value("next_after", std::int64_t{-1}), after) << "an empty page keeps the position";
            break;
        }
        for (const auto& event : events) {
            const auto seq = event.value("seq", std::int64_t{0});
            EXPECT_GT(seq, after) << page.dump();
            EXPECT_TRUE(paged.empty() || seq > paged.back()) << page.dump();
            EXPECT_FALSE(event.value("occurred_at", "").empty()) << event.dump();
            EXPECT_FALSE(event.value("actor", "").empty()) << event.dump();
            paged.push_back(seq);
        }
        EXPECT_EQ(page.value("next_after", std::int64_t{0}), paged.back()) << page.dump();
        after = page.value("next_after", after);
    }
    std::vector<std::int64_t> expected;
    for (const auto& event : everything) {
        expected.push_back(event.value("seq", std::int64_t{0}));
    }
    EXPECT_EQ(paged, expected);
    // The first pages of one programme with no other writers: 1, 2, 3, … after the staff tokens' events.
    for (std::size_t i = 1; i < paged.size(); ++i) {
        EXPECT_EQ(paged[i], paged[i - 1] + 1) << "a gap in one programme's events";
    }
}

TEST_F(EventsApi, ABadAfterOrLimitIs400) {
    create_programme("alpha");
    for (const std::string query : {"?after=-1", "?after=abc", "?after=1.5", "?after="}) {
        const auto problem = expect_problem(get_events("alpha", query), status::bad_request, "Bad Request");
        EXPECT_TRUE(names_field(problem, "after")) << query << ": " << problem.dump();
    }
    for (const std::string query : {"?limit=0", "?limit=1001", "?limit=-5", "?limit=ten"}) {
        const auto problem = expect_problem(get_events("alpha", query), status::bad_request, "Bad Request");
        EXPECT_TRUE(names_field(problem, "limit")) << query << ": " << problem.dump();
    }
    EXPECT_EQ(get_events("alpha", "?after=0&limit=1000").result(), status::ok);
    expect_problem(get_events("no-such-programme", ""), status::not_found, "Not Found");
}

TEST_F(EventsApi, AnotherProgrammesEventsAreNotIncluded) {
    create_programme("alpha");
    create_programme("beta");
    const auto alpha_organisation = create_organisation("alpha", "a-1");
    const auto beta_organisation = create_organisation("beta", "b-1");
    const auto alpha_last = create_organisation("alpha", "a-2");
    ASSERT_TRUE(wait_for_organisation_event("alpha", alpha_last));
    ASSERT_TRUE(wait_for_organisation_event("beta", beta_organisation));

    std::set<std::int64_t> alpha_organisations;
    for (const auto& event : all_events("alpha")) {
        EXPECT_NE(event["data"].value("slug", ""), "beta") << event.dump();
        if (event.value("type", "") == "organisation.registered") {
            alpha_organisations.insert(event["data"].value("organisation_id", std::int64_t{0}));
        }
    }
    EXPECT_EQ(alpha_organisations, (std::set<std::int64_t>{alpha_organisation, alpha_last}));

    std::set<std::int64_t> beta_organisations;
    for (const auto& event : all_events("beta")) {
        EXPECT_NE(event["data"].value("slug", ""), "alpha") << event.dump();
        if (event.value("type", "") == "organisation.registered") {
            beta_organisations.insert(event["data"].value("organisation_id", std::int64_t{0}));
        }
    }
    EXPECT_EQ(beta_organisations, std::set<std::int64_t>{beta_organisation});
}

TEST_F(EventsApi, AReaderFollowingConcurrentWritersSeesEveryEventOnceWithoutGaps) {
    constexpr int kWriters = 4;
    constexpr int kPerWriter = 25;
    create_programme("alpha");
    const auto first = create_organisation("alpha", "setup");
    ASSERT_TRUE(wait_for_organisation_event("alpha", first));
    const auto start = events_page("alpha", 0, 1000).value("next_after", std::int64_t{0});
    ASSERT_GT(start, 0);

    std::vector<std::vector<std::int64_t>> created(kWriters);
    std::vector<std::string> failures(kWriters);
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([&, w] {
            try {
                HttpConnection connection(port());
                for (int i = 0; i < kPerWriter; ++i) {
                    const auto reference = "w" + std::to_string(w) + "-" + std::to_string(i);
                    const auto response =
                        connection.request(verb::post, "/api/v1/programmes/alpha/organisations",
                                           organisation_body("Company " + reference, reference).dump(), headers(true));
                    if (response.result() != status::created) {
                        failures[w] = reference + ": " + response.body();
                        return;
                    }
                    created[w].push_back(nlohmann::json::parse(response.body()).value("id", std::int64_t{0}));
                }
            } catch (const std::exception& e) {
                failures[w] = e.what();
            }
        });
    }

    // Follows next_after while the writers write, and until every
    // organisation they created has been seen (or the deadline passes).
    std::map<std::int64_t, int> seen;  // organisation id → times seen
    std::int64_t after = start;
    std::int64_t previous_seq = start;
    bool in_order = true;
    bool gapless = true;
    int polls = 0;
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < deadline && seen.size() < kWriters * kPerWriter) {
        const auto page = events_page("alpha", after, 7);
        ++polls;
        for (const auto& event : page["events"]) {
            const auto seq = event.value("seq", std::int64_t{0});
            in_order = in_order && seq > previous_seq;
            gapless = gapless && seq == previous_seq + 1;
            previous_seq = seq;
            if (event.value("type", "") == "organisation.registered") {
                ++seen[event["data"].value("organisation_id", std::int64_t{0})];
            }
        }
        after = page.value("next_after", after);
    }
    for (auto& writer : writers) {
        writer.join();
    }
    for (int w = 0; w < kWriters; ++w) {
        ASSERT_TRUE(failures[w].empty()) << "writer " << w << ": " << failures[w];
        ASSERT_EQ(created[w].size(), static_cast<std::size_t>(kPerWriter));
    }
    EXPECT_TRUE(in_order) << "seq went backwards";
    EXPECT_TRUE(gapless) << "the reader's events have a gap in seq";
    for (const auto& ids : created) {
        for (const auto id : ids) {
            EXPECT_EQ(seen[id], 1) << "organisation " << id << " was seen " << seen[id] << " times";
        }
    }
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(kWriters * kPerWriter));
    EXPECT_GT(polls, 1);
    // And nothing more turns up later behind the reader's position.
    const auto everything = all_events("alpha");
    std::size_t registered = 0;
    for (const auto& event : everything) {
        registered += event.value("type", "") == "organisation.registered" ? 1 : 0;
    }
    EXPECT_EQ(registered, static_cast<std::size_t>(kWriters * kPerWriter + 1));
    EXPECT_EQ(everything.back().value("seq", std::int64_t{0}), previous_seq);
}

}  // namespace
}  // namespace yardstick::testing
