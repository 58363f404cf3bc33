#pragma once
// datapackage.json: the Frictionless Data Package descriptor
// (specs.frictionlessdata.io/data-package) of a programme's data package.
// Each CSV is a tabular data resource with its Table Schema — types,
// constraints, the enum of choice values, primary and foreign keys — and the
// descriptor carries, under "yardstick", what the figures need besides the
// rows: the programme's settings, the data version and the chain head. Pure.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/exports/codebook.hpp"
#include "server/exports/export_layout.hpp"

namespace yardstick::server::exports {

/// What a package says about itself.
struct PackageFacts {
    std::string slug;
    std::string name;
    std::string template_key;
    std::string default_language;
    int suppression_threshold = 5;
    std::int64_t data_version = 0;
    std::string event_log_head;  ///< "SEQ:HEX"
    std::string created;         ///< RFC 3339
    bool identities = false;
};

/// The descriptor. `versions`: every published instrument version.
nlohmann::json package_descriptor(const PackageFacts& facts, const std::vector<PublishedVersion>& versions,
                                  const ExportLayout& layout);

/// The facts a descriptor carries (what package_descriptor() wrote);
/// invalid_argument naming the member that is missing or wrong.
Result<PackageFacts> facts_of_descriptor(const nlohmann::json& descriptor);

}  // namespace yardstick::server::exports
