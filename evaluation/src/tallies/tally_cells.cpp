#include "yardstick/evaluation/tallies/tally_cells.hpp"

#include <charconv>

namespace yardstick::evaluation::cells {

namespace {
constexpr std::string_view kDifferencePrefix = "d=";
constexpr std::string_view kRespondentsPrefix = "respondents@";
}  // namespace

std::string respondents_in(std::string_view wave) {
    return std::string(kRespondentsPrefix) + std::string(wave);
}

bool parse_respondents(std::string_view cell, std::string& wave) {
    if (!cell.starts_with(kRespondentsPrefix)) {
        return false;
    }
    wave = std::string(cell.substr(kRespondentsPrefix.size()));
    return true;
}

std::string difference_of(std::int64_t difference) {
    return std::string(kDifferencePrefix) + std::to_string(difference);
}

bool parse_difference(std::string_view cell, std::int64_t& difference) {
    if (!cell.starts_with(kDifferencePrefix)) {
        return false;
    }
    cell.remove_prefix(kDifferencePrefix.size());
    const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), difference);
    return error == std::errc{} && end == cell.data() + cell.size();
}

}  // namespace yardstick::evaluation::cells
