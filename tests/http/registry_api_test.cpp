// /api/v1/programmes/{slug}/{organisations,participants,engagements}: rows
// are created one at a time (201 with Location), listed a page at a time and
// shown by id, always within their own programme. The domain's rules come
// back as 422 naming every wrong field at once; each row created is an event
// in the programme's log that carries ids and codes, never names or e-mail
// addresses.

#include <set>

#include "tests/http/server_test.hpp"

namespace yardstick::testing {
namespace {

using namespace std::chrono_literals;
using beast_http::field;
using beast_http::status;
using beast_http::verb;

// The `field` of every entry of a problem's `errors`.
std::multiset<std::string> error_fields(const nlohmann::json& problem) {
    std::multiset<std::string> fields;
    if (problem.contains("errors") && problem["errors"].is_array()) {
        for (const auto& error : problem["errors"]) {
            EXPECT_FALSE(error.value("message", "").empty()) << error.dump();
            fields.insert(error.value("field", ""));
        }
    }
    return fields;
}

nlohmann::json organisation(const std::string& name, const std::string& country = "BE",
                            const std::string& sector = "C25", const std::string& size = "small") {
    return {{"name", name}, {"country", country}, {"sector", sector}, {"size", size}};
}

nlohmann::json participant(std::int64_t organisation_id, const std::string& name, const std::string& email,
                           const std::string& role = "employee", const std::string& language = "en") {
    return {
        {"organisation_id", organisation_id}, {"role", role}, {"name", name}, {"email", email}, {"language", language}};
}

nlohmann::json exchange(std::int64_t sending, std::int64_t hosting, std::int64_t traveller,
                        const std::string& starts_on, const std::string& ends_on) {
    return {{"kind", "exchange"},
            {"sending_organisation_id", sending},
            {"hosting_organisation_id", hosting},
            {"participant_id", traveller},
            {"starts_on", starts_on},
            {"ends_on", ends_on}};
}

class RegistryApiTest : public ServerTest {
protected:
    void SetUp() override {
        start_server();
        token_ = create_token();
        ASSERT_NO_FATAL_FAILURE(create_programme(kSlug, "mobilisesme"));
    }

    static constexpr const char* kSlug = "mobilise";

    HttpResponse get(const std::string& target) {
        return request(port(), verb::get, target, {}, {{"Authorization", "Bearer " + token_}});
    }

    HttpResponse post(const std::string& target, const nlohmann::json& body) {
        return request(port(), verb::post, target, body.dump(),
                       {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}});
    }

    static std::string base(const std::string& slug, const std::string& resource) {
        return "/api/v1/programmes/" + slug + "/" + resource;
    }

    void create_programme(const std::string& slug, const std::string& template_key) {
        const auto response =
            post("/api/v1/programmes", {{"slug", slug}, {"name", "Programme " + slug}, {"template", template_key}});
        ASSERT_EQ(response.result(), status::created) << response.body();
    }

    // POSTs `body` to the programme's `resource` and returns the new row's
    // id, or 0 (and a failure) when it is not 201.
    std::int64_t create(const std::string& resource, const nlohmann::json& body, const std::string& slug = kSlug) {
        const auto response = post(base(slug, resource), body);
        EXPECT_EQ(response.result(), status::created) << resource << " " << body.dump() << ": " << response.body();
        if (response.result() != status::created) {
            return 0;
        }
        return nlohmann::json::parse(response.body()).value("id", std::int64_t{0});
    }

    // A 422 whose errors name exactly `fields`.
    static void expect_invalid(const HttpResponse& response, const std::multiset<std::string>& fields) {
        const auto problem = expect_problem(response, status::unprocessable_entity, "Unprocessable Entity");
        EXPECT_EQ(error_fields(problem), fields) << problem.dump();
    }

