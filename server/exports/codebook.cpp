#include "server/exports/codebook.hpp"

#include "server/exports/statistics_file.hpp"
#include "server/json/indicator_json.hpp"
#include "server/json/instrument_json.hpp"

namespace yardstick::server::exports {

namespace {

using Json = nlohmann::json;

/// Each version's questions and the columns they fill.
Json items_of(const domain::Instrument& instrument, const ExportLayout& layout) {
    auto items = Json::array();
    for (const auto& section : instrument.sections) {
        for (const auto& question : section.questions) {
            auto columns = Json::array();
            for (const auto& column : layout.columns()) {
                if (column.question != question.key) {
                    continue;
                }
                const bool offered =
                    column.choice.empty() || std::any_of(question.choices.begin(), question.choices.end(),
                                                         [&](const auto& c) { return c.value == column.choice; });
                if (offered) {
                    columns.push_back(column.name);
                }
            }
            items.push_back({{"question", question.key},
                             {"type", std::string(domain::to_string(question.type))},
                             {"personal", question.personal},
                             {"withheld", layout.withheld(question.key)},
                             {"columns", std::move(columns)}});
        }
    }
    return items;
}

Json value_labels_of(const StatisticsVariable& variable) {
    auto labels = Json::array();
    for (const auto& [code, label] : variable.value_labels) {
        labels.push_back({{"code", code}, {"label", label}});
    }
    return labels;
}

}  // namespace

Json codebook_json(const std::vector<PublishedVersion>& versions, const ExportLayout& layout,
                   const templates::ProgrammeTemplate& programme_template, const std::string& language) {
    std::vector<domain::Instrument> instruments;
    for (const auto& version : versions) {
        instruments.push_back(version.instrument);
    }
    auto published = Json::array();
    for (const auto& version : versions) {
        published.push_back({{"instrument", version.stored.key},
                             {"version", version.stored.version},
                             {"wave", version.stored.wave},
                             {"respondent", version.stored.respondent},
                             {"published_at", version.stored.created_at},
                             {"items", items_of(version.instrument, layout)},
                             {"definition", Json::parse(version.stored.definition_json)}});
    }
    const auto spss = statistics_variables(layout, instruments, language, StatisticsFormat::spss_sav);
    const auto stata = statistics_variables(layout, instruments, language, StatisticsFormat::stata_dta);
    auto variables = Json::array();
    for (std::size_t i = 0; i < spss.size(); ++i) {
        Json variable = {{"column", spss[i].column},
                         {"label", spss[i].label},
                         {"spss_name", spss[i].name},
                         {"stata_name", stata[i].name}};
        if (!spss[i].question.empty()) {
            variable["question"] = spss[i].question;
        }
        if (!spss[i].choice.empty()) {
            variable["choice"] = spss[i].choice;
        }
        if (!spss[i].value_labels.empty()) {
            variable["value_labels"] = value_labels_of(spss[i]);
        }
        if (!spss[i].codes.empty()) {
            variable["codes"] = spss[i].codes;
        }
        variables.push_back(std::move(variable));
    }
    auto template_instruments = Json::array();
    for (const auto& instrument : programme_template.instruments) {
        template_instruments.push_back(server::json::instrument_to_json(instrument));
    }
    auto indicators = Json::array();
    for (const auto& indicator : programme_template.indicators) {
        indicators.push_back(server::json::indicator_to_json(indicator));
    }
    return {
        {"labels_language", language},
        {"missing_values",
         {{"csv", "an empty cell: not answered, not relevant, withheld, or not asked in that instrument version"},
          {"not_answered", {{"spss", kNotAnswered}, {"stata", ".a"}}},
          {"not_relevant", {{"spss", kNotRelevant}, {"stata", ".b"}}}}},
        {"instrument_versions", std::move(published)},
        {"variables", std::move(variables)},
        {"indicators", std::move(indicators)},
        {"template", {{"key", programme_template.key}, {"instruments", std::move(template_instruments)}}},
    };
}

Result<templates::ProgrammeTemplate> template_of_codebook(const nlohmann::json& codebook) {
    templates::ProgrammeTemplate out;
    const auto template_it = codebook.find("template");
    if (template_it == codebook.end() || !template_it->is_object() || !template_it->contains("key") ||
        !(*template_it)["key"].is_string() || !template_it->contains("instruments") ||
        !(*template_it)["instruments"].is_array()) {
        return Error::invalid("template", "the codebook has no template with a key and instruments");
    }
    out.key = (*template_it)["key"].get<std::string>();
    for (const auto& document : (*template_it)["instruments"]) {
        auto instrument = server::json::instrument_from_json(document);
        if (!instrument.ok()) {
            return Error::invalid("template.instruments", instrument.error().message);
        }
        out.instruments.push_back(std::move(instrument).value());
    }
    const auto languages =
        out.instruments.empty() ? std::vector<std::string>{} : out.instruments.front().languages;
    auto indicators = server::json::indicators_from_json(codebook.value("indicators", nlohmann::json::array()),
                                                 out.instruments, languages);
    if (!indicators.ok()) {
        return Error::invalid("indicators", indicators.error().message);
    }
    out.indicators = std::move(indicators).value();
    return out;
}

}  // namespace yardstick::server::exports
