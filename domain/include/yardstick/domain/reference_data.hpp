#pragma once
// The real classifications organisations are registered with: countries as
// ISO 3166-1 alpha-2 (from Debian's iso-codes) and economic sectors as NACE
// Rev. 2 sections and divisions (Eurostat). Compiled into the binary.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yardstick::domain {

struct Country {
    std::string alpha2;  ///< e.g. "BE"
    std::string name;    ///< English short name, e.g. "Belgium"
};

/// The country with this ISO 3166-1 alpha-2 code (upper case, exactly two
/// letters), or nullptr.
const Country* find_country(std::string_view alpha2);

/// Every country of ISO 3166-1, in the order of iso-codes.
const std::vector<Country>& countries();

enum class NaceLevel { section, division };

struct NaceActivity {
    std::string code;     ///< canonical: "C" for a section, "C25" for a division
    NaceLevel level = NaceLevel::section;
    std::string section;  ///< the section letter
    std::string title_en, title_fr, title_de, title_it;

    /// The title in `language` (en, fr, de, it; anything else gives English).
    const std::string& title(std::string_view language) const;
};

/// The NACE Rev. 2 section (`C`) or division (`C25`) with this code, or
/// nullptr. A division must be written with its own section letter: `C25`
/// is valid, `B25` is not, and `25` alone is not (reach counts codes as
/// given, so a code must say its level unambiguously).
const NaceActivity* find_nace(std::string_view code);

/// Every section and division, sections first in A–U order then divisions.
const std::vector<NaceActivity>& nace_activities();

}  // namespace yardstick::domain