    // The programme's events once one of type `last_type` has been sequenced
    // (or what there is after ten seconds).
    nlohmann::json events_once_sequenced(const std::string& slug, const std::string& last_type) {
        nlohmann::json events = nlohmann::json::array();
        const bool seen = wait_until(
            [&] {
                const auto response = get("/api/v1/programmes/" + slug + "/events?limit=1000");
                if (response.result() != status::ok) {
                    return false;
                }
                events = nlohmann::json::parse(response.body()).at("events");
                return !events.empty() && events.back().value("type", "") == last_type;
            },
            10s);
        EXPECT_TRUE(seen) << "no " << last_type << " event was sequenced: " << events.dump();
        return events;
    }

    std::string token_;
};

// --- Organisations ---------------------------------------------------------

TEST_F(RegistryApiTest, OrganisationIsCreatedWithIdAndLocation) {
    auto body = organisation("  Brightwater Tooling  ", "BE", "C25", "small");
    body["reference"] = "ORG-1";
    const auto response = post(base(kSlug, "organisations"), body);
    ASSERT_EQ(response.result(), status::created) << response.body();
    const auto created = nlohmann::json::parse(response.body());
    const auto id = created.value("id", std::int64_t{0});
    EXPECT_GT(id, 0);
    EXPECT_EQ(response[field::location], base(kSlug, "organisations") + "/" + std::to_string(id));
    EXPECT_EQ(created.value("name", ""), "Brightwater Tooling") << "names are stored trimmed";
    EXPECT_EQ(created.value("country", ""), "BE");
    EXPECT_EQ(created.value("sector", ""), "C25");
    EXPECT_EQ(created.value("size", ""), "small");
    EXPECT_EQ(created.value("reference", ""), "ORG-1");

    const auto shown = get(std::string(response[field::location]));
    ASSERT_EQ(shown.result(), status::ok) << shown.body();
    EXPECT_EQ(nlohmann::json::parse(shown.body()), created);

    // Without a reference, the reference is null.
    const auto plain = post(base(kSlug, "organisations"), organisation("Plain Ltd"));
    ASSERT_EQ(plain.result(), status::created) << plain.body();
    EXPECT_TRUE(nlohmann::json::parse(plain.body()).at("reference").is_null()) << plain.body();
}

TEST_F(RegistryApiTest, InvalidOrganisationReportsEveryFieldAtOnce) {
    expect_invalid(post(base(kSlug, "organisations"), organisation("Acme", "XX", "Z", "huge")),
                   {"country", "sector", "size"});
    expect_invalid(post(base(kSlug, "organisations"), organisation("   ", "be", "c25", "Small")),
                   {"name", "country", "sector", "size"});
    expect_invalid(post(base(kSlug, "organisations"), nlohmann::json::object()), {"name", "country", "sector", "size"});
    auto with_unknown_member = organisation("Acme");
    with_unknown_member["employees"] = 12;
    expect_invalid(post(base(kSlug, "organisations"), with_unknown_member), {"employees"});
    // Nothing was created.
    const auto list = nlohmann::json::parse(get(base(kSlug, "organisations")).body());
    EXPECT_TRUE(list.at("items").empty()) << list.dump();
}

TEST_F(RegistryApiTest, SectorIsANaceSectionOrDivision) {
    EXPECT_GT(create("organisations", organisation("Section Co", "FR", "C")), 0);
    EXPECT_GT(create("organisations", organisation("Division Co", "FR", "C25")), 0);
    EXPECT_GT(create("organisations", organisation("Service Co", "IT", "J62")), 0);
    expect_invalid(post(base(kSlug, "organisations"), organisation("Nowhere Co", "FR", "C99")), {"sector"});
    expect_invalid(post(base(kSlug, "organisations"), organisation("Wrong Co", "FR", "C2")), {"sector"});
    expect_invalid(post(base(kSlug, "organisations"), organisation("Lower Co", "FR", "c")), {"sector"});
}

TEST_F(RegistryApiTest, OrganisationsAreListedAPageAtATime) {
    std::vector<std::int64_t> ids;
    for (const auto* name : {"One", "Two", "Three"}) {
        ids.push_back(create("organisations", organisation(name)));
    }
    const auto first = get(base(kSlug, "organisations") + "?limit=2");
    ASSERT_EQ(first.result(), status::ok) << first.body();
    const auto page1 = nlohmann::json::parse(first.body());
    ASSERT_EQ(page1.at("items").size(), 2u) << page1.dump();
    EXPECT_EQ(page1["items"][0].value("id", std::int64_t{0}), ids[0]);
    EXPECT_EQ(page1["items"][1].value("id", std::int64_t{0}), ids[1]);
    ASSERT_TRUE(page1.at("next_cursor").is_string()) << page1.dump();

    const auto page2 = nlohmann::json::parse(
        get(base(kSlug, "organisations") + "?limit=2&cursor=" + page1["next_cursor"].get<std::string>()).body());
    ASSERT_EQ(page2.at("items").size(), 1u) << page2.dump();
    EXPECT_EQ(page2["items"][0].value("id", std::int64_t{0}), ids[2]);
    EXPECT_EQ(page2["items"][0].value("name", ""), "Three");
    EXPECT_TRUE(page2.at("next_cursor").is_null()) << page2.dump();

    const auto bad = expect_problem(get(base(kSlug, "organisations") + "?limit=0"), status::bad_request, "Bad Request");
    EXPECT_EQ(error_fields(bad), std::multiset<std::string>{"limit"});
    expect_problem(get(base(kSlug, "organisations") + "?cursor=zzz"), status::bad_request, "Bad Request");
}

TEST_F(RegistryApiTest, OrganisationOutsideTheProgrammeIsNotFound) {
    create_programme("other", "mobilisesme");
    const auto own = create("organisations", organisation("Own Org"));
    const auto foreign = create("organisations", organisation("Foreign Org"), "other");
    ASSERT_GT(own, 0);
    ASSERT_GT(foreign, 0);

    EXPECT_EQ(get(base(kSlug, "organisations") + "/" + std::to_string(own)).result(), status::ok);
    expect_problem(get(base(kSlug, "organisations") + "/" + std::to_string(foreign)), status::not_found, "Not Found");
    expect_problem(get(base("other", "organisations") + "/" + std::to_string(own)), status::not_found, "Not Found");
    expect_problem(get(base(kSlug, "organisations") + "/999999"), status::not_found, "Not Found");
    expect_problem(get(base(kSlug, "organisations") + "/abc"), status::not_found, "Not Found");
    expect_problem(get(base(kSlug, "organisations") + "/0"), status::not_found, "Not Found");
    expect_problem(get(base("nowhere", "organisations")), status::not_found, "Not Found");
    expect_problem(post(base("nowhere", "organisations"), organisation("Lost Org")), status::not_found, "Not Found");

    // Each programme lists only its own.
    const auto list = nlohmann::json::parse(get(base(kSlug, "organisations")).body());
    ASSERT_EQ(list.at("items").size(), 1u) << list.dump();
    EXPECT_EQ(list["items"][0].value("id", std::int64_t{0}), own);
}

// --- Participants ----------------------------------------------------------

TEST_F(RegistryApiTest, ParticipantIsCreated) {
    const auto organisation_id = create("organisations", organisation("Acme"));
    const auto response = post(base(kSlug, "participants"),
                               participant(organisation_id, "Ada Lovelace", "ada@example.org", "contact", "fr"));
    ASSERT_EQ(response.result(), status::created) << response.body();
    const auto created = nlohmann::json::parse(response.body());
    const auto id = created.value("id", std::int64_t{0});
    EXPECT_GT(id, 0);
    EXPECT_EQ(response[field::location], base(kSlug, "participants") + "/" + std::to_string(id));
    EXPECT_EQ(created.value("organisation_id", std::int64_t{0}), organisation_id);
    EXPECT_EQ(created.value("role", ""), "contact");
    EXPECT_EQ(created.value("name", ""), "Ada Lovelace");
    EXPECT_EQ(created.value("email", ""), "ada@example.org");
    EXPECT_EQ(created.value("language", ""), "fr");
    EXPECT_EQ(nlohmann::json::parse(get(std::string(response[field::location])).body()), created);
}

TEST_F(RegistryApiTest, ParticipantOfAnotherProgrammesOrganisationIs422) {
    create_programme("other", "mobilisesme");
    const auto foreign = create("organisations", organisation("Foreign Org"), "other");
    ASSERT_GT(foreign, 0);
    expect_invalid(post(base(kSlug, "participants"), participant(foreign, "Bob", "bob@example.org")),
                   {"organisation_id"});
    expect_invalid(post(base(kSlug, "participants"), participant(999999, "Bob", "bob@example.org")),
                   {"organisation_id"});
    expect_invalid(post(base(kSlug, "participants"), participant(0, "Bob", "bob@example.org")), {"organisation_id"});
    EXPECT_TRUE(nlohmann::json::parse(get(base(kSlug, "participants")).body()).at("items").empty());
}

TEST_F(RegistryApiTest, InvalidParticipantReportsEachField) {
    const auto organisation_id = create("organisations", organisation("Acme"));
    expect_invalid(post(base(kSlug, "participants"), participant(organisation_id, "Bob", "not-an-e-mail")), {"email"});
    expect_invalid(post(base(kSlug, "participants"), participant(organisation_id, "Bob", "bob@example.org", "boss")),
                   {"role"});
    expect_invalid(
        post(base(kSlug, "participants"), participant(organisation_id, "Bob", "bob@example.org", "employee", "es")),
        {"language"});
    expect_invalid(post(base(kSlug, "participants"), participant(organisation_id, "", "a b@example", "boss", "EN")),
                   {"role", "name", "email", "language"});
    expect_invalid(post(base(kSlug, "participants"), nlohmann::json::object()),
                   {"organisation_id", "role", "name", "email", "language"});
    EXPECT_TRUE(nlohmann::json::parse(get(base(kSlug, "participants")).body()).at("items").empty());
}

// --- Engagements -----------------------------------------------------------

class RegistryApiExchangeTest : public RegistryApiTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(RegistryApiTest::SetUp());
        sending_ = create("organisations", organisation("Sending SME", "BE"));
        hosting_ = create("organisations", organisation("Hosting SME", "DE"));
        traveller_ = create("participants", participant(sending_, "Tess Traveller", "tess@example.org"));
        host_employee_ = create("participants", participant(hosting_, "Hank Host", "hank@example.org"));
        ASSERT_GT(host_employee_, 0);
    }

    HttpResponse post_exchange(const std::string& starts_on, const std::string& ends_on) {
        return post(base(kSlug, "engagements"), exchange(sending_, hosting_, traveller_, starts_on, ends_on));
    }

    std::int64_t sending_ = 0;
    std::int64_t hosting_ = 0;
    std::int64_t traveller_ = 0;
    std::int64_t host_employee_ = 0;
};

