#include "server/demo/demo_registry.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "yardstick/domain/registry.hpp"

namespace yardstick::server::demo {
namespace {

// MobiliseSME's published bounds: two weeks to two months, inclusive.
domain::ProgrammeSettings mobilisesme_settings() {
    domain::ProgrammeSettings settings;
    settings.exchange_min_days = 14;
    settings.exchange_max_days = 61;
    return settings;
}

const DemoProgramme& programme(std::string_view slug) {
    const auto& all = demo_programmes();
    const auto it = std::find_if(all.begin(), all.end(), [&](const auto& p) { return p.slug == slug; });
    if (it == all.end()) {
        ADD_FAILURE() << "no demo programme " << slug;
        return all.front();
    }
    return *it;
}

std::map<std::string, const DemoOrganisation*> organisations_by_reference(const DemoProgramme& p) {
    std::map<std::string, const DemoOrganisation*> index;
    for (const auto& organisation : p.organisations) {
        index[organisation.reference] = &organisation;
    }
    return index;
}

std::map<std::string, const DemoParticipant*> participants_by_reference(const DemoProgramme& p) {
    std::map<std::string, const DemoParticipant*> index;
    for (const auto& participant : p.participants) {
        index[participant.reference] = &participant;
    }
    return index;
}

std::int64_t duration_days(const DemoEngagement& exchange) {
    const auto starts = domain::parse_date(exchange.starts_on);
    const auto ends = domain::parse_date(exchange.ends_on);
    if (!starts || !ends) {
        ADD_FAILURE() << exchange.reference << ": unparseable dates";
        return 0;
    }
    return domain::days_between(*starts, *ends) + 1;
}

// Every field of every row, one row per line: equal text means equal data.
std::string serialise(const std::vector<DemoProgramme>& programmes) {
    std::string text;
    const auto row = [&](std::initializer_list<std::string_view> fields) {
        for (const auto field : fields) {
            text += field;
            text += '\x1f';
        }
        text += '\n';
    };
    for (const auto& p : programmes) {
        row({"programme", p.slug, p.template_key, p.name});
        for (const auto& o : p.organisations) {
            row({o.reference, o.draft.name, o.draft.country, o.draft.sector, o.draft.size});
        }
        for (const auto& x : p.participants) {
            row({x.reference, x.organisation_reference, x.role, x.name, x.email, x.language});
        }
        for (const auto& e : p.engagements) {
            row({e.reference, e.kind, e.sending_organisation_reference, e.hosting_organisation_reference,
                 e.participant_reference, e.starts_on, e.ends_on, e.volunteer_organisation_reference,
                 e.mentor_participant_reference, e.sme_organisation_reference, e.respondent_participant_reference,
                 e.round});
        }
    }
    return text;
}

// FNV-1a, 64 bits: a fingerprint that is the same on every platform.
std::uint64_t fingerprint(std::string_view text) {
    std::uint64_t hash = 0xCBF29CE484222325ULL;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001B3ULL;
    }
    return hash;
}

TEST(DemoRegistry, ProgrammesComeInTheDocumentedOrder) {
    const auto& all = demo_programmes();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].slug, "mobilisesme-pilot");
    EXPECT_EQ(all[0].template_key, "mobilisesme");
    EXPECT_EQ(all[0].name, "MobiliseSME pilot");
    EXPECT_EQ(all[1].slug, "digital-volunteers");
    EXPECT_EQ(all[1].template_key, "digital-volunteers");
    EXPECT_EQ(all[2].slug, "skills-monitor");
    EXPECT_EQ(all[2].template_key, "skills-monitor");
}

TEST(DemoRegistry, EveryProgrammePassesTheDomainRules) {
    for (const auto& p : demo_programmes()) {
        const auto settings = p.template_key == "mobilisesme" ? mobilisesme_settings() : domain::ProgrammeSettings{};
        const auto problems = check_demo_programme(p, settings);
        EXPECT_TRUE(problems.empty()) << p.slug << ": " << problems.size() << " problems, first: " << problems.front();
    }
}

TEST(DemoRegistry, IsDeterministic) {
    const auto first = build_demo_programmes();
    const auto second = build_demo_programmes();
    EXPECT_EQ(serialise(first), serialise(second));
    EXPECT_EQ(serialise(first), serialise(demo_programmes()));
}

TEST(DemoRegistry, FingerprintChangesOnlyWithTheDataVersion) {
    // The same on every platform (no std:: distributions, no random device).
    // When the data changes on purpose, bump kDemoDataVersion and update both
    // numbers here; a loader that ran before will add only new references.
    EXPECT_EQ(kDemoDataVersion, 2);
    EXPECT_EQ(fingerprint(serialise(demo_programmes())), 0x516CAEC6C51A69BDULL)
        << std::hex << "0x" << fingerprint(serialise(demo_programmes()));
}

