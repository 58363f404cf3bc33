#include "server/demo/demo_registry.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/demo/demo_names.hpp"
#include "server/demo/demo_variety.hpp"
#include "yardstick/domain/result.hpp"

namespace yardstick::server::demo {

namespace {

// The variety (demo_variety.hpp) and the names (demo_names.hpp).
using internal::country_profile;
using internal::CountryProfile;
using internal::email_domain;
using internal::language_of;
using internal::NameBook;
using internal::numbered;
using internal::pick;
using internal::pick_weighted;
using internal::shuffle;
using internal::SplitMix64;

// ---------------------------------------------------------------------------
// Calendar

/// Howard Hinnant's civil_from_days, the inverse of domain::days_from_civil
/// (http://howardhinnant.github.io/date_algorithms.html).
domain::CalendarDate civil_from_days(std::int64_t days) noexcept {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto day_of_era = static_cast<std::int64_t>(days - era * 146097);
    const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t mp = (5 * day_of_year + 2) / 153;
    const auto day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
    const auto month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const auto year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
    return domain::CalendarDate{year, month, day};
}

std::string size_class(SplitMix64& rng, const std::vector<int>& micro_small_medium_large) {
    static constexpr std::array<std::string_view, 4> kSizes = {"micro", "small", "medium", "large"};
    return std::string(kSizes[pick_weighted(micro_small_medium_large, rng)]);
}

struct Weighted {
    std::vector<std::string_view> codes;
    std::vector<int> weights;
};

DemoParticipant make_participant(NameBook& names, const CountryProfile& profile, const DemoOrganisation& organisation,
                                 std::size_t organisation_number, std::string reference, std::string role,
                                 SplitMix64& rng) {
    DemoParticipant participant;
    participant.reference = std::move(reference);
    participant.organisation_reference = organisation.reference;
    participant.role = std::move(role);
    auto [name, email] = names.person(profile, email_domain(organisation_number), rng);
    participant.name = std::move(name);
    participant.email = std::move(email);
    participant.language = language_of(profile, rng);
    return participant;
}

// ---------------------------------------------------------------------------
// MobiliseSME pilot

// The published figures (European Entrepreneurs CEA-PME): about 400
// companies registered, 54 exchanges, 23 sectors, 16 countries.
constexpr std::size_t kMobiliseOrganisations = 400;
constexpr std::size_t kMobiliseExchanges = 54;
constexpr std::uint64_t kMobiliseSeed = 0x4D4F42494C495345ULL;  // "MOBILISE"

// The pilot's exchanges ran until June 2017 (pilot November 2016 to June
// 2017); these start on Mondays from 9 January 2017 and end by 30 June 2017.
constexpr domain::CalendarDate kFirstExchangeStart{2017, 1, 9};
constexpr domain::CalendarDate kLastExchangeEnd{2017, 6, 30};
constexpr int kShortestExchange = 14;  // two weeks
constexpr int kLongestExchange = 61;   // two months

DemoProgramme mobilisesme_pilot(NameBook& names) {
    SplitMix64 rng(kMobiliseSeed);
    // 16 EU countries; the weights are invented (larger economies register more).
    const Weighted countries{
        {"BE", "DE", "IT", "ES", "FR", "PL", "AT", "NL", "PT", "CZ", "IE", "HR", "FI", "DK", "LU", "MT"},
        {14, 12, 12, 10, 9, 8, 6, 6, 5, 4, 4, 3, 3, 3, 2, 2}};
    // 23 codes as given: divisions, and three sections where SMEs rarely
    // register more precisely (education, health, arts).
    const Weighted sectors{{"C10", "C16", "C22", "C25", "C28", "C33", "F43", "G46", "G47", "H49", "H52", "I55",
                            "I56", "J58", "J62", "J63", "M69", "M70", "M71", "M73", "P",   "Q",   "R"},
                           {6, 3, 3, 7, 6, 3, 6, 6, 5, 3, 3, 3, 4, 2, 9, 4, 4, 7, 5, 4, 2, 2, 2}};
    const std::vector<int> sizes{42, 34, 21, 3};

    struct Spec {
        std::size_t country = 0;
        std::size_t sector = 0;
    };
    std::vector<Spec> specs;  // exchange i: specs[2i] sends, specs[2i+1] hosts; then the others

    // Each country sends at least once and each sector appears at least once
    // among the exchanges' organisations, so that the organisations taking
    // part in exchanges, like all registered ones, span exactly 16 and 23.
    std::vector<std::size_t> every_country(countries.codes.size());
    std::vector<std::size_t> every_sector(sectors.codes.size());
    for (std::size_t i = 0; i < every_country.size(); ++i) {
        every_country[i] = i;
    }
    for (std::size_t i = 0; i < every_sector.size(); ++i) {
        every_sector[i] = i;
    }
    shuffle(every_country, rng);
    shuffle(every_sector, rng);
    for (std::size_t i = 0; i < kMobiliseExchanges; ++i) {
        const std::size_t sending = i < every_country.size() ? every_country[i] : pick_weighted(countries.weights, rng);
        std::size_t hosting = pick_weighted(countries.weights, rng);
        while (hosting == sending) {  // cross-border by definition
            hosting = pick_weighted(countries.weights, rng);
        }
        for (const std::size_t country : {sending, hosting}) {
            const std::size_t slot = specs.size();
            specs.push_back(
                {country, slot < every_sector.size() ? every_sector[slot] : pick_weighted(sectors.weights, rng)});
        }
    }
    while (specs.size() < kMobiliseOrganisations) {
        specs.push_back({pick_weighted(countries.weights, rng), pick_weighted(sectors.weights, rng)});
    }

    // References in a shuffled order, so the exchanges' organisations are
    // scattered through the register as they were on the platform.
    std::vector<std::size_t> order(specs.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    shuffle(order, rng);
    std::vector<std::size_t> number_of(specs.size());  // 1-based reference number of each spec
    for (std::size_t position = 0; position < order.size(); ++position) {
        number_of[order[position]] = position + 1;
    }

    DemoProgramme programme;
    programme.slug = "mobilisesme-pilot";
    programme.template_key = "mobilisesme";
    programme.name = "MobiliseSME pilot";
    programme.organisations.resize(specs.size());
    for (std::size_t s = 0; s < specs.size(); ++s) {
        const auto& profile = country_profile(countries.codes[specs[s].country]);
        const std::string_view sector = sectors.codes[specs[s].sector];
        DemoOrganisation& organisation = programme.organisations[number_of[s] - 1];
        organisation.reference = numbered("org", number_of[s], 4);
        organisation.draft.size = size_class(rng, sizes);
        organisation.draft.name = names.company(profile, sector, organisation.draft.size, rng);
        organisation.draft.country = std::string(profile.code);
        organisation.draft.sector = std::string(sector);
    }

    struct Plan {
        std::size_t exchange = 0;
        std::int64_t starts = 0;  // days since 1970-01-01
        int days = 0;
    };
    const std::int64_t first_start = domain::days_from_civil(kFirstExchangeStart);
    const std::int64_t last_end = domain::days_from_civil(kLastExchangeEnd);
    std::vector<Plan> plans;
    for (std::size_t i = 0; i < kMobiliseExchanges; ++i) {
        int days = kShortestExchange + static_cast<int>(rng.below(kLongestExchange - kShortestExchange + 1));
        // Both bounds are taken a few times: the rule is inclusive and the data should show it.
        if (i % 13 == 0) {
            days = kShortestExchange;
        } else if (i % 13 == 6) {
            days = kLongestExchange;
        }
        const std::int64_t latest_start = last_end - days + 1;
        const auto mondays = static_cast<std::size_t>((latest_start - first_start) / 7 + 1);
        plans.push_back({i, first_start + 7 * static_cast<std::int64_t>(rng.below(mondays)), days});
    }
    std::stable_sort(plans.begin(), plans.end(), [](const Plan& a, const Plan& b) { return a.starts < b.starts; });

    std::size_t contacts = 0;
    for (std::size_t n = 0; n < plans.size(); ++n) {
        const Plan& plan = plans[n];
        const std::size_t sending_number = number_of[2 * plan.exchange];
        const std::size_t hosting_number = number_of[2 * plan.exchange + 1];
        const DemoOrganisation& sending = programme.organisations[sending_number - 1];
        const DemoOrganisation& hosting = programme.organisations[hosting_number - 1];
        const auto& sending_profile = country_profile(sending.draft.country);
        const auto& hosting_profile = country_profile(hosting.draft.country);

        programme.participants.push_back(make_participant(names, sending_profile, sending, sending_number,
                                                          numbered("contact", ++contacts, 4), "contact", rng));
        programme.participants.push_back(make_participant(names, sending_profile, sending, sending_number,
                                                          numbered("emp", n + 1, 4), "employee", rng));
        std::string traveller = programme.participants.back().reference;
        programme.participants.push_back(make_participant(names, hosting_profile, hosting, hosting_number,
                                                          numbered("contact", ++contacts, 4), "contact", rng));

        DemoEngagement exchange;
        exchange.reference = numbered("exchange", n + 1, 2);
        exchange.kind = "exchange";
        exchange.sending_organisation_reference = sending.reference;
        exchange.hosting_organisation_reference = hosting.reference;
        exchange.participant_reference = std::move(traveller);
        exchange.starts_on = domain::to_string(civil_from_days(plan.starts));
        exchange.ends_on = domain::to_string(civil_from_days(plan.starts + plan.days - 1));
        programme.engagements.push_back(std::move(exchange));
    }
    return programme;
}

// ---------------------------------------------------------------------------
// Digital Volunteers

constexpr std::uint64_t kVolunteersSeed = 0x564F4C554E544545ULL;  // "VOLUNTEE"
constexpr std::size_t kMentorsPerVolunteer = 2;
constexpr std::size_t kMentoredSmes = 40;

struct Volunteer {
    std::string_view name;
    std::string_view country;
    std::string_view sector;
};

// Large companies lending their digital experts (telecoms, banking,
// insurance, IT services), as in the pilot; the names are invented.
constexpr std::array<Volunteer, 6> kVolunteers = {{
    {"Helmbrecht Digital AG", "DE", "J62"},
    {"Banque Valmorin SA", "FR", "K64"},
    {"Telecomunicazioni Aurelia S.p.A.", "IT", "J61"},
    {"Assurances Ardenne-Meuse SA", "BE", "K65"},
    {"Nubeluz Servicios Cloud S.A.", "ES", "J63"},
    {"Oosterkade Digital B.V.", "NL", "J62"},
}};

DemoProgramme digital_volunteers(NameBook& names) {
    SplitMix64 rng(kVolunteersSeed);
    // SMEs far from digital: shops, restaurants, crafts, small services.
    const Weighted sectors{{"G47", "I56", "I55", "C10", "C14", "F43", "M69", "M74", "N79", "S96", "R93"},
                           {8, 6, 3, 3, 2, 4, 3, 2, 2, 3, 1}};
    const std::vector<std::string_view> other_countries{"AT", "PT", "IE", "PL", "LU", "DE", "FR", "IT"};
    const std::vector<int> sizes{55, 40, 5, 0};

    DemoProgramme programme;
    programme.slug = "digital-volunteers";
    programme.template_key = "digital-volunteers";
    programme.name = "Digital Volunteers pilot";

    std::size_t mentors = 0;
    for (const Volunteer& volunteer : kVolunteers) {
        DemoOrganisation organisation;
        organisation.reference = numbered("dv-org", programme.organisations.size() + 1, 2);
        organisation.draft = {names.company(std::string(volunteer.name)), std::string(volunteer.country),
                              std::string(volunteer.sector), "large"};
        programme.organisations.push_back(std::move(organisation));
        const std::size_t number = programme.organisations.size();
        for (std::size_t m = 0; m < kMentorsPerVolunteer; ++m) {
            programme.participants.push_back(make_participant(names, country_profile(volunteer.country),
                                                              programme.organisations.back(), number,
                                                              numbered("dv-mentor", ++mentors, 2), "mentor", rng));
        }
    }

    for (std::size_t i = 0; i < kMentoredSmes; ++i) {
        // Mentors take three or four SMEs each, mostly in their own country.
        const std::size_t mentor = i % mentors;
        const std::size_t volunteer = mentor / kMentorsPerVolunteer;
        const std::string_view country = rng.percent(75) ? kVolunteers[volunteer].country : pick(other_countries, rng);
        const auto& profile = country_profile(country);
        const std::string_view sector = sectors.codes[pick_weighted(sectors.weights, rng)];

        DemoOrganisation sme;
        sme.reference = numbered("dv-org", programme.organisations.size() + 1, 2);
        const std::string size = size_class(rng, sizes);
        sme.draft = {names.company(profile, sector, size, rng), std::string(country), std::string(sector), size};
        programme.organisations.push_back(std::move(sme));
        programme.participants.push_back(make_participant(names, profile, programme.organisations.back(),
                                                          programme.organisations.size(),
                                                          numbered("dv-contact", i + 1, 2), "contact", rng));

        DemoEngagement mentoring;
        mentoring.reference = numbered("mentoring", i + 1, 2);
        mentoring.kind = "mentoring";
        mentoring.volunteer_organisation_reference = programme.organisations[volunteer].reference;
        mentoring.mentor_participant_reference = programme.participants[mentor].reference;
        mentoring.sme_organisation_reference = programme.organisations.back().reference;
        programme.engagements.push_back(std::move(mentoring));
    }
    return programme;
}

// ---------------------------------------------------------------------------
// Skills monitor

constexpr std::uint64_t kSkillsSeed = 0x534B494C4C533138ULL;       // "SKILLS18"
constexpr std::uint64_t kSecondRoundSeed = 0x534B494C4C533139ULL;  // "SKILLS19"
constexpr std::size_t kSkillsSmes = 30;
// An IT professional, an advanced user and a manager per SME: the study's
// three target groups. The registry knows them all as employees.
constexpr std::size_t kRespondentsPerSme = 3;
constexpr std::string_view kFirstRound = "2018";
// The second round is a panel with attrition and refreshment, as repeated
// surveys are: 4 of the 30 SMEs leave, 6 of the remaining 78 respondents
// have left their company, and 5 SMEs join with their three respondents:
// 72 returning and 15 new respondents, 87 in all.
constexpr std::string_view kSecondRound = "2019";
constexpr std::size_t kSmesLeaving = 4;
constexpr std::size_t kRespondentsLeaving = 6;
constexpr std::size_t kSmesJoining = 5;

/// The skills monitor's SMEs as drawn: countries, sectors and sizes.
struct SkillsPopulation {
    Weighted countries;
    Weighted sectors;
    std::vector<int> sizes;
};

/// Registers SME number `number` (1-based) and its three respondents.
void add_skills_sme(DemoProgramme& programme, NameBook& names, const SkillsPopulation& population, std::size_t number,
                    SplitMix64& rng) {
    const auto& profile = country_profile(population.countries.codes[pick_weighted(population.countries.weights, rng)]);
    const std::string_view sector = population.sectors.codes[pick_weighted(population.sectors.weights, rng)];
    DemoOrganisation sme;
    sme.reference = numbered("sm-org", number, 2);
    const std::string size = size_class(rng, population.sizes);
    sme.draft = {names.company(profile, sector, size, rng), std::string(profile.code), std::string(sector), size};
    programme.organisations.push_back(std::move(sme));
    for (std::size_t r = 0; r < kRespondentsPerSme; ++r) {
        programme.participants.push_back(make_participant(names, profile, programme.organisations.back(), number,
                                                          numbered("sm-emp", programme.participants.size() + 1, 2),
                                                          "employee", rng));
    }
}

DemoEngagement skills_round(std::string reference, const DemoParticipant& respondent, std::string_view round) {
    DemoEngagement engagement;
    engagement.reference = std::move(reference);
    engagement.kind = "skills-monitor";
    engagement.respondent_participant_reference = respondent.reference;
    engagement.round = std::string(round);
    return engagement;
}

/// The 2019 round: who of the 2018 respondents answers again, and the SMEs
/// that join. Drawn from a sequence of its own, so that 2018 stays as it was.
void add_second_round(DemoProgramme& programme, NameBook& names, const SkillsPopulation& population) {
    SplitMix64 rng(kSecondRoundSeed);
    std::vector<std::string> smes;
    for (const auto& organisation : programme.organisations) {
        smes.push_back(organisation.reference);
    }
    shuffle(smes, rng);
    const std::set<std::string> smes_leaving(smes.begin(), smes.begin() + static_cast<std::ptrdiff_t>(kSmesLeaving));
    std::vector<std::size_t> staying;
    for (std::size_t p = 0; p < programme.participants.size(); ++p) {
        if (smes_leaving.count(programme.participants[p].organisation_reference) == 0) {
            staying.push_back(p);
        }
    }
    std::vector<std::size_t> leavers = staying;
    shuffle(leavers, rng);
    leavers.resize(kRespondentsLeaving);
    const std::size_t returning = programme.participants.size();
    for (std::size_t j = 0; j < kSmesJoining; ++j) {
        add_skills_sme(programme, names, population, programme.organisations.size() + 1, rng);
    }
    std::size_t n = 0;
    for (std::size_t p = 0; p < programme.participants.size(); ++p) {
        const bool returns = std::binary_search(staying.begin(), staying.end(), p) &&
                             std::find(leavers.begin(), leavers.end(), p) == leavers.end();
        if (p >= returning || returns) {
            programme.engagements.push_back(skills_round(numbered("skills-" + std::string(kSecondRound), ++n, 2),
                                                         programme.participants[p], kSecondRound));
        }
    }
}

DemoProgramme skills_monitor(NameBook& names) {
    SplitMix64 rng(kSkillsSeed);
    const SkillsPopulation population{
        {{"DE", "FR", "IT", "ES", "NL", "BE", "AT", "PL", "PT", "IE", "FI", "DK", "CZ"},
         {8, 6, 6, 5, 4, 4, 3, 3, 2, 2, 2, 2, 2}},
        // SMEs already applying Big Data and IoT.
        {{"J62", "J63", "C26", "C27", "C28", "M71", "M72", "H52", "D35", "K66"}, {8, 5, 3, 2, 3, 3, 2, 2, 1, 1}},
        {25, 45, 30, 0}};

    DemoProgramme programme;
    programme.slug = "skills-monitor";
    programme.template_key = "skills-monitor";
    programme.name = "Big Data, IoT and Cybersecurity skills monitor";

    for (std::size_t i = 0; i < kSkillsSmes; ++i) {
        add_skills_sme(programme, names, population, i + 1, rng);
    }
    for (std::size_t p = 0; p < programme.participants.size(); ++p) {
        programme.engagements.push_back(
            skills_round(numbered("skills", p + 1, 2), programme.participants[p], kFirstRound));
    }
    add_second_round(programme, names, population);
    return programme;
}

// ---------------------------------------------------------------------------
// Checking

/// The engagement kind a template's programmes hold, if the template is known.
std::optional<domain::ProgrammeKind> kind_of_template(std::string_view template_key) {
    if (template_key == "mobilisesme") {
        return domain::ProgrammeKind::exchange;
    }
    if (template_key == "digital-volunteers") {
        return domain::ProgrammeKind::mentoring;
    }
    if (template_key == "skills-monitor") {
        return domain::ProgrammeKind::skills_monitor;
    }
    return std::nullopt;
}

/// "invalid ends_on: an exchange lasts …", every field of the error.
std::string describe(const Error& error) {
    if (error.fields.empty()) {
        return error.message;
    }
    std::string text;
    for (const auto& field : error.fields) {
        text += (text.empty() ? "invalid " : "; invalid ") + field.field + ": " + field.message;
    }
    return text;
}

std::string lower_case(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

struct ResolvedParticipant {
    std::int64_t id = 0;
    std::int64_t organisation_id = 0;
    std::string_view role;
};

/// The rows of one programme under stand-in ids (position + 1), and the
/// problems found while resolving references.
class Resolver {
public:
    explicit Resolver(std::vector<std::string>& problems) : problems_(problems) {}

    void report(std::string_view where, std::string what) {
        problems_.push_back(std::string(where.empty() ? "(no reference)" : where) + ": " + std::move(what));
    }

    /// Records a row's reference; references are unique across organisations,
    /// participants and engagements, so that the loader can key on them alone.
    void claim(std::string_view reference) {
        if (reference.empty()) {
            report(reference, "empty reference");
        } else if (!references_.insert(reference).second) {
            report(reference, "reference used more than once");
        }
    }

    void add_organisation(std::string_view reference, std::int64_t id) { organisations_.emplace(reference, id); }
    void add_participant(std::string_view reference, ResolvedParticipant participant) {
        participants_.emplace(reference, participant);
        if (participant.role == "contact") {
            contacts_.insert(participant.organisation_id);
        }
    }

    /// The organisation's id, or 0 after reporting it unknown.
    std::int64_t organisation(std::string_view where, std::string_view field, std::string_view reference) {
        const auto it = organisations_.find(reference);
        if (it == organisations_.end()) {
            report(where, std::string(field) + ": no organisation \"" + std::string(reference) + "\"");
            return 0;
        }
        return it->second;
    }

    /// The participant, or nullptr after reporting it unknown.
    const ResolvedParticipant* participant(std::string_view where, std::string_view field, std::string_view reference) {
        const auto it = participants_.find(reference);
        if (it == participants_.end()) {
            report(where, std::string(field) + ": no participant \"" + std::string(reference) + "\"");
            return nullptr;
        }
        return &it->second;
    }

    void require_role(std::string_view where, const ResolvedParticipant& participant, std::string_view role) {
        if (participant.role != role) {
            report(where,
                   "the participant must be a " + std::string(role) + ", not a " + std::string(participant.role));
        }
    }

    /// Organisations answer company questionnaires through their contact.
    void require_contact(std::string_view where, std::string_view organisation_reference, std::int64_t id) {
        if (id > 0 && contacts_.count(id) == 0) {
            report(where, "organisation \"" + std::string(organisation_reference) + "\" has no contact participant");
        }
    }

private:
    std::vector<std::string>& problems_;
    std::set<std::string_view> references_;
    std::map<std::string_view, std::int64_t> organisations_;
    std::map<std::string_view, ResolvedParticipant> participants_;
    std::set<std::int64_t> contacts_;
};

void check_exchange(const DemoEngagement& e, const domain::ProgrammeSettings& settings, Resolver& resolver) {
    const std::int64_t sending =
        resolver.organisation(e.reference, "sending_organisation_reference", e.sending_organisation_reference);
    const std::int64_t hosting =
        resolver.organisation(e.reference, "hosting_organisation_reference", e.hosting_organisation_reference);
    const ResolvedParticipant* traveller =
        resolver.participant(e.reference, "participant_reference", e.participant_reference);
    if (sending == 0 || hosting == 0 || traveller == nullptr) {
        return;  // already reported; the domain would only repeat it as "must be a positive id"
    }
    resolver.require_role(e.reference, *traveller, "employee");
    resolver.require_contact(e.reference, e.sending_organisation_reference, sending);
    resolver.require_contact(e.reference, e.hosting_organisation_reference, hosting);
    const auto planned = domain::plan_exchange(
        {sending, hosting, traveller->id, traveller->organisation_id, e.starts_on, e.ends_on}, settings);
    if (!planned) {
        resolver.report(e.reference, describe(planned.error()));
    }
}

void check_mentoring(const DemoEngagement& e, Resolver& resolver) {
    const std::int64_t volunteer =
        resolver.organisation(e.reference, "volunteer_organisation_reference", e.volunteer_organisation_reference);
    const ResolvedParticipant* mentor =
        resolver.participant(e.reference, "mentor_participant_reference", e.mentor_participant_reference);
    const std::int64_t sme =
        resolver.organisation(e.reference, "sme_organisation_reference", e.sme_organisation_reference);
    if (volunteer == 0 || mentor == nullptr || sme == 0) {
        return;
    }
    resolver.require_role(e.reference, *mentor, "mentor");
    resolver.require_contact(e.reference, e.sme_organisation_reference, sme);
    const auto planned = domain::plan_mentoring({volunteer, mentor->id, mentor->organisation_id, sme});
    if (!planned) {
        resolver.report(e.reference, describe(planned.error()));
    }
}

void check_skills_round(const DemoEngagement& e, Resolver& resolver) {
    const ResolvedParticipant* respondent =
        resolver.participant(e.reference, "respondent_participant_reference", e.respondent_participant_reference);
    if (respondent == nullptr) {
        return;
    }
    resolver.require_role(e.reference, *respondent, "employee");
    const auto planned = domain::plan_skills_round({respondent->id, e.round});
    if (!planned) {
        resolver.report(e.reference, describe(planned.error()));
    }
}

}  // namespace

std::vector<DemoProgramme> build_demo_programmes() {
    // One book for all three, so that e-mails are unique across programmes too.
    NameBook names;
    std::vector<DemoProgramme> programmes;
    programmes.push_back(mobilisesme_pilot(names));
    programmes.push_back(digital_volunteers(names));
    programmes.push_back(skills_monitor(names));
    return programmes;
}

const std::vector<DemoProgramme>& demo_programmes() {
    static const std::vector<DemoProgramme> programmes = build_demo_programmes();
    return programmes;
}

std::vector<std::string> check_demo_programme(const DemoProgramme& programme,
                                              const domain::ProgrammeSettings& settings) {
    std::vector<std::string> problems;
    Resolver resolver(problems);

    if (!domain::is_valid_slug(programme.slug)) {
        resolver.report(programme.slug, "not a valid programme slug");
    }
    if (programme.name.empty()) {
        resolver.report(programme.slug, "the programme has no name");
    }
    const std::optional<domain::ProgrammeKind> kind = kind_of_template(programme.template_key);
    if (!kind) {
        resolver.report(programme.slug, "unknown template \"" + programme.template_key + "\"");
    }

    for (std::size_t i = 0; i < programme.organisations.size(); ++i) {
        const DemoOrganisation& organisation = programme.organisations[i];
        resolver.claim(organisation.reference);
        resolver.add_organisation(organisation.reference, static_cast<std::int64_t>(i + 1));
        if (const auto registered = domain::register_organisation(organisation.draft); !registered) {
            resolver.report(organisation.reference, describe(registered.error()));
        }
    }

    std::set<std::string> emails;
    for (std::size_t i = 0; i < programme.participants.size(); ++i) {
        const DemoParticipant& p = programme.participants[i];
        resolver.claim(p.reference);
        const std::int64_t organisation_id =
            resolver.organisation(p.reference, "organisation_reference", p.organisation_reference);
        resolver.add_participant(p.reference, {static_cast<std::int64_t>(i + 1), organisation_id, p.role});
        if (organisation_id > 0) {
            const auto added = domain::add_participant({organisation_id, p.role, p.name, p.email, p.language});
            if (!added) {
                resolver.report(p.reference, describe(added.error()));
            }
        }
        if (!emails.insert(lower_case(p.email)).second) {
            resolver.report(p.reference, "e-mail \"" + p.email + "\" used by another participant");
        }
    }

    for (const DemoEngagement& e : programme.engagements) {
        resolver.claim(e.reference);
        if (kind && e.kind != domain::to_string(*kind)) {
            resolver.report(e.reference, "a \"" + e.kind + "\" engagement in a programme of template " +
                                             programme.template_key + ", which holds \"" +
                                             std::string(domain::to_string(*kind)) + "\" engagements");
        }
        if (e.kind == domain::to_string(domain::ProgrammeKind::exchange)) {
            check_exchange(e, settings, resolver);
        } else if (e.kind == domain::to_string(domain::ProgrammeKind::mentoring)) {
            check_mentoring(e, resolver);
        } else if (e.kind == domain::to_string(domain::ProgrammeKind::skills_monitor)) {
            check_skills_round(e, resolver);
        } else {
            resolver.report(e.reference, "unknown engagement kind \"" + e.kind + "\"");
        }
    }
    return problems;
}

}  // namespace yardstick::server::demo
