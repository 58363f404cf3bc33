// `yardstick demo load`: fills a migrated database with the three demo
// programmes through the same use cases as the API, writes every sample link
// to a private file, submits the planned responses (demo_responses.hpp), and
// adds nothing when run again. Checked through the API, as a user of the demo
// would see it, and in the database for the responses.

#include <sys/stat.h>
#include <unistd.h>

#include <pqxx/pqxx>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "server/demo/demo_registry.hpp"
#include "server/demo/demo_responses.hpp"
#include "server/templates/bundled_templates.hpp"
#include "tests/http/server_test.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;

constexpr const char* kPublicUrl = "https://demo.example.test";

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The lines of the links file that are links (not the header comment).
std::vector<std::string> link_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && !line.starts_with('#')) {
            lines.push_back(line);
        }
    }
    return lines;
}

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (auto tab = line.find('\t'); tab != std::string::npos; tab = line.find('\t', start)) {
        fields.push_back(line.substr(start, tab - start));
        start = tab + 1;
    }
    fields.push_back(line.substr(start));
    return fields;
}

class DemoLoad : public ServerTest {
protected:
    void SetUp() override {
        start_server();  // migrates the scratch database
        admin_ = create_token("admin", "admin@localhost");
        directory_ = std::filesystem::temp_directory_path() /
                     ("yardstick-demo-load-" + std::to_string(::getpid()) + "-" + database_.name());
        std::filesystem::create_directories(directory_);
        links_file_ = directory_ / "links" / "demo-links.txt";
    }

    void TearDown() override {
        ServerTest::TearDown();
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
    }

    std::string load_demo(int* exit_code) const {
        return run_command(
            {"demo", "load", "--database-url", database_.url(), "--master-key-file", test_master_key_file().string(),
             "--public-url", kPublicUrl, "--links-file", links_file_.string()},
            exit_code);
    }

    nlohmann::json get_json(const std::string& target) const {
        const auto response = request(port(), verb::get, target, {}, {{"Authorization", "Bearer " + admin_}});
        EXPECT_EQ(response.result(), status::ok) << target << ": " << response.body();
        const auto body = nlohmann::json::parse(response.body(), nullptr, false);
        return body.is_object() ? body : nlohmann::json::object();
    }

    // Every item of a paged list, following next_cursor.
    std::vector<nlohmann::json> all_items(const std::string& target) const {
        std::vector<nlohmann::json> items;
        std::string cursor;
        for (int pages = 0; pages < 100; ++pages) {
            const auto page = get_json(target + "?limit=37" + (cursor.empty() ? "" : "&cursor=" + cursor));
            for (const auto& item : page.value("items", nlohmann::json::array())) {
                items.push_back(item);
            }
            if (!page.contains("next_cursor") || !page["next_cursor"].is_string()) {
                break;
            }
            cursor = page["next_cursor"].get<std::string>();
        }
        return items;
    }

    std::int64_t count_rows(const std::string& table) const {
        pqxx::connection connection(database_.url());
        pqxx::read_transaction tx(connection);
        return tx.exec1("SELECT count(*) FROM " + tx.quote_name(table))[0].as<std::int64_t>();
    }

    // Rows of a two-column query (text, count) as a map.
    std::map<std::string, std::int64_t> counts_by(const std::string& query) const {
        pqxx::connection connection(database_.url());
        pqxx::read_transaction tx(connection);
        std::map<std::string, std::int64_t> counts;
        for (const auto& row : tx.exec(query)) {
            counts[row[0].as<std::string>()] = row[1].as<std::int64_t>();
        }
        return counts;
    }

    std::int64_t count_of(const std::string& query) const {
        pqxx::connection connection(database_.url());
        pqxx::read_transaction tx(connection);
        return tx.exec1(query)[0].as<std::int64_t>();
    }

    std::string admin_;
    std::filesystem::path directory_;
    std::filesystem::path links_file_;
};

TEST_F(DemoLoad, LoadsTheThreeDemoProgrammes) {
    int code = -1;
    const auto output = load_demo(&code);
    ASSERT_EQ(code, 0) << output;

    std::set<std::string> slugs;
    for (const auto& programme : all_items("/api/v1/programmes")) {
        slugs.insert(programme.value("slug", ""));
    }
    EXPECT_EQ(slugs, (std::set<std::string>{"mobilisesme-pilot", "digital-volunteers", "skills-monitor"}));

    const std::string pilot = "/api/v1/programmes/mobilisesme-pilot";
    const auto organisations = all_items(pilot + "/organisations");
    EXPECT_EQ(organisations.size(), 400u);
    const auto engagements = all_items(pilot + "/engagements");
    EXPECT_EQ(engagements.size(), 54u);

    // The published figures: the companies taking part in exchanges span 23
    // sectors and 16 countries.
    std::map<std::int64_t, nlohmann::json> by_id;
    for (const auto& organisation : organisations) {
        by_id[organisation.value("id", std::int64_t{0})] = organisation;
    }
    std::set<std::string> sectors;
    std::set<std::string> countries;
    for (const auto& engagement : engagements) {
        EXPECT_EQ(engagement.value("kind", ""), "exchange");
        for (const char* side : {"sending_organisation_id", "hosting_organisation_id"}) {
            const auto it = by_id.find(engagement.value(side, std::int64_t{0}));
            ASSERT_NE(it, by_id.end()) << engagement.dump();
            sectors.insert(it->second.value("sector", ""));
            countries.insert(it->second.value("country", ""));
        }
        const auto sending = by_id[engagement.value("sending_organisation_id", std::int64_t{0})];
        const auto hosting = by_id[engagement.value("hosting_organisation_id", std::int64_t{0})];
        EXPECT_NE(sending.value("country", ""), hosting.value("country", "")) << "an exchange crosses a border";
    }
    EXPECT_EQ(sectors.size(), 23u);
    EXPECT_EQ(countries.size(), 16u);
}