TEST_F(RegistryApiExchangeTest, ExchangeIsCreatedWithItsDurationInDays) {
    const auto response = post_exchange("2025-03-01", "2025-03-31");
    ASSERT_EQ(response.result(), status::created) << response.body();
    const auto created = nlohmann::json::parse(response.body());
    const auto id = created.value("id", std::int64_t{0});
    EXPECT_EQ(response[field::location], base(kSlug, "engagements") + "/" + std::to_string(id));
    EXPECT_EQ(created.value("kind", ""), "exchange");
    EXPECT_EQ(created.value("status", ""), "planned");
    EXPECT_EQ(created.value("sending_organisation_id", std::int64_t{0}), sending_);
    EXPECT_EQ(created.value("hosting_organisation_id", std::int64_t{0}), hosting_);
    EXPECT_EQ(created.value("participant_id", std::int64_t{0}), traveller_);
    EXPECT_EQ(created.value("starts_on", ""), "2025-03-01");
    EXPECT_EQ(created.value("ends_on", ""), "2025-03-31");
    EXPECT_EQ(created.value("duration_days", 0), 31) << "ends_on − starts_on + 1";
    EXPECT_EQ(nlohmann::json::parse(get(std::string(response[field::location])).body()), created);

    // Across the end of February in a leap year.
    const auto leap = post_exchange("2024-02-20", "2024-03-05");
    ASSERT_EQ(leap.result(), status::created) << leap.body();
    EXPECT_EQ(nlohmann::json::parse(leap.body()).value("duration_days", 0), 15);
}