TEST(DemoRegistry, Version2OnlyAddsTheSkillsMonitorsSecondRound) {
    // A loader never updates a stored row: version 1's rows stay as they were.
    auto first_version = build_demo_programmes();
    auto& skills = first_version.back();
    std::set<std::string> joining;
    std::erase_if(skills.organisations, [&](const DemoOrganisation& o) {
        return o.reference > "sm-org-30" && joining.insert(o.reference).second;
    });
    std::erase_if(skills.participants,
                  [&](const DemoParticipant& x) { return joining.count(x.organisation_reference) != 0; });
    std::erase_if(skills.engagements, [](const DemoEngagement& e) { return e.round == "2019"; });
    EXPECT_EQ(joining.size(), 5u);
    EXPECT_EQ(fingerprint(serialise(first_version)), 0xC71C40C314D2617AULL) << "version 1's fingerprint";
}

TEST(DemoRegistry, EmailsAreUniqueAndOnReservedDomains) {
    // RFC 2606 reserves these for examples: no demo mail can reach a real person.
    const std::set<std::string> reserved{"example.org", "example.com", "example.net"};
    std::set<std::string> seen;
    for (const auto& p : demo_programmes()) {
        for (const auto& participant : p.participants) {
            const auto& email = participant.email;
            EXPECT_TRUE(seen.insert(email).second) << email << " used twice";
            const auto at = email.find('@');
            ASSERT_NE(at, std::string::npos) << email;
            EXPECT_EQ(reserved.count(email.substr(at + 1)), 1u) << email;
            const std::string local = email.substr(0, at);
            EXPECT_EQ(local.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-"), std::string::npos) << email;
            EXPECT_TRUE(domain::is_plausible_email(email)) << email;
        }
    }
}

TEST(DemoRegistry, ReferencesAreUniqueAcrossAllProgrammes) {
    // The loader may key on references alone, whatever programme a row is in.
    std::set<std::string> seen;
    for (const auto& p : demo_programmes()) {
        for (const auto& o : p.organisations) {
            EXPECT_TRUE(seen.insert(o.reference).second) << o.reference;
        }
        for (const auto& x : p.participants) {
            EXPECT_TRUE(seen.insert(x.reference).second) << x.reference;
        }
        for (const auto& e : p.engagements) {
            EXPECT_TRUE(seen.insert(e.reference).second) << e.reference;
        }
    }
}

TEST(DemoRegistry, CheckReportsBrokenRows) {
    DemoProgramme broken = programme("mobilisesme-pilot");
    broken.organisations[1].reference = broken.organisations[0].reference;
    broken.organisations[2].draft.country = "XX";
    broken.participants[1].email = broken.participants[0].email;
    broken.engagements[0].ends_on = broken.engagements[0].starts_on;  // one day, below 14
    broken.engagements[1].hosting_organisation_reference = broken.engagements[1].sending_organisation_reference;
    broken.engagements[2].participant_reference = "nobody";
    const auto problems = check_demo_programme(broken, mobilisesme_settings());
    const auto mentions = [&](std::string_view needle) {
        return std::any_of(problems.begin(), problems.end(),
                           [&](const std::string& problem) { return problem.find(needle) != std::string::npos; });
    };
    EXPECT_TRUE(mentions("reference used more than once"));
    EXPECT_TRUE(mentions("invalid country"));
    EXPECT_TRUE(mentions("used by another participant"));
    EXPECT_TRUE(mentions(broken.engagements[0].reference + ": invalid ends_on"));
    EXPECT_TRUE(mentions(broken.engagements[1].reference + ": invalid hosting_organisation_id"));
    EXPECT_TRUE(mentions("no participant \"nobody\""));

    DemoProgramme wrong_kind = programme("skills-monitor");
    wrong_kind.template_key = "mobilisesme";
    EXPECT_FALSE(check_demo_programme(wrong_kind, mobilisesme_settings()).empty());
}

TEST(DemoMobiliseSme, HasThePublishedScale) {
    const auto& p = programme("mobilisesme-pilot");
    EXPECT_EQ(p.organisations.size(), 400u);
    EXPECT_EQ(p.engagements.size(), 54u);
    for (const auto& e : p.engagements) {
        EXPECT_EQ(e.kind, "exchange");
    }
}

TEST(DemoMobiliseSme, Spans23SectorsAnd16CountriesEitherWayOfCounting) {
    const auto& p = programme("mobilisesme-pilot");
    const auto organisations = organisations_by_reference(p);
    std::set<std::string> exchange_sectors;
    std::set<std::string> exchange_countries;
    for (const auto& e : p.engagements) {
        for (const auto& reference : {e.sending_organisation_reference, e.hosting_organisation_reference}) {
            const DemoOrganisation* organisation = organisations.at(reference);
            exchange_sectors.insert(organisation->draft.sector);
            exchange_countries.insert(organisation->draft.country);
        }
    }
    EXPECT_EQ(exchange_sectors.size(), 23u);
    EXPECT_EQ(exchange_countries.size(), 16u);

    std::set<std::string> all_sectors;
    std::set<std::string> all_countries;
    for (const auto& organisation : p.organisations) {
        all_sectors.insert(organisation.draft.sector);
        all_countries.insert(organisation.draft.country);
    }
    EXPECT_EQ(all_sectors.size(), 23u);
    EXPECT_EQ(all_countries.size(), 16u);
}

TEST(DemoMobiliseSme, CountriesAreEuOrEea) {
    const std::set<std::string> eu_eea{"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
                                       "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
                                       "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"};
    for (const auto& organisation : programme("mobilisesme-pilot").organisations) {
        EXPECT_EQ(eu_eea.count(organisation.draft.country), 1u) << organisation.reference;
    }
}

TEST(DemoMobiliseSme, SmesDominate) {
    std::map<std::string, int> sizes;
    for (const auto& organisation : programme("mobilisesme-pilot").organisations) {
        ++sizes[organisation.draft.size];
    }
    EXPECT_GT(sizes["micro"], 0);
    EXPECT_GT(sizes["small"], 0);
    EXPECT_GT(sizes["medium"], 0);
    EXPECT_LT(sizes["large"], 400 / 20);  // under 5 %
}

TEST(DemoMobiliseSme, ExchangesAreCrossBorder) {
    const auto& p = programme("mobilisesme-pilot");
    const auto organisations = organisations_by_reference(p);
    for (const auto& e : p.engagements) {
        EXPECT_NE(organisations.at(e.sending_organisation_reference)->draft.country,
                  organisations.at(e.hosting_organisation_reference)->draft.country)
            << e.reference;
    }
}

TEST(DemoMobiliseSme, DurationsStayWithinTheBoundsAndReachBoth) {
    std::set<std::int64_t> durations;
    for (const auto& e : programme("mobilisesme-pilot").engagements) {
        const std::int64_t days = duration_days(e);
        EXPECT_GE(days, 14) << e.reference;
        EXPECT_LE(days, 61) << e.reference;
        durations.insert(days);
    }
    EXPECT_EQ(durations.count(14), 1u);
    EXPECT_EQ(durations.count(61), 1u);
    EXPECT_GE(durations.size(), 20u) << "durations should be spread, not a few fixed values";
}

TEST(DemoMobiliseSme, ExchangesFallWithinThePilot) {
    // The pilot ran from November 2016 to June 2017; every date is also in 2017–2018.
    for (const auto& e : programme("mobilisesme-pilot").engagements) {
        EXPECT_GE(e.starts_on, "2017-01-01") << e.reference;
        EXPECT_LE(e.ends_on, "2017-06-30") << e.reference;
    }
}

TEST(DemoMobiliseSme, TravellersAreEmployeesOfTheSenderAndBothSidesHaveAContact) {
    const auto& p = programme("mobilisesme-pilot");
    const auto participants = participants_by_reference(p);
    std::set<std::string> with_contact;
    for (const auto& participant : p.participants) {
        if (participant.role == "contact") {
            with_contact.insert(participant.organisation_reference);
        }
    }
    for (const auto& e : p.engagements) {
        const DemoParticipant* traveller = participants.at(e.participant_reference);
        EXPECT_EQ(traveller->role, "employee") << e.reference;
        EXPECT_EQ(traveller->organisation_reference, e.sending_organisation_reference) << e.reference;
        EXPECT_EQ(with_contact.count(e.sending_organisation_reference), 1u) << e.reference;
        EXPECT_EQ(with_contact.count(e.hosting_organisation_reference), 1u) << e.reference;
    }
}

TEST(DemoMobiliseSme, ParticipantsSpeakTheirCountrysSupportedLanguage) {
    const auto& p = programme("mobilisesme-pilot");
    const auto organisations = organisations_by_reference(p);
    const std::map<std::string, std::set<std::string>> expected{{"BE", {"fr", "de"}}, {"AT", {"de"}}, {"DE", {"de"}},
                                                                {"FR", {"fr"}},       {"LU", {"fr"}}, {"IT", {"it"}},
                                                                {"IE", {"en"}},       {"MT", {"en"}}};
    for (const auto& participant : p.participants) {
        const std::string& country = organisations.at(participant.organisation_reference)->draft.country;
        const auto it = expected.find(country);
        const std::set<std::string> allowed = it == expected.end() ? std::set<std::string>{"en"} : it->second;
        EXPECT_EQ(allowed.count(participant.language), 1u) << participant.reference << " in " << country;
    }
}

TEST(DemoDigitalVolunteers, MentorsFromLargeCompaniesMentorOtherSmes) {
    const auto& p = programme("digital-volunteers");
    const auto organisations = organisations_by_reference(p);
    const auto participants = participants_by_reference(p);
    std::set<std::string> volunteers;
    std::set<std::string> smes;
    for (const auto& e : p.engagements) {
        EXPECT_EQ(e.kind, "mentoring");
        const DemoParticipant* mentor = participants.at(e.mentor_participant_reference);
        EXPECT_EQ(mentor->role, "mentor") << e.reference;
        EXPECT_EQ(mentor->organisation_reference, e.volunteer_organisation_reference) << e.reference;
        EXPECT_NE(e.sme_organisation_reference, e.volunteer_organisation_reference) << e.reference;
        EXPECT_EQ(organisations.at(e.volunteer_organisation_reference)->draft.size, "large") << e.reference;
        EXPECT_NE(organisations.at(e.sme_organisation_reference)->draft.size, "large") << e.reference;
        volunteers.insert(e.volunteer_organisation_reference);
        smes.insert(e.sme_organisation_reference);
    }
    EXPECT_EQ(volunteers.size(), 6u);
    EXPECT_EQ(smes.size(), 40u);
    EXPECT_EQ(p.engagements.size(), 40u);
    EXPECT_EQ(
        std::count_if(p.participants.begin(), p.participants.end(), [](const auto& x) { return x.role == "mentor"; }),
        12);
    EXPECT_EQ(
        std::count_if(p.participants.begin(), p.participants.end(), [](const auto& x) { return x.role == "contact"; }),
        40);
}

TEST(DemoSkillsMonitor, NinetyEmployeesOfThirtySmesAnswerRound2018) {
    const auto& p = programme("skills-monitor");
    const auto participants = participants_by_reference(p);
    std::set<std::string> respondents;
    std::set<std::string> smes;
    for (const auto& e : p.engagements) {
        EXPECT_EQ(e.kind, "skills-monitor");
        EXPECT_EQ(participants.at(e.respondent_participant_reference)->role, "employee");
        if (e.round == "2018") {
            respondents.insert(e.respondent_participant_reference);
            smes.insert(participants.at(e.respondent_participant_reference)->organisation_reference);
        }
    }
    EXPECT_EQ(respondents.size(), 90u);
    EXPECT_EQ(smes.size(), 30u);
    for (const auto& organisation : p.organisations) {
        EXPECT_NE(organisation.draft.size, "large") << organisation.reference;
    }
}

TEST(DemoSkillsMonitor, Round2019AsksMostOf2018AgainAndSomeNewRespondents) {
    const auto& p = programme("skills-monitor");
    EXPECT_EQ(p.organisations.size(), 35u);
    EXPECT_EQ(p.participants.size(), 105u);
    EXPECT_EQ(p.engagements.size(), 90u + 87u);
    const auto participants = participants_by_reference(p);
    std::map<std::string, std::set<std::string>> respondents;  // by round
    std::map<std::string, std::set<std::string>> smes;
    std::vector<std::string> rounds;
    for (const auto& e : p.engagements) {
        EXPECT_TRUE(respondents[e.round].insert(e.respondent_participant_reference).second)
            << e.reference << ": one engagement per respondent and round";
        smes[e.round].insert(participants.at(e.respondent_participant_reference)->organisation_reference);
        if (rounds.empty() || rounds.back() != e.round) {
            rounds.push_back(e.round);
        }
    }
    EXPECT_EQ(rounds, (std::vector<std::string>{"2018", "2019"})) << "engagements listed round by round";
    ASSERT_EQ(respondents["2019"].size(), 87u);
    std::size_t again = 0;
    for (const auto& respondent : respondents["2019"]) {
        again += respondents["2018"].count(respondent);
    }
    EXPECT_EQ(again, 72u) << "a panel: most 2018 respondents answer again";
    EXPECT_EQ(smes["2019"].size(), 31u) << "26 SMEs stay, 5 join";
    std::size_t staying = 0;
    for (const auto& sme : smes["2019"]) {
        staying += smes["2018"].count(sme);
    }
    EXPECT_EQ(staying, 26u);
}

}  // namespace
}  // namespace yardstick::server::demo
