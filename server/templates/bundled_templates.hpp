#pragma once
// The programme templates compiled into the binary: for each template under server/templates/ its programme.json
// (kind, name, description, settings) and its survey instruments. A new programme starts from one of them. The
// files are embedded at build time by cmake/EmbedTemplates.cmake and parsed once, on first use.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "yardstick/domain/indicator.hpp"
#include "yardstick/domain/instrument.hpp"
#include "yardstick/domain/registry.hpp"

namespace yardstick::server::templates {

/// One bundled template. `key` is its directory name (`mobilisesme`); `name` and `description` are localised;
/// `settings.default_language` comes from the file's `default_language`; `instruments` are checked
/// (domain::check_instrument) and ordered by key.
struct ProgrammeTemplate {
    std::string key;
    domain::ProgrammeKind kind = domain::ProgrammeKind::exchange;
    domain::LocalisedText name;
    domain::LocalisedText description;
    domain::ProgrammeSettings settings;
    std::vector<domain::Instrument> instruments;
    /// What its reports show (indicators.json), checked against `instruments`.
    std::vector<domain::Indicator> indicators;
};

/// Every bundled template, ordered by key. Parsed on the first call (thread-safe) and kept for the life of the
/// process. A file that does not parse or check is a build defect, not a runtime condition: the call throws
/// std::logic_error naming the file and every problem found (bundled_templates_test catches it before release).
const std::vector<ProgrammeTemplate>& bundled_templates();

/// The bundled template with key `key`, or nullptr. Same lifetime and exceptions as bundled_templates().
const ProgrammeTemplate* find_template(std::string_view key);

/// One embedded file: its path relative to server/templates/ (`mobilisesme/instruments/x.json`) and its text.
struct BundledFile {
    std::string_view path;
    std::string_view text;
};

/// The embedded files in path order, as written by cmake/EmbedTemplates.cmake; bundled_templates() is built
/// from them. Static storage.
std::span<const BundledFile> bundled_template_files();

/// What bundled_templates() does with bundled_template_files(), for any set of files (tests feed it broken ones):
/// groups them by template directory, reads programme.json strictly, reads every instrument with
/// json::instrument_from_json() and requires its key to match the file name. Throws std::logic_error listing every
/// file's problems, one `path: field: message` line each.
std::vector<ProgrammeTemplate> load_templates(std::span<const BundledFile> files);

}  // namespace yardstick::server::templates