TEST_F(RegistryApiExchangeTest, StatusFollowsTheLifecycle) {
    const auto created = post_exchange("2025-03-01", "2025-03-31");
    ASSERT_EQ(created.result(), status::created) << created.body();
    const auto path = std::string(created[field::location]) + "/status";
    const auto move_to = [&](const std::string& to) { return post(path, nlohmann::json{{"status", to}}); };

    // planned → started skips matching: refused, nothing changes.
    expect_problem(move_to("started"), status::conflict, "Conflict");
    for (const char* to : {"matched", "started", "completed"}) {
        const auto moved = move_to(to);
        ASSERT_EQ(moved.result(), status::ok) << to << ": " << moved.body();
        EXPECT_EQ(nlohmann::json::parse(moved.body()).value("status", ""), to);
    }
    // completed is final.
    expect_problem(move_to("cancelled"), status::conflict, "Conflict");
    expect_invalid(move_to("finished"), {"status"});
    expect_problem(post(base(kSlug, "engagements") + "/999999/status", nlohmann::json{{"status", "matched"}}),
                   status::not_found, "Not Found");
    EXPECT_EQ(nlohmann::json::parse(get(std::string(created[field::location])).body()).value("status", ""),
              "completed");
}

TEST_F(RegistryApiExchangeTest, DurationBoundsAreInclusive) {
    // MobiliseSME: 14 to 61 days, counting both the first and the last day.
    expect_invalid(post_exchange("2025-03-01", "2025-03-13"), {"ends_on"});  // 13 days
    const auto shortest = post_exchange("2025-03-01", "2025-03-14");
    ASSERT_EQ(shortest.result(), status::created) << shortest.body();
    EXPECT_EQ(nlohmann::json::parse(shortest.body()).value("duration_days", 0), 14);
    const auto longest = post_exchange("2025-03-01", "2025-04-30");
    ASSERT_EQ(longest.result(), status::created) << longest.body();
    EXPECT_EQ(nlohmann::json::parse(longest.body()).value("duration_days", 0), 61);
    expect_invalid(post_exchange("2025-03-01", "2025-05-01"), {"ends_on"});  // 62 days
    expect_invalid(post_exchange("2025-03-14", "2025-03-01"), {"ends_on"});  // backwards
    expect_invalid(post_exchange("2025-02-30", "2025-03-31"), {"starts_on"});
    expect_invalid(post_exchange("1 March 2025", "2025/03/31"), {"starts_on", "ends_on"});

    const auto list = nlohmann::json::parse(get(base(kSlug, "engagements")).body());
    EXPECT_EQ(list.at("items").size(), 2u) << list.dump();
}

