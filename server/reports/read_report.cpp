#include "server/reports/read_report.hpp"

#include <array>
#include <chrono>
#include <ctime>

#include <nlohmann/json.hpp>

#include "server/audit/chain_text.hpp"
#include "server/registry/registry.hpp"
#include "server/reports/build_report.hpp"
#include "server/templates/bundled_templates.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/event_seals.hpp"
#include "yardstick/sql/report_tallies.hpp"

namespace yardstick::server::reports {

bool is_report_language(const std::string& language) noexcept {
    return language == "en" || language == "fr" || language == "de" || language == "it";
}

void record_report_view(pqxx::transaction_base& tx, const Report& report, const std::string& actor,
                        const std::string& format) {
    const auto programme = registry::require_programme(tx, report.programme_slug);
    if (!programme.ok()) {
        return;  // read a moment ago; programmes are never deleted
    }
    const nlohmann::json data = {{"format", format},
                                 {"lang", report.language},
                                 {"data_version", report.data_version},
                                 {"event_log_head", report.event_log_head}};
    sql::append_event(tx, {programme->id, "report.viewed", actor, data.dump()});
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
    ReportInputs inputs;
    inputs.programme_slug = slug;
    inputs.programme_name = programme->programme.name;
    inputs.language = language;
    inputs.data_version = snapshot.data_version;
    inputs.generated_at = utc_now_rfc3339();
    // The figures are those of the log up to the data version: the head
    // there covers them (and stays put while reads and other programmes'
    // events go on, as the data version does).
    inputs.event_log_head = audit::head_text(sql::chain_head_at(tx, snapshot.data_version));
    inputs.suppression_threshold = programme->programme.settings.suppression_threshold;
    for (auto& row : snapshot.rows) {
        inputs.tallies[{std::move(row.indicator), std::move(row.group_by), std::move(row.group_key),
                        std::move(row.cell)}] = {row.count, row.sum, row.sum_of_squares};
    }
    return build_report(*programme_template, inputs);
}

}  // namespace yardstick::server::reports
