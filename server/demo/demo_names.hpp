#pragma once
// The demo's fictitious companies and people: per-country name habits, trade
// words per sector, and a book of names already given out.

#include <array>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/demo/demo_variety.hpp"

namespace yardstick::server::demo::internal {

// ---------------------------------------------------------------------------
// Names
//
// Company names follow the habits of their country: a trade word before or
// after a family name, then the usual legal form ("Officine Rinaldi S.r.l.",
// "Brenner Metallbau GmbH"). Every pairing is invented; the word lists are
// common family and first names, so no row points at a real firm or person.

/// The language a company's trade word is written in. Countries whose own
/// language is none of these use the English trade words that many of their
/// SMEs do adopt ("Novák Software s.r.o.").
enum class NameStyle : std::size_t { de, fr, it, es, nl, pt, en };
constexpr std::size_t kNameStyles = 7;

/// A family name as "masculine/feminine" where the two differ ("Novák/Nováková").
inline std::string_view masculine(std::string_view surname) noexcept {
    return surname.substr(0, surname.find('/'));
}

inline std::string_view feminine(std::string_view surname) noexcept {
    const auto slash = surname.find('/');
    return slash == std::string_view::npos ? surname : surname.substr(slash + 1);
}

struct CountryProfile {
    std::string_view code;
    NameStyle style = NameStyle::en;
    std::string_view language;             ///< participants' language (en, fr, de, it)
    std::string_view minority_language;    ///< spoken by some participants, or empty
    std::vector<std::string_view> forms;   ///< SME legal forms, most common first
    std::vector<std::string_view> male;    ///< first names
    std::vector<std::string_view> female;  ///< first names
    std::vector<std::string_view> surnames;
};

/// The countries the demo draws from, with their name habits.
const std::vector<CountryProfile>& country_profiles();

/// The profile of country `code` (one of country_profiles()).
const CountryProfile& country_profile(std::string_view code);

/// The trade-word pattern for `sector` in `style`; "{}" stands for the family name.
std::string_view trade_pattern(std::string_view sector, NameStyle style);

/// Names already given out, so that no two demo companies and no two people
/// share one (e-mails must be unique; names merely look better so).
class NameBook {
public:
    /// A company name of `profile`'s style for `sector`, unused so far.
    /// Companies past small take the country's usual limited-company form
    /// rather than a sole trader's ("e.K.", "EURL").
    std::string company(const CountryProfile& profile, std::string_view sector, std::string_view size,
                        SplitMix64& rng) {
        std::string name;
        // A handful of attempts always finds a free name with these lists;
        // should one not, a repeated company name is still valid data.
        for (int attempt = 0; attempt < 16; ++attempt) {
            std::string family(masculine(pick(profile.surnames, rng)));
            if (rng.percent(12)) {
                const std::string_view partner = masculine(pick(profile.surnames, rng));
                if (partner != family) {
                    family += " & " + std::string(partner);
                }
            }
            std::string pattern(trade_pattern(sector, profile.style));
            name = pattern.replace(pattern.find("{}"), 2, family);
            // "de Jong Software" starts a sentence, hence "De Jong Software".
            if (name.front() >= 'a' && name.front() <= 'z') {
                name.front() = static_cast<char>(name.front() - 'a' + 'A');
            }
            const bool smaller = size == "micro" || size == "small";
            name += " " + std::string(smaller ? pick(profile.forms, rng) : profile.forms.front());
            if (companies_.insert(name).second) {
                break;
            }
        }
        return name;
    }

    /// Records a hand-written company name.
    std::string company(std::string name) {
        companies_.insert(name);
        return name;
    }