TEST_F(RegistryApiExchangeTest, SendingAndHostingMustDiffer) {
    auto body = exchange(sending_, sending_, traveller_, "2025-03-01", "2025-03-31");
    expect_invalid(post(base(kSlug, "engagements"), body), {"hosting_organisation_id"});
}

TEST_F(RegistryApiExchangeTest, TravellerMustBelongToTheSendingOrganisation) {
    auto body = exchange(sending_, hosting_, host_employee_, "2025-03-01", "2025-03-31");
    expect_invalid(post(base(kSlug, "engagements"), body), {"participant_id"});
    body["participant_id"] = 999999;
    expect_invalid(post(base(kSlug, "engagements"), body), {"participant_id"});
}

TEST_F(RegistryApiExchangeTest, IdsMustNameRowsOfThisProgramme) {
    create_programme("other", "mobilisesme");
    const auto foreign = create("organisations", organisation("Foreign Org"), "other");
    auto body = exchange(sending_, foreign, traveller_, "2025-03-01", "2025-03-31");
    expect_invalid(post(base(kSlug, "engagements"), body), {"hosting_organisation_id"});
}

TEST_F(RegistryApiExchangeTest, MentoringInAnExchangeProgrammeIs422NamingKind) {
    const nlohmann::json body = {{"kind", "mentoring"},
                                 {"volunteer_organisation_id", sending_},
                                 {"mentor_participant_id", traveller_},
                                 {"sme_organisation_id", hosting_}};
    const auto problem =
        expect_problem(post(base(kSlug, "engagements"), body), status::unprocessable_entity, "Unprocessable Entity");
    EXPECT_EQ(error_fields(problem).count("kind"), 1u) << problem.dump();
    auto unknown_kind = exchange(sending_, hosting_, traveller_, "2025-03-01", "2025-03-31");
    unknown_kind["kind"] = "holiday";
    expect_invalid(post(base(kSlug, "engagements"), unknown_kind), {"kind"});
    EXPECT_TRUE(nlohmann::json::parse(get(base(kSlug, "engagements")).body()).at("items").empty());
}

