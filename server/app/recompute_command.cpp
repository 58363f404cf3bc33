#include "server/app/recompute_command.hpp"

#include <iostream>

#include "server/exports/package_recompute.hpp"
#include "server/reports/read_report.hpp"
#include "server/reports/report_json.hpp"

namespace yardstick::server {

int recompute_command(const std::filesystem::path& package, const std::string& language) {
    if (!language.empty() && !reports::is_report_language(language)) {
        std::cerr << "yardstick recompute: --lang must be en, fr, de or it\n";
        return 2;
    }
    auto archive = exports::ZipReader::open_file(package);
    if (!archive.ok()) {
        std::cerr << "yardstick recompute: " << archive.error().message << "\n";
        return 2;
    }
    auto report = exports::recompute_report(archive.value(), language);
    if (const auto* problem = std::get_if<exports::PackageProblem>(&report)) {
        std::cerr << "yardstick recompute: " << problem->file << ": " << problem->message << "\n";
        return problem->tampered ? 1 : 2;
    }
    std::cout << reports::report_to_json(std::get<reports::Report>(report)).dump(2) << "\n";
    return 0;
}

}  // namespace yardstick::server
