#include "yardstick/domain/registry.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace yardstick::domain {
namespace {

// The field names of an error, in order.
std::vector<std::string> fields_of(const Error& error) {
    std::vector<std::string> names;
    for (const auto& f : error.fields) {
        names.push_back(f.field);
    }
    return names;
}

// The message of the first error on `field`, or "" when there is none.
std::string message_for(const Error& error, std::string_view field) {
    for (const auto& f : error.fields) {
        if (f.field == field) {
            return f.message;
        }
    }
    return {};
}

CalendarDate date(std::string_view text) {
    auto parsed = parse_date(text);
    EXPECT_TRUE(parsed.ok()) << text;
    return parsed.ok() ? *parsed : CalendarDate{};
}

// ---------------------------------------------------------------------------
// CalendarDate

TEST(CalendarDate, ParsesAndPrintsIsoDates) {
    auto d = parse_date("2024-03-05");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(*d, (CalendarDate{2024, 3, 5}));
    EXPECT_EQ(to_string(*d), "2024-03-05");
    EXPECT_EQ(to_string(CalendarDate{1, 1, 1}), "0001-01-01");
    EXPECT_TRUE(parse_date("9999-12-31").ok());
}

TEST(CalendarDate, KnowsLeapYears) {
    EXPECT_TRUE(parse_date("2024-02-29").ok());
    EXPECT_TRUE(parse_date("2000-02-29").ok());  // divisible by 400
    EXPECT_FALSE(parse_date("2023-02-29").ok());
    EXPECT_FALSE(parse_date("1900-02-29").ok());  // divisible by 100, not 400
    EXPECT_FALSE(parse_date("2024-02-30").ok());
    EXPECT_TRUE(parse_date("2023-02-28").ok());
}

TEST(CalendarDate, KnowsMonthLengths) {
    EXPECT_TRUE(parse_date("2024-01-31").ok());
    EXPECT_FALSE(parse_date("2024-04-31").ok());
    EXPECT_FALSE(parse_date("2024-06-31").ok());
    EXPECT_FALSE(parse_date("2024-09-31").ok());
    EXPECT_FALSE(parse_date("2024-11-31").ok());
    EXPECT_TRUE(parse_date("2024-12-31").ok());
    EXPECT_FALSE(parse_date("2024-01-00").ok());
    EXPECT_FALSE(parse_date("2024-00-10").ok());
    EXPECT_FALSE(parse_date("2024-13-01").ok());
}

TEST(CalendarDate, RejectsOtherSpellings) {
    for (const char* text :
         {"", "2024-3-05", "2024-03-5", "24-03-05", "2024/03/05", "2024-03-05T00:00", " 2024-03-05", "2024-03-05 ",
          "20240305", "2024-0a-05", "+024-03-05", "0000-01-01", "2024--3-05", "05-03-2024"}) {
        auto d = parse_date(text);
        ASSERT_FALSE(d.ok()) << text;
        EXPECT_EQ(d.error().code, ErrorCode::invalid_argument) << text;
        EXPECT_FALSE(d.error().message.empty()) << text;
    }
}

TEST(CalendarDate, CountsDaysLikeHinnant) {
    EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
    EXPECT_EQ(days_from_civil({1970, 1, 2}), 1);
    EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
    EXPECT_EQ(days_from_civil({2000, 3, 1}), 11017);
    EXPECT_EQ(days_from_civil({2024, 2, 29}), 19782);
    EXPECT_EQ(days_between({2024, 2, 28}, {2024, 3, 1}), 2);  // through the leap day
    EXPECT_EQ(days_between({2023, 2, 28}, {2023, 3, 1}), 1);
    EXPECT_EQ(days_between({2023, 12, 31}, {2024, 1, 1}), 1);
    EXPECT_EQ(days_between({2024, 1, 1}, {2025, 1, 1}), 366);
    EXPECT_EQ(days_between({2023, 1, 1}, {2024, 1, 1}), 365);
    EXPECT_EQ(days_between({2024, 3, 1}, {2024, 2, 28}), -2);
    EXPECT_EQ(days_between({1, 1, 1}, {1970, 1, 1}), 719162);
}

TEST(CalendarDate, DaysAreConsecutiveAcrossFourCenturies) {
    // Walk every day from 1900-01-01 to 2300-12-31: each valid date is one day after the last.
    std::int64_t previous = days_from_civil({1899, 12, 31});
    for (int y = 1900; y <= 2300; ++y) {
        for (int m = 1; m <= 12; ++m) {
            for (int d = 1; d <= 31; ++d) {
                const CalendarDate candidate{y, m, d};
                const std::string text = to_string(candidate);
                auto parsed = parse_date(text);
                if (!parsed.ok()) {
                    continue;
                }
                const std::int64_t day = days_from_civil(*parsed);
                ASSERT_EQ(day, previous + 1) << text;
                previous = day;
            }
        }
    }
}

TEST(CalendarDate, ComparesChronologically) {
    EXPECT_LT(date("2023-12-31"), date("2024-01-01"));
    EXPECT_LT(date("2024-01-31"), date("2024-02-01"));
    EXPECT_LT(date("2024-02-01"), date("2024-02-02"));
    EXPECT_EQ(date("2024-02-29"), (CalendarDate{2024, 2, 29}));
    EXPECT_NE(date("2024-02-29"), date("2024-02-28"));
    EXPECT_GE(date("2024-05-01"), date("2024-05-01"));
    EXPECT_GT(date("2025-01-01"), date("2024-12-31"));
}

// ---------------------------------------------------------------------------
// Programme

Programme mobilisesme() {
    return Programme{"mobilisesme-pilot", "MobiliseSME pilot", ProgrammeKind::exchange, {}};
}

TEST(Programme, KindsRoundTrip) {
    for (const auto kind : {ProgrammeKind::exchange, ProgrammeKind::mentoring, ProgrammeKind::skills_monitor}) {
        auto parsed = parse_programme_kind(to_string(kind));
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(*parsed, kind);
    }
    EXPECT_EQ(to_string(ProgrammeKind::skills_monitor), "skills-monitor");
    EXPECT_FALSE(parse_programme_kind("skills_monitor").ok());
    EXPECT_FALSE(parse_programme_kind("Exchange").ok());
    EXPECT_FALSE(parse_programme_kind("").ok());
}

TEST(Programme, DefaultsAreMobiliseSme) {
    const ProgrammeSettings s;
    EXPECT_EQ(s.exchange_min_days, 14);
    EXPECT_EQ(s.exchange_max_days, 61);
    EXPECT_EQ(s.suppression_threshold, 5);
    EXPECT_EQ(s.default_language, "en");
    EXPECT_TRUE(validate_programme(mobilisesme()).ok());
}

TEST(Programme, SlugRules) {
    for (const char* slug : {"mobilisesme-pilot", "digital-volunteers", "skills-monitor", "a", "2024", "a1-b2-c3"}) {
        EXPECT_TRUE(is_valid_slug(slug)) << slug;
    }
    for (const char* slug : {"", "-a", "a-", "a--b", "A", "Mobilise", "a_b", "a b", "a.b", "é", "a/b"}) {
        EXPECT_FALSE(is_valid_slug(slug)) << slug;
    }
    EXPECT_TRUE(is_valid_slug(std::string(64, 'a')));
    EXPECT_FALSE(is_valid_slug(std::string(65, 'a')));

    auto p = mobilisesme();
    p.slug = "Mobilise SME";
    auto status = validate_programme(p);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(fields_of(status.error()), std::vector<std::string>{"slug"});
}

TEST(Programme, NameIsTrimmedAndBounded) {
    auto p = mobilisesme();
    p.name = "   \t";
    EXPECT_EQ(fields_of(validate_programme(p).error()), std::vector<std::string>{"name"});
    p.name = "  " + std::string(200, 'x') + "  ";
    EXPECT_TRUE(validate_programme(p).ok());
    p.name = std::string(201, 'x');
    EXPECT_FALSE(validate_programme(p).ok());
    // Characters, not bytes: 200 two-byte characters fit.
    p.name.clear();
    for (int i = 0; i < 200; ++i) {
        p.name += "ü";
    }
    EXPECT_TRUE(validate_programme(p).ok());
}

TEST(Programme, SettingsRules) {
    auto p = mobilisesme();
    p.settings.default_language = "es";
    EXPECT_EQ(fields_of(validate_programme(p).error()), std::vector<std::string>{"default_language"});
    for (const char* language : {"en", "fr", "de", "it"}) {
        p.settings.default_language = language;
        EXPECT_TRUE(validate_programme(p).ok()) << language;
    }

    p.settings.exchange_min_days = 30;
    p.settings.exchange_max_days = 30;  // min == max is allowed
    EXPECT_TRUE(validate_programme(p).ok());
    p.settings.exchange_max_days = 29;
    EXPECT_EQ(fields_of(validate_programme(p).error()), std::vector<std::string>{"exchange_max_days"});
    p.settings.exchange_min_days = 0;
    p.settings.exchange_max_days = 10;
    EXPECT_EQ(fields_of(validate_programme(p).error()), std::vector<std::string>{"exchange_min_days"});
    p.settings.exchange_min_days = 1;
    p.settings.exchange_max_days = 1;
    EXPECT_TRUE(validate_programme(p).ok());
    p.settings.suppression_threshold = 0;
    EXPECT_EQ(fields_of(validate_programme(p).error()), std::vector<std::string>{"suppression_threshold"});
}

TEST(Programme, ReportsEveryBrokenRule) {
    ScheduleSettings schedule;
    schedule.reminder_max = -1;
    Programme p{"-bad", "", ProgrammeKind::mentoring, {0, -1, 0, "xx", "", 0, schedule}};
    auto status = validate_programme(p);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(fields_of(status.error()),
              (std::vector<std::string>{"slug", "name", "default_language", "exchange_min_days", "exchange_max_days",
                                        "suppression_threshold", "schedule.reminder_max"}));
}

// ---------------------------------------------------------------------------
// Organisation

OrganisationDraft valid_organisation() {
    return {"Atelier Dupont SPRL", "BE", "C25", "small"};
}

TEST(Organisation, SizeClassesRoundTrip) {
    for (const auto size : {SizeClass::micro, SizeClass::small, SizeClass::medium, SizeClass::large}) {
        auto parsed = parse_size_class(to_string(size));
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(*parsed, size);
    }
    EXPECT_FALSE(parse_size_class("Small").ok());
    EXPECT_FALSE(parse_size_class("tiny").ok());
}

TEST(Organisation, RegistersAValidDraft) {
    auto org = register_organisation(valid_organisation());
    ASSERT_TRUE(org.ok());
    EXPECT_EQ(*org, (Organisation{"Atelier Dupont SPRL", "BE", "C25", SizeClass::small}));

    auto section = register_organisation({"Müller GmbH", "DE", "C", "micro"});
    ASSERT_TRUE(section.ok());
    EXPECT_EQ(section->sector, "C");  // codes are kept as given: reach counts them so
}

TEST(Organisation, TrimsTheName) {
    auto draft = valid_organisation();
    draft.name = "  \tAtelier Dupont \n";
    auto org = register_organisation(draft);
    ASSERT_TRUE(org.ok());
    EXPECT_EQ(org->name, "Atelier Dupont");
    draft.name = std::string(200, 'n');
    EXPECT_TRUE(register_organisation(draft).ok());
    draft.name = std::string(201, 'n');
    EXPECT_EQ(fields_of(register_organisation(draft).error()), std::vector<std::string>{"name"});
}

TEST(Organisation, CountryMustBeIsoAlpha2) {
    for (const char* country : {"be", "XX", "UK", "BEL", "", " BE"}) {
        auto draft = valid_organisation();
        draft.country = country;
        auto org = register_organisation(draft);
        ASSERT_FALSE(org.ok()) << country;
        EXPECT_EQ(fields_of(org.error()), std::vector<std::string>{"country"}) << country;
        EXPECT_NE(message_for(org.error(), "country").find("not an ISO 3166-1 alpha-2 code"), std::string::npos);
    }
}

TEST(Organisation, SectorMustBeNaceSectionOrDivision) {
    for (const char* sector : {"B25", "25", "c", "C25.1", "Z", "", "C99"}) {
        auto draft = valid_organisation();
        draft.sector = sector;
        auto org = register_organisation(draft);
        ASSERT_FALSE(org.ok()) << sector;
        EXPECT_EQ(fields_of(org.error()), std::vector<std::string>{"sector"}) << sector;
        EXPECT_EQ(message_for(org.error(), "sector"), "not a NACE Rev. 2 section (C) or division (C25)");
    }
}

TEST(Organisation, ReportsAllErrorsAtOnce) {
    auto org = register_organisation({"   ", "be", "25", "huge"});
    ASSERT_FALSE(org.ok());
    EXPECT_EQ(org.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(fields_of(org.error()), (std::vector<std::string>{"name", "country", "sector", "size"}));
    for (const auto& f : org.error().fields) {
        EXPECT_FALSE(f.message.empty()) << f.field;
    }
}

// ---------------------------------------------------------------------------
// Participant

ParticipantDraft valid_participant() {
    return {7, "employee", "Marie Dupont", "marie@dupont.be", "fr"};
}

TEST(Participant, RolesRoundTrip) {
    for (const auto role : {ParticipantRole::employee, ParticipantRole::mentor, ParticipantRole::contact}) {
        auto parsed = parse_participant_role(to_string(role));
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(*parsed, role);
    }
    EXPECT_FALSE(parse_participant_role("manager").ok());
}

TEST(Participant, AddsAValidDraft) {
    auto draft = valid_participant();
    draft.name = " Marie Dupont ";
    draft.email = " marie@dupont.be ";
    auto p = add_participant(draft);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(*p, (Participant{7, ParticipantRole::employee, "Marie Dupont", "marie@dupont.be", "fr"}));
}

TEST(Participant, EmailEdgeCases) {
    for (const char* email : {"a@b.c", "first.last+tag@sub.example.eu", "o'brien@example.ie", "x@xn--mller-kva.de"}) {
        EXPECT_TRUE(is_plausible_email(email)) << email;
    }
    for (const char* email : {"", "plain", "@example.com", "a@", "a@localhost", "a@@b.c", "a@b@c.d", "a b@c.d",
                              "a@b c.d", "a@.b", "a@b.", "a@b..c", "a\t@b.c", "a@b.c\n"}) {
        EXPECT_FALSE(is_plausible_email(email)) << email;
    }
    const std::string domain = "@" + std::string(63, 'd') + "." + std::string(63, 'd') + ".eu";  // 131 characters
    EXPECT_TRUE(is_plausible_email(std::string(64, 'l') + domain));
    EXPECT_FALSE(is_plausible_email(std::string(65, 'l') + domain));  // local part over 64
    const std::string long_domain = "@" + std::string(100, 'd') + "." + std::string(100, 'd') + ".eu";
    const std::string at_limit = std::string(254 - long_domain.size(), 'l') + long_domain;
    ASSERT_EQ(at_limit.size(), 254u);
    ASSERT_LE(254 - long_domain.size(), 64u);
    EXPECT_TRUE(is_plausible_email(at_limit));
    EXPECT_FALSE(is_plausible_email("l" + at_limit));

    auto draft = valid_participant();
    draft.email = "marie at dupont.be";
    EXPECT_EQ(fields_of(add_participant(draft).error()), std::vector<std::string>{"email"});
}

TEST(Participant, ReportsAllErrorsAtOnce) {
    auto p = add_participant({0, "boss", "  ", "nobody", "es"});
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(fields_of(p.error()), (std::vector<std::string>{"organisation_id", "role", "name", "email", "language"}));
}

TEST(Participant, LanguageIsOneOfTheFour) {
    auto draft = valid_participant();
    for (const char* language : {"en", "fr", "de", "it"}) {
        draft.language = language;
        EXPECT_TRUE(add_participant(draft).ok()) << language;
    }
    for (const char* language : {"", "EN", "nl", "en-GB"}) {
        draft.language = language;
        EXPECT_EQ(fields_of(add_participant(draft).error()), std::vector<std::string>{"language"}) << language;
    }
}

// ---------------------------------------------------------------------------
// Exchange

ExchangeDraft exchange(std::string starts_on, std::string ends_on) {
    return {1, 2, 10, 1, std::move(starts_on), std::move(ends_on)};
}

TEST(Exchange, PlansAValidExchange) {
    auto e = plan_exchange(exchange("2024-03-01", "2024-03-31"), {});
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->sending_organisation_id, 1);
    EXPECT_EQ(e->hosting_organisation_id, 2);
    EXPECT_EQ(e->participant_id, 10);
    EXPECT_EQ(e->starts_on, (CalendarDate{2024, 3, 1}));
    EXPECT_EQ(e->ends_on, (CalendarDate{2024, 3, 31}));
    EXPECT_EQ(e->duration_days, 31);
    EXPECT_EQ(e->status, EngagementStatus::planned);
}

TEST(Exchange, MobiliseSmeBoundsAreInclusive) {
    const ProgrammeSettings settings;  // 14 to 61 days
    // 2024-03-01 + 13 days = 2024-03-14: 14 days counted inclusively.
    auto shortest = plan_exchange(exchange("2024-03-01", "2024-03-14"), settings);
    ASSERT_TRUE(shortest.ok());
    EXPECT_EQ(shortest->duration_days, 14);
    // 2024-03-01 .. 2024-04-30 is 31 + 30 = 61 days.
    auto longest = plan_exchange(exchange("2024-03-01", "2024-04-30"), settings);
    ASSERT_TRUE(longest.ok());
    EXPECT_EQ(longest->duration_days, 61);

    auto too_short = plan_exchange(exchange("2024-03-01", "2024-03-13"), settings);
    ASSERT_FALSE(too_short.ok());
    EXPECT_EQ(fields_of(too_short.error()), std::vector<std::string>{"ends_on"});
    const std::string message = message_for(too_short.error(), "ends_on");
    EXPECT_NE(message.find("14"), std::string::npos) << message;
    EXPECT_NE(message.find("61"), std::string::npos) << message;
    EXPECT_NE(message.find("13"), std::string::npos) << message;

    auto too_long = plan_exchange(exchange("2024-03-01", "2024-05-01"), settings);
    ASSERT_FALSE(too_long.ok());
    EXPECT_EQ(fields_of(too_long.error()), std::vector<std::string>{"ends_on"});
    EXPECT_NE(message_for(too_long.error(), "ends_on").find("62"), std::string::npos);
}

TEST(Exchange, CountsTheLeapDay) {
    // 2024-02-16 .. 2024-02-29 is 14 days; in 2023 the same span would not parse.
    auto leap = plan_exchange(exchange("2024-02-16", "2024-02-29"), {});
    ASSERT_TRUE(leap.ok());
    EXPECT_EQ(leap->duration_days, 14);
    auto across = plan_exchange(exchange("2024-02-20", "2024-03-04"), {});
    ASSERT_TRUE(across.ok());
    EXPECT_EQ(across->duration_days, 14);
    auto not_leap = plan_exchange(exchange("2023-02-20", "2023-03-04"), {});
    ASSERT_FALSE(not_leap.ok());  // 13 days without 29 February
    auto no_such_day = plan_exchange(exchange("2023-02-16", "2023-02-29"), {});
    ASSERT_FALSE(no_such_day.ok());
    EXPECT_EQ(fields_of(no_such_day.error()), std::vector<std::string>{"ends_on"});
}

TEST(Exchange, UsesTheProgrammeBounds) {
    ProgrammeSettings settings;
    settings.exchange_min_days = 1;
    settings.exchange_max_days = 5;
    EXPECT_TRUE(plan_exchange(exchange("2024-03-01", "2024-03-01"), settings).ok());  // one day
    EXPECT_TRUE(plan_exchange(exchange("2024-03-01", "2024-03-05"), settings).ok());
    EXPECT_FALSE(plan_exchange(exchange("2024-03-01", "2024-03-06"), settings).ok());
}

TEST(Exchange, EndMustNotPrecedeStart) {
    auto e = plan_exchange(exchange("2024-03-31", "2024-03-01"), {});
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(fields_of(e.error()), std::vector<std::string>{"ends_on"});
    EXPECT_NE(message_for(e.error(), "ends_on").find("before starts_on"), std::string::npos);
}

TEST(Exchange, HostMustDifferFromSender) {
    auto draft = exchange("2024-03-01", "2024-03-31");
    draft.hosting_organisation_id = draft.sending_organisation_id;
    auto e = plan_exchange(draft, {});
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(fields_of(e.error()), std::vector<std::string>{"hosting_organisation_id"});
}

TEST(Exchange, EmployeeMustBelongToTheSender) {
    auto draft = exchange("2024-03-01", "2024-03-31");
    draft.participant_organisation_id = draft.hosting_organisation_id;
    auto e = plan_exchange(draft, {});
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(fields_of(e.error()), std::vector<std::string>{"participant_id"});
}

TEST(Exchange, ReportsAllErrorsAtOnce) {
    auto e = plan_exchange({3, 3, 10, 4, "2024-13-01", "someday"}, {});
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(fields_of(e.error()),
              (std::vector<std::string>{"hosting_organisation_id", "participant_id", "starts_on", "ends_on"}));
    auto ids = plan_exchange({0, -1, 0, 0, "2024-03-01", "2024-03-31"}, {});
    ASSERT_FALSE(ids.ok());
    EXPECT_EQ(fields_of(ids.error()),
              (std::vector<std::string>{"sending_organisation_id", "hosting_organisation_id", "participant_id"}));
}

// ---------------------------------------------------------------------------
// Engagement: mentoring, skills-monitor rounds, status lifecycle

TEST(EngagementMentoring, PlansAValidMentoring) {
    auto m = plan_mentoring({5, 50, 5, 6});
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(*m, (Mentoring{5, 50, 6, EngagementStatus::planned}));
}

TEST(EngagementMentoring, MentorBelongsToTheVolunteerAndTheSmeDiffers) {
    auto other_mentor = plan_mentoring({5, 50, 7, 6});
    ASSERT_FALSE(other_mentor.ok());
    EXPECT_EQ(fields_of(other_mentor.error()), std::vector<std::string>{"mentor_participant_id"});
    auto self = plan_mentoring({5, 50, 5, 5});
    ASSERT_FALSE(self.ok());
    EXPECT_EQ(fields_of(self.error()), std::vector<std::string>{"sme_organisation_id"});
    auto both = plan_mentoring({5, 50, 7, 5});
    ASSERT_FALSE(both.ok());
    EXPECT_EQ(fields_of(both.error()), (std::vector<std::string>{"mentor_participant_id", "sme_organisation_id"}));
}

TEST(EngagementSkillsRound, RoundLabels) {
    for (const char* round : {"2018", "2019", "wave-1", "a", "spring-2024"}) {
        EXPECT_TRUE(is_valid_round_label(round)) << round;
    }
    for (const char* round : {"", "Wave 1", "2018/19", "ronde_2", "été"}) {
        EXPECT_FALSE(is_valid_round_label(round)) << round;
    }
    EXPECT_TRUE(is_valid_round_label(std::string(32, 'r')));
    EXPECT_FALSE(is_valid_round_label(std::string(33, 'r')));

    auto r = plan_skills_round({42, "2018"});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, (SkillsRound{42, "2018", EngagementStatus::planned}));
    auto bad = plan_skills_round({0, "Round 1"});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(fields_of(bad.error()), (std::vector<std::string>{"respondent_participant_id", "round"}));
}