TEST_F(RegistryApiExchangeTest, DuplicateReferenceIs409) {
    auto body = exchange(sending_, hosting_, traveller_, "2025-03-01", "2025-03-31");
    body["reference"] = "EX-2025-001";
    ASSERT_EQ(post(base(kSlug, "engagements"), body).result(), status::created);
    const auto again = post(base(kSlug, "engagements"), body);
    const auto problem = expect_problem(again, status::conflict, "Conflict");
    EXPECT_EQ(error_fields(problem), std::multiset<std::string>{"reference"}) << problem.dump();
    EXPECT_EQ(nlohmann::json::parse(get(base(kSlug, "engagements")).body()).at("items").size(), 1u);

    // References are per programme and per kind of row.
    auto organisation_body = organisation("Referenced Org");
    organisation_body["reference"] = "EX-2025-001";
    EXPECT_GT(create("organisations", organisation_body), 0);
    const auto again_organisation = post(base(kSlug, "organisations"), organisation_body);
    EXPECT_EQ(error_fields(expect_problem(again_organisation, status::conflict, "Conflict")),
              std::multiset<std::string>{"reference"});
    create_programme("other", "mobilisesme");
    EXPECT_GT(create("organisations", organisation_body, "other"), 0);

    auto participant_body = participant(sending_, "Ref Person", "ref@example.org");
    participant_body["reference"] = "P-1";
    EXPECT_GT(create("participants", participant_body), 0);
    expect_problem(post(base(kSlug, "participants"), participant_body), status::conflict, "Conflict");

    // A reference that is not a plain key is invalid, not a conflict.
    body["reference"] = "has spaces";
    expect_invalid(post(base(kSlug, "engagements"), body), {"reference"});
}

