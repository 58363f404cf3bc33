#include "yardstick/domain/reference_data.hpp"

#include <algorithm>
#include <type_traits>
#include <stdexcept>

namespace yardstick::domain {
namespace reference_text {
extern const std::string_view kNaceRev2Csv;
extern const std::string_view kIso3166Countries;
}  // namespace reference_text

namespace {

// Splits RFC 4180 CSV text into rows of fields (quoted fields may hold
// commas and doubled quotes; CRLF or LF line ends).
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
            row.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(row));
            row.clear();
        } else {
            field += c;
        }
    }
    if (!field.empty() || !row.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<NaceActivity> load_nace() {
    auto rows = parse_csv(reference_text::kNaceRev2Csv);
    std::vector<NaceActivity> sections;
    std::vector<NaceActivity> divisions;
    // Header: code,level,parent,title_en,title_fr,title_de,title_it
    for (std::size_t i = 1; i < rows.size(); ++i) {
        auto& r = rows[i];
        if (r.size() != 7) {
            throw std::logic_error("nace_rev2.csv: row " + std::to_string(i + 1) + " has " +
                                   std::to_string(r.size()) + " fields");
        }
        NaceActivity activity;
        activity.level = r[1] == "section" ? NaceLevel::section : NaceLevel::division;
        activity.section = activity.level == NaceLevel::section ? r[0] : r[2];
        activity.code = activity.level == NaceLevel::section ? r[0] : r[2] + r[0];
        activity.title_en = std::move(r[3]);
        activity.title_fr = std::move(r[4]);
        activity.title_de = std::move(r[5]);
        activity.title_it = std::move(r[6]);
        (activity.level == NaceLevel::section ? sections : divisions).push_back(std::move(activity));
    }
    sections.insert(sections.end(), divisions.begin(), divisions.end());
    return sections;
}

std::vector<Country> load_countries() {
    std::vector<Country> result;
    std::string_view text = reference_text::kIso3166Countries;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const auto line = text.substr(0, end);
        const auto tab = line.find('\t');
        if (tab != std::string_view::npos) {
            result.push_back({std::string(line.substr(0, tab)), std::string(line.substr(tab + 1))});
        }
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    }
    return result;
}

template <typename T, typename Key>
const T* find_by(const std::vector<T>& items, std::string_view wanted, Key key) {
    static_assert(std::is_invocable_v<Key, const T&>);
    const auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return key(item) == wanted; });
    return it == items.end() ? nullptr : &*it;
}

}  // namespace

const std::string& NaceActivity::title(std::string_view language) const {
    if (language == "fr") {
        return title_fr;
    }
    if (language == "de") {
        return title_de;
    }
    if (language == "it") {
        return title_it;
    }
    return title_en;
}

const std::vector<Country>& countries() {
    static const std::vector<Country> all = load_countries();
    return all;
}

const std::vector<NaceActivity>& nace_activities() {
    static const std::vector<NaceActivity> all = load_nace();
    return all;
}

const Country* find_country(std::string_view alpha2) {
    return find_by(countries(), alpha2, [](const Country& c) -> std::string_view { return c.alpha2; });
}

const NaceActivity* find_nace(std::string_view code) {
    return find_by(nace_activities(), code, [](const NaceActivity& a) -> std::string_view { return a.code; });
}

}  // namespace yardstick::domain