TEST_F(DemoLoad, WritesEveryLinkToAPrivateFileAndTheLinksWork) {
    int code = -1;
    const auto output = load_demo(&code);
    ASSERT_EQ(code, 0) << output;

    struct stat info {};
    ASSERT_EQ(::stat(links_file_.c_str(), &info), 0) << links_file_;
    EXPECT_EQ(info.st_mode & 0777, 0600u);

    const auto lines = link_lines(read_file(links_file_));
    EXPECT_EQ(static_cast<std::int64_t>(lines.size()), count_rows("invitations"));
    ASSERT_FALSE(lines.empty());
    std::set<std::string> urls;
    for (const auto& line : lines) {
        const auto fields = split_tabs(line);
        ASSERT_EQ(fields.size(), 5u) << line;  // programme, engagement, respondent, wave, url
        EXPECT_TRUE(fields[4].starts_with(std::string(kPublicUrl) + "/f/")) << line;
        urls.insert(fields[4]);
    }
    EXPECT_EQ(urls.size(), lines.size()) << "two invitations share a link";

    // A link of each programme opens its form.
    std::set<std::string> opened;
    for (const auto& line : lines) {
        const auto fields = split_tabs(line);
        if (!opened.insert(fields[0]).second) {
            continue;
        }
        const auto token = fields[4].substr(fields[4].rfind('/') + 1);
        const auto form = request(port(), verb::get, "/api/v1/forms/" + token);
        EXPECT_EQ(form.result(), status::ok) << line << ": " << form.body();
        const auto body = nlohmann::json::parse(form.body(), nullptr, false);
        EXPECT_EQ(body.value("wave", ""), fields[3]) << line;
        EXPECT_EQ(body.value("respondent", ""), fields[2]) << line;
    }
    EXPECT_EQ(opened.size(), 3u);
}

TEST_F(DemoLoad, ASecondRunAddsNothingAndWritesTheSameLinks) {
    int code = -1;
    const auto first_output = load_demo(&code);
    ASSERT_EQ(code, 0) << first_output;
    const auto first_links = read_file(links_file_);
    const auto counts = [&] {
        return std::vector<std::int64_t>{count_rows("programmes"), count_rows("organisations"),
                                         count_rows("participants"), count_rows("engagements"),
                                         count_rows("invitations")};
    };
    const auto first_counts = counts();

    const auto second_output = load_demo(&code);
    ASSERT_EQ(code, 0) << second_output;
    EXPECT_NE(second_output.find("added 0 organisations"), std::string::npos) << second_output;
    EXPECT_EQ(second_output.find("created;"), std::string::npos) << second_output;
    for (const char* slug : {"mobilisesme-pilot", "digital-volunteers", "skills-monitor"}) {
        EXPECT_NE(second_output.find(std::string(slug) +
                                     ": added 0 organisations, 0 participants, 0 engagements, 0 invitations"),
                  std::string::npos)
            << second_output;
    }
    EXPECT_EQ(counts(), first_counts);
    EXPECT_EQ(read_file(links_file_), first_links);
    EXPECT_EQ(all_items("/api/v1/programmes/mobilisesme-pilot/organisations").size(), 400u);
    EXPECT_EQ(all_items("/api/v1/programmes/mobilisesme-pilot/engagements").size(), 54u);
}

// What plan_responses() says each instrument gets: submitted responses and
// drafts, by instrument key.
struct PlannedCounts {
    std::map<std::string, std::int64_t> responses;
    std::map<std::string, std::int64_t> drafts;
};