TEST_F(RegistryApiTest, MentoringEngagementInADigitalVolunteersProgramme) {
    create_programme("volunteers", "digital-volunteers");
    const auto volunteer = create("organisations", organisation("Big Digital Corp", "NL", "J", "large"), "volunteers");
    const auto sme = create("organisations", organisation("Corner Bakery", "NL", "C10", "micro"), "volunteers");
    const auto mentor =
        create("participants", participant(volunteer, "Mia Mentor", "mia@example.org", "mentor"), "volunteers");
    ASSERT_GT(mentor, 0);
    const nlohmann::json body = {{"kind", "mentoring"},
                                 {"volunteer_organisation_id", volunteer},
                                 {"mentor_participant_id", mentor},
                                 {"sme_organisation_id", sme}};
    const auto response = post(base("volunteers", "engagements"), body);
    ASSERT_EQ(response.result(), status::created) << response.body();
    const auto created = nlohmann::json::parse(response.body());
    EXPECT_EQ(created.value("kind", ""), "mentoring");
    EXPECT_EQ(created.value("status", ""), "planned");
    EXPECT_EQ(created.value("volunteer_organisation_id", std::int64_t{0}), volunteer);
    EXPECT_EQ(created.value("mentor_participant_id", std::int64_t{0}), mentor);
    EXPECT_EQ(created.value("sme_organisation_id", std::int64_t{0}), sme);
    EXPECT_FALSE(created.contains("duration_days")) << created.dump();

    // The mentor must come from the volunteer organisation; the SME is another one.
    auto wrong = body;
    wrong["volunteer_organisation_id"] = sme;
    wrong["sme_organisation_id"] = volunteer;
    expect_invalid(post(base("volunteers", "engagements"), wrong), {"mentor_participant_id"});
    wrong = body;
    wrong["sme_organisation_id"] = volunteer;
    expect_invalid(post(base("volunteers", "engagements"), wrong), {"sme_organisation_id"});
    // An exchange is not this programme's kind.
    expect_invalid(
        post(base("volunteers", "engagements"), exchange(volunteer, sme, mentor, "2025-03-01", "2025-03-31")),
        {"kind"});
}

TEST_F(RegistryApiTest, SkillsMonitorRound) {
    create_programme("skills", "skills-monitor");
    const auto sme = create("organisations", organisation("Data Shop", "IT", "J62", "small"), "skills");
    const auto respondent = create("participants", participant(sme, "Rita Respondent", "rita@example.org"), "skills");
    ASSERT_GT(respondent, 0);
    const nlohmann::json body = {
        {"kind", "skills-monitor"}, {"respondent_participant_id", respondent}, {"round", "2018"}};
    const auto response = post(base("skills", "engagements"), body);
    ASSERT_EQ(response.result(), status::created) << response.body();
    const auto created = nlohmann::json::parse(response.body());
    EXPECT_EQ(created.value("kind", ""), "skills-monitor");
    EXPECT_EQ(created.value("respondent_participant_id", std::int64_t{0}), respondent);
    EXPECT_EQ(created.value("round", ""), "2018");

    auto bad_round = body;
    bad_round["round"] = "Round One";
    expect_invalid(post(base("skills", "engagements"), bad_round), {"round"});
    auto unknown_respondent = body;
    unknown_respondent["respondent_participant_id"] = 999999;
    expect_invalid(post(base("skills", "engagements"), unknown_respondent), {"respondent_participant_id"});
}

// --- Events ----------------------------------------------------------------