    /// A person's display name and an e-mail address no other demo
    /// participant has, on `domain`.
    std::pair<std::string, std::string> person(const CountryProfile& profile, std::string_view domain,
                                               SplitMix64& rng) {
        std::string_view first;
        std::string_view family;
        // Prefer a name nobody has yet (two "Léa Girard" in one small firm
        // look like a bug); the lists hold enough pairs that this nearly
        // always succeeds, and a namesake is still valid data.
        for (int attempt = 0; attempt < 16; ++attempt) {
            const bool female = rng.percent(50);
            first = female ? pick(profile.female, rng) : pick(profile.male, rng);
            const std::string_view surname = pick(profile.surnames, rng);
            family = female ? feminine(surname) : masculine(surname);
            if (people_.insert(std::string(first) + " " + std::string(family)).second) {
                break;
            }
        }
        const bool german = profile.style == NameStyle::de;
        const std::string local = ascii_fold(first, german) + "." + ascii_fold(family, german);
        std::string email = local + "@" + std::string(domain);
        for (int n = 2; !emails_.insert(email).second; ++n) {
            email = local + std::to_string(n) + "@" + std::string(domain);
        }
        return {std::string(first) + " " + std::string(family), std::move(email)};
    }

private:
    /// Lower-case ASCII for an e-mail local part: letters folded to their
    /// base ("Dvořák" → "dvorak"; German umlauts as "ae", "oe", "ue" when
    /// `german`), hyphens kept, spaces and apostrophes dropped ("O'Connor" →
    /// "oconnor", "van den Berg" → "vandenberg").
    static std::string ascii_fold(std::string_view text, bool german) {
        struct Fold {
            std::string_view from;
            std::string_view to;
        };
        static constexpr auto kFolds = std::to_array<Fold>({
            {"á", "a"}, {"à", "a"}, {"â", "a"}, {"ã", "a"}, {"å", "aa"}, {"ą", "a"}, {"æ", "ae"}, {"Á", "a"},
            {"ç", "c"}, {"č", "c"}, {"ć", "c"}, {"Č", "c"}, {"ď", "d"},  {"đ", "d"}, {"é", "e"},  {"è", "e"},
            {"ê", "e"}, {"ë", "e"}, {"ě", "e"}, {"ę", "e"}, {"É", "e"},  {"í", "i"}, {"ì", "i"},  {"î", "i"},
            {"ï", "i"}, {"ł", "l"}, {"Ł", "l"}, {"ñ", "n"}, {"ń", "n"},  {"ň", "n"}, {"ó", "o"},  {"ò", "o"},
            {"ô", "o"}, {"õ", "o"}, {"ø", "o"}, {"ř", "r"}, {"š", "s"},  {"ś", "s"}, {"ß", "ss"}, {"ť", "t"},
            {"ú", "u"}, {"ù", "u"}, {"û", "u"}, {"ů", "u"}, {"ý", "y"},  {"ž", "z"}, {"ź", "z"},  {"ż", "z"},
            {"ä", "a"}, {"ö", "o"}, {"ü", "u"},
        });
        static constexpr auto kGermanFolds = std::to_array<Fold>({{"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}});
        std::string out;
        std::size_t i = 0;
        while (i < text.size()) {
            const char c = text[i];
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                out += c;
                ++i;
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                out += static_cast<char>(c - 'A' + 'a');
                ++i;
                continue;
            }
            bool folded = false;
            const auto try_folds = [&](const auto& folds) {
                for (const auto& fold : folds) {
                    if (!folded && text.substr(i).starts_with(fold.from)) {
                        out += fold.to;
                        i += fold.from.size();
                        folded = true;
                    }
                }
            };
            if (german) {
                try_folds(kGermanFolds);
            }
            try_folds(kFolds);
            if (!folded) {
                ++i;  // spaces, apostrophes, and any letter the table lacks
            }
        }
        return out;
    }

    std::set<std::string> companies_;
    std::set<std::string> people_;
    std::set<std::string> emails_;
};

/// The domains RFC 2606 reserves for examples, spread over the organisations.
std::string_view email_domain(std::size_t organisation_number);

/// The language a participant from `profile`'s country answers in.
std::string language_of(const CountryProfile& profile, SplitMix64& rng);

}  // namespace yardstick::server::demo::internal