PlannedCounts planned_counts() {
    PlannedCounts planned;
    for (const auto& demo : server::demo::demo_programmes()) {
        const auto* bundled = server::templates::find_template(demo.template_key);
        if (bundled == nullptr) {
            ADD_FAILURE() << "no template " << demo.template_key;
            continue;
        }
        for (const auto& response : server::demo::plan_responses(demo)) {
            const auto instrument = std::find_if(
                bundled->instruments.begin(), bundled->instruments.end(),
                [&](const auto& i) { return i.respondent == response.respondent && i.wave == response.wave; });
            if (instrument == bundled->instruments.end()) {
                ADD_FAILURE() << demo.slug << ": no instrument for " << response.respondent << " " << response.wave;
                continue;
            }
            if (response.outcome == server::demo::ResponseOutcome::submitted) {
                ++planned.responses[instrument->key];
            } else if (response.outcome == server::demo::ResponseOutcome::draft) {
                ++planned.drafts[instrument->key];
            }
        }
    }
    return planned;
}

constexpr const char* kResponsesPerInstrument =
    "SELECT i.key, count(*) FROM responses r JOIN invitations v ON v.id = r.invitation_id "
    "JOIN instruments i ON i.id = v.instrument_id GROUP BY i.key";
constexpr const char* kDraftsPerInstrument =
    "SELECT i.key, count(*) FROM invitations v JOIN instruments i ON i.id = v.instrument_id "
    "WHERE v.status = 'draft' GROUP BY i.key";
constexpr const char* kSubmittedEvents = "SELECT count(*) FROM events WHERE type = 'response.submitted'";

TEST_F(DemoLoad, SubmitsThePlannedResponsesOnceThroughTheDomain) {
    int code = -1;
    const auto first_output = load_demo(&code);
    ASSERT_EQ(code, 0) << first_output;

    const auto planned = planned_counts();
    ASSERT_FALSE(planned.responses.empty());
    EXPECT_EQ(counts_by(kResponsesPerInstrument), planned.responses);
    EXPECT_EQ(counts_by(kDraftsPerInstrument), planned.drafts);
    std::int64_t responses = 0;
    for (const auto& [key, count] : planned.responses) {
        responses += count;
    }
    // Each a first version with its event, as a submission through the API.
    EXPECT_EQ(count_rows("response_versions"), responses);
    EXPECT_EQ(count_of(kSubmittedEvents), responses);
    EXPECT_EQ(count_of("SELECT count(*) FROM invitations WHERE status = 'submitted'"), responses);

    // The published figure survives the whole path: 41 of the 45 sending
    // companies that answered after the exchange agree the match was right.
    EXPECT_EQ(counts_by("SELECT count(*) FILTER (WHERE (rv.answers->>'matched_needs')::int >= 4)::text, count(*) "
                        "FROM response_versions rv JOIN instruments i ON i.id = rv.instrument_id "
                        "WHERE i.key = 'mobilisesme-sending-post'"),
              (std::map<std::string, std::int64_t>{{"41", 45}}));

    const auto second_output = load_demo(&code);
    ASSERT_EQ(code, 0) << second_output;
    for (const char* slug : {"mobilisesme-pilot", "digital-volunteers", "skills-monitor"}) {
        EXPECT_NE(second_output.find(std::string(slug) + ": added 0 organisations, 0 participants, 0 engagements, "
                                                         "0 invitations, 0 responses, 0 drafts"),
                  std::string::npos)
            << second_output;
    }
    EXPECT_EQ(counts_by(kResponsesPerInstrument), planned.responses);
    EXPECT_EQ(counts_by(kDraftsPerInstrument), planned.drafts);
    EXPECT_EQ(count_rows("response_versions"), responses);
    EXPECT_EQ(count_of(kSubmittedEvents), responses);
}

TEST_F(DemoLoad, TheSkillsMonitorAsksTwoRoundsEachWithItsOwnInstrument) {
    int code = -1;
    const auto output = load_demo(&code);
    ASSERT_EQ(code, 0) << output;

    std::map<std::string, std::int64_t> rounds;
    for (const auto& engagement : all_items("/api/v1/programmes/skills-monitor/engagements")) {
        ++rounds[engagement.value("round", "")];
    }
    EXPECT_EQ(rounds, (std::map<std::string, std::int64_t>{{"2018", 90}, {"2019", 87}}));

    // Invitations pick their instrument by respondent and wave: each round its own.
    EXPECT_EQ(counts_by("SELECT v.wave || ' ' || i.key, count(*) FROM invitations v "
                        "JOIN instruments i ON i.id = v.instrument_id JOIN programmes p ON p.id = v.programme_id "
                        "WHERE p.slug = 'skills-monitor' GROUP BY 1"),
              (std::map<std::string, std::int64_t>{{"2018 skills-self-assessment", 90},
                                                   {"2019 skills-self-assessment-2019", 87}}));
    // Responses and drafts counted per instrument, as plan_responses() says.
    const auto responses = counts_by(kResponsesPerInstrument);
    const auto drafts = counts_by(kDraftsPerInstrument);
    EXPECT_EQ(responses.at("skills-self-assessment"), 68);
    EXPECT_EQ(responses.at("skills-self-assessment-2019"), 66);
    EXPECT_EQ(drafts.at("skills-self-assessment"), 3);
    EXPECT_EQ(drafts.at("skills-self-assessment-2019"), 2);
}

}  // namespace
}  // namespace yardstick::testing