TEST_F(RegistryApiTest, EventsTellWhatHappenedInOrderWithoutPersonalData) {
    const std::string sending_name = "Quillfeather Tooling SPRL";
    const std::string hosting_name = "Marrowgate Logistik GmbH";
    const std::string person_name = "Zelda Quartermaine";
    const std::string person_email = "zelda.quartermaine@example.org";
    const auto sending = create("organisations", organisation(sending_name, "BE"));
    const auto hosting = create("organisations", organisation(hosting_name, "DE"));
    const auto traveller = create("participants", participant(sending, person_name, person_email));
    const auto engagement = create("engagements", exchange(sending, hosting, traveller, "2025-03-01", "2025-03-31"));
    ASSERT_GT(engagement, 0);

    const auto events = events_once_sequenced(kSlug, "engagement.created");
    std::vector<std::string> types;
    std::int64_t previous_seq = 0;
    for (const auto& event : events) {
        types.push_back(event.value("type", ""));
        const auto seq = event.value("seq", std::int64_t{0});
        EXPECT_GT(seq, previous_seq) << event.dump();
        previous_seq = seq;
        EXPECT_FALSE(event.value("occurred_at", "").empty()) << event.dump();
        EXPECT_FALSE(event.value("actor", "").empty()) << event.dump();

        const auto text = event.dump();
        for (const auto& secret : {sending_name, hosting_name, person_name, person_email}) {
            EXPECT_EQ(text.find(secret), std::string::npos) << "personal data '" << secret << "' in " << text;
        }
        EXPECT_EQ(text.find("Zelda"), std::string::npos) << text;
        EXPECT_EQ(text.find("Quillfeather"), std::string::npos) << text;
        EXPECT_EQ(text.find("@example.org"), std::string::npos) << text;
    }
    const std::vector<std::string> expected = {
        "programme.created",       "instrument.published", "instrument.published", "instrument.published",
        "instrument.published",    "instrument.published", "instrument.published", "organisation.registered",
        "organisation.registered", "participant.added",    "engagement.created"};
    ASSERT_EQ(types, expected);

    // The events carry the ids of what they are about.
    EXPECT_EQ(events[7]["data"].value("organisation_id", std::int64_t{0}), sending);
    EXPECT_EQ(events[8]["data"].value("organisation_id", std::int64_t{0}), hosting);
    EXPECT_EQ(events[9]["data"].value("participant_id", std::int64_t{0}), traveller);
    EXPECT_EQ(events[9]["data"].value("organisation_id", std::int64_t{0}), sending);
    EXPECT_EQ(events[10]["data"].value("engagement_id", std::int64_t{0}), engagement);
    EXPECT_EQ(events[10]["data"].value("duration_days", 0), 31);

    // Paging with after= and limit= gives the same events.
    std::vector<std::int64_t> paged;
    std::int64_t after = 0;
    for (int i = 0; i < 20; ++i) {
        const auto response =
            get("/api/v1/programmes/" + std::string(kSlug) + "/events?limit=4&after=" + std::to_string(after));
        ASSERT_EQ(response.result(), status::ok) << response.body();
        const auto page = nlohmann::json::parse(response.body());
        if (page.at("events").empty()) {
            EXPECT_EQ(page.value("next_after", std::int64_t{-1}), after);
            break;
        }
        EXPECT_LE(page["events"].size(), 4u);
        for (const auto& event : page["events"]) {
            paged.push_back(event.value("seq", std::int64_t{0}));
        }
        after = page.value("next_after", std::int64_t{0});
        EXPECT_EQ(after, paged.back());
    }
    std::vector<std::int64_t> all;
    for (const auto& event : events) {
        all.push_back(event.value("seq", std::int64_t{0}));
    }
    EXPECT_EQ(paged, all);
}

TEST_F(RegistryApiTest, EventsOfOneProgrammeLeaveOthersOut) {
    create_programme("other", "skills-monitor");
    const auto organisation_id = create("organisations", organisation("Other Org"), "other");
    ASSERT_GT(organisation_id, 0);
    const auto other_events = events_once_sequenced("other", "organisation.registered");
    ASSERT_FALSE(other_events.empty());
    const auto own = nlohmann::json::parse(get("/api/v1/programmes/" + std::string(kSlug) + "/events").body());
    for (const auto& event : own.at("events")) {
        EXPECT_NE(event.value("type", ""), "organisation.registered") << event.dump();
        EXPECT_NE(event["data"].value("slug", std::string(kSlug)), "other") << event.dump();
    }
    const auto bad = expect_problem(get("/api/v1/programmes/" + std::string(kSlug) + "/events?after=-1"),
                                    status::bad_request, "Bad Request");
    EXPECT_EQ(error_fields(bad), std::multiset<std::string>{"after"});
}

}  // namespace
}  // namespace yardstick::testing
