#include "server/exports/package_descriptor.hpp"

#include <set>

#include "server/exports/register_files.hpp"
#include "server/exports/table_fields.hpp"

namespace yardstick::server::exports {

namespace {

using nlohmann::json;

json named(std::string name, json field) {
    field["name"] = std::move(name);
    return field;
}

/// The first version that asks the question, and every choice value any
/// version offers (in the order they first appear).
std::pair<const domain::Question*, std::vector<std::string>> question_across(
    const std::vector<PublishedVersion>& versions, const std::string& key) {
    const domain::Question* first = nullptr;
    std::vector<std::string> choices;
    for (const auto& version : versions) {
        const auto* question = domain::find_question(version.instrument, key);
        if (question == nullptr) {
            continue;
        }
        if (first == nullptr) {
            first = question;
        }
        for (const auto& choice : question->choices) {
            if (std::find(choices.begin(), choices.end(), choice.value) == choices.end()) {
                choices.push_back(choice.value);
            }
        }
    }
    return {first, choices};
}

/// The columns every response file starts with (ExportLayout::metadata_columns()).
json metadata_fields(const std::vector<PublishedVersion>& versions) {
    std::set<std::string> keys;
    for (const auto& version : versions) {
        keys.insert(version.stored.key);
    }
    auto response_id = integer_field("Response", 1);
    return json::array({named("response_id", response_id), named("instrument", enum_field("Instrument", keys)),
                        named("instrument_version", integer_field("Instrument version answered", 1)),
                        named("wave", string_field("Wave (pre, post, follow-up or a round)")),
                        named("respondent", respondent_field()),
                        pseudonym_field("participant", "participant", "Participant (pseudonym)"),
                        pseudonym_field("organisation", "organisation", "Organisation (pseudonym)"),
                        named("country", country_field()), named("sector", sector_field()),
                        named("size", size_field()), named("engagement", integer_field("Engagement", 1)),
                        named("submitted_at", time_field("When its latest version was submitted"))});
}

json foreign_key(const std::string& field, const std::string& resource, const std::string& key) {
    return {{"fields", field}, {"reference", {{"resource", resource}, {"fields", key}}}};
}

json response_foreign_keys() {
    return json::array({foreign_key("participant", "participants", "participant"),
                        foreign_key("organisation", "organisations", "organisation"),
                        foreign_key("engagement", "engagements", "engagement")});
}

json csv_resource(const std::string& name, const std::string& path, const std::string& title, json schema) {
    return {{"name", name},
            {"path", path},
            {"profile", "tabular-data-resource"},
            {"title", title},
            {"format", "csv"},
            {"mediatype", "text/csv"},
            {"encoding", "utf-8"},
            {"dialect", {{"delimiter", ","}, {"lineTerminator", "\r\n"}, {"quoteChar", "\""}, {"doubleQuote", true}}},
            {"schema", std::move(schema)}};
}

json register_resource(const RegisterFile& file) {
    json schema = {{"fields", json::array()}, {"missingValues", {""}}};
    auto keys = json::array();
    for (const auto& column : file.columns) {
        schema["fields"].push_back(column.field);
        if (!column.references.empty()) {
            const auto key = column.references == "engagements" ? "engagement"
                             : column.references == "responses" ? "response_id"
                                                                : column.references.substr(0, column.references.size() - 1);
            keys.push_back(foreign_key(column.name, column.references, key));
        }
    }
    schema["primaryKey"] = file.columns.front().name;
    if (!keys.empty()) {
        schema["foreignKeys"] = std::move(keys);
    }
    return csv_resource(file.resource, file.path, file.title, std::move(schema));
}

}  // namespace

json package_descriptor(const PackageFacts& facts, const std::vector<PublishedVersion>& versions,
                        const ExportLayout& layout) {
    auto wide_fields = metadata_fields(versions);
    for (const auto& column : layout.columns()) {
        const auto [question, choices] = question_across(versions, column.question);
        wide_fields.push_back(
            answer_field(column, question, choices, layout.withheld(column.question), facts.default_language));
    }
    auto long_fields = metadata_fields(versions);
    long_fields.push_back(named("question", string_field("Question (its key in the instrument)")));
    long_fields.push_back(named("value", string_field("The answer; one row per chosen value of a multiple choice")));

    auto resources = json::array();
    resources.push_back(csv_resource("responses", "responses.csv",
                                     "Responses: one row per submitted response (latest version), one column per question",
                                     {{"fields", std::move(wide_fields)},
                                      {"missingValues", {""}},
                                      {"primaryKey", "response_id"},
                                      {"foreignKeys", response_foreign_keys()}}));
    resources.push_back(csv_resource("responses-long", "responses-long.csv", "Responses: one row per answer",
                                     {{"fields", std::move(long_fields)},
                                      {"missingValues", {""}},
                                      {"foreignKeys", response_foreign_keys()}}));
    resources.push_back({{"name", "responses-history"},
                         {"path", "responses.ndjson"},
                         {"title", "Responses with every version, one JSON object per line"},
                         {"format", "ndjson"},
                         {"mediatype", "application/x-ndjson"},
                         {"encoding", "utf-8"}});
    for (const auto& file : register_files()) {
        resources.push_back(register_resource(file));
    }
    if (facts.identities) {
        for (const auto& file : identity_files()) {
            resources.push_back(register_resource(file));
        }
    }
    resources.push_back({{"name", "codebook"},
                         {"path", "codebook.json"},
                         {"title", "Codebook: every instrument version, column, label, SPSS and Stata name, indicator"},
                         {"format", "json"},
                         {"mediatype", "application/json"}});
    resources.push_back({{"name", "report"},
                         {"path", "report.json"},
                         {"title", "The impact report at the package's data version"},
                         {"format", "json"},
                         {"mediatype", "application/json"}});
    return {{"profile", "data-package"},
            {"name", facts.slug},
            {"title", facts.name},
            {"created", facts.created},
            {"licenses", json::array({{{"name", "other-closed"}, {"title", "For the programme's auditors only"}}})},
            {"resources", std::move(resources)},
            {"yardstick",
             {{"programme",
               {{"slug", facts.slug},
                {"name", facts.name},
                {"template", facts.template_key},
                {"default_language", facts.default_language},
                {"suppression_threshold", facts.suppression_threshold}}},
              {"data_version", facts.data_version},
              {"event_log_head", facts.event_log_head},
              {"identities", facts.identities}}}};
}

Result<PackageFacts> facts_of_descriptor(const nlohmann::json& descriptor) {
    try {
        const auto& own = descriptor.at("yardstick");
        const auto& programme = own.at("programme");
        PackageFacts facts;
        facts.slug = programme.at("slug").get<std::string>();
        facts.name = programme.at("name").get<std::string>();
        facts.template_key = programme.at("template").get<std::string>();
        facts.default_language = programme.at("default_language").get<std::string>();
        facts.suppression_threshold = programme.at("suppression_threshold").get<int>();
        facts.data_version = own.at("data_version").get<std::int64_t>();
        facts.event_log_head = own.at("event_log_head").get<std::string>();
        facts.identities = own.at("identities").get<bool>();
        facts.created = descriptor.value("created", "");
        return facts;
    } catch (const nlohmann::json::exception& e) {
        return Error::invalid("datapackage.json", std::string("not a Yardstick data package: ") + e.what());
    }
}

}  // namespace yardstick::server::exports
