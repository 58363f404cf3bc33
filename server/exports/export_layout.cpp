#include "server/exports/export_layout.hpp"

namespace yardstick::server::exports {

ExportLayout::ExportLayout(const std::vector<domain::Instrument>& versions) {
    // A question may share its key with a metadata column (the SME's own
    // "sector"): its column is then "q_sector", so that no name repeats.
    const auto& metadata = metadata_columns();
    std::set<std::string> named(metadata.begin(), metadata.end());
    std::set<std::pair<std::string, std::string>> placed;  // (question, choice)
    auto add = [&](std::string name, const std::string& question, const std::string& choice) {
        if (!placed.insert({question, choice}).second) {
            return;
        }
        while (named.contains(name)) {
            name = "q_" + name;
        }
        named.insert(name);
        columns_.push_back({std::move(name), question, choice});
    };
    for (const auto& instrument : versions) {
        for (const auto& section : instrument.sections) {
            for (const auto& question : section.questions) {
                if (question.personal) {
                    withheld_.insert(question.key);
                }
                if (question.type != domain::QuestionType::multiple) {
                    add(question.key, question.key, "");
                    continue;
                }
                multiple_.insert(question.key);
                for (const auto& choice : question.choices) {
                    add(question.key + "__" + choice.value, question.key, choice.value);
                }
            }
        }
    }
}

const std::vector<std::string>& ExportLayout::metadata_columns() {
    static const std::vector<std::string> columns = {
        "response_id", "instrument", "instrument_version", "wave",   "respondent", "participant",
        "organisation", "country",   "sector",             "size",   "engagement", "submitted_at"};
    return columns;
}

}  // namespace yardstick::server::exports
