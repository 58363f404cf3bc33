#include "server/reports/read_report.hpp"

#include <array>
#include <chrono>
#include <ctime>

#include "server/registry/registry.hpp"
#include "server/reports/build_report.hpp"
#include "server/templates/bundled_templates.hpp"
#include "yardstick/sql/report_tallies.hpp"

namespace yardstick::server::reports {

bool is_report_language(const std::string& language) noexcept {
    return language == "en" || language == "fr" || language == "de" || language == "it";
}

std::string utc_now_rfc3339() {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::array<char, 32> text{};
    const auto length = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
    return std::string(text.data(), length);
}

Result<Report> read_report(pqxx::transaction_base& tx, const std::string& slug, const std::string& language) {
    auto programme = registry::require_programme(tx, slug);
    if (!programme.ok()) {
        return programme.error();
    }
    const auto* programme_template = templates::find_template(programme->template_key);
    if (programme_template == nullptr) {
        return Error{ErrorCode::internal,
                     "programme " + slug + " names the template " + programme->template_key +
                         ", which this server does not carry",
                     {}};
    }
    auto snapshot = sql::read_tallies(tx, programme->id);
    const auto reach = sql::count_register(tx, programme->id);
    ReportInputs inputs;
    inputs.programme_slug = slug;
    inputs.programme_name = programme->programme.name;
    inputs.language = language;
    inputs.data_version = snapshot.data_version;
    inputs.generated_at = utc_now_rfc3339();
    inputs.suppression_threshold = programme->programme.settings.suppression_threshold;
    inputs.reach = {reach.organisations, reach.engagements, reach.participants, reach.sectors, reach.countries};
    for (auto& row : snapshot.rows) {
        inputs.tallies[{std::move(row.indicator), std::move(row.group_by), std::move(row.group_key),
                        std::move(row.cell)}] = {row.count, row.sum, row.sum_of_squares};
    }
    return build_report(*programme_template, inputs);
}

}  // namespace yardstick::server::reports