TEST(EngagementLifecycle, RoundTrips) {
    for (const auto s : {EngagementStatus::planned, EngagementStatus::matched, EngagementStatus::started,
                         EngagementStatus::completed, EngagementStatus::cancelled}) {
        auto parsed = parse_engagement_status(to_string(s));
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(*parsed, s);
    }
    EXPECT_FALSE(parse_engagement_status("done").ok());
    EXPECT_TRUE(is_final(EngagementStatus::completed));
    EXPECT_TRUE(is_final(EngagementStatus::cancelled));
    EXPECT_FALSE(is_final(EngagementStatus::started));
}

TEST(EngagementLifecycle, EveryTransitionAllowedOrRefused) {
    using S = EngagementStatus;
    const std::array all = {S::planned, S::matched, S::started, S::completed, S::cancelled};
    auto allowed = [](S from, S to) {
        return (from == S::planned && to == S::matched) || (from == S::matched && to == S::started) ||
               (from == S::started && to == S::completed) || (to == S::cancelled && !is_final(from));
    };
    int allowed_count = 0;
    for (const S from : all) {
        for (const S to : all) {
            auto result = transition(from, to);
            const std::string pair = std::string(to_string(from)) + " -> " + std::string(to_string(to));
            if (allowed(from, to)) {
                ++allowed_count;
                ASSERT_TRUE(result.ok()) << pair;
                EXPECT_EQ(*result, to) << pair;
            } else {
                ASSERT_FALSE(result.ok()) << pair;
                EXPECT_EQ(result.error().code, ErrorCode::failed_precondition) << pair;
                EXPECT_TRUE(result.error().fields.empty()) << pair;
                EXPECT_FALSE(result.error().message.empty()) << pair;
            }
        }
    }
    EXPECT_EQ(allowed_count, 6);  // three steps forward, three ways to cancel
}

TEST(EngagementLifecycle, RefusalsSayWhy) {
    using S = EngagementStatus;
    EXPECT_EQ(transition(S::planned, S::started).error().message,
              "cannot start an exchange that is not matched (it is planned)");
    EXPECT_EQ(transition(S::matched, S::completed).error().message,
              "cannot complete an exchange that is not started (it is matched)");
    EXPECT_EQ(transition(S::completed, S::cancelled).error().message,
              "cannot cancel an exchange that is already completed");
    EXPECT_EQ(transition(S::cancelled, S::started, ProgrammeKind::mentoring).error().message,
              "cannot start a mentoring engagement that is already cancelled");
    EXPECT_EQ(transition(S::matched, S::planned).error().message,
              "cannot re-plan an exchange: engagements are planned only when created (it is matched)");
}

}  // namespace
}  // namespace yardstick::domain
