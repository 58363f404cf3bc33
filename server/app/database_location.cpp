#include "server/app/database_location.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

namespace yardstick::server {
namespace {

std::string read_trimmed(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream content;
    content << in.rdbuf();
    std::string text = content.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

}  // namespace

std::optional<std::filesystem::path> find_var_database_url(std::filesystem::path start) {
    std::error_code ec;
    for (auto dir = std::filesystem::weakly_canonical(start, ec); !dir.empty(); dir = dir.parent_path()) {
        const auto candidate = dir / "var" / "database-url";
        if (std::filesystem::is_regular_file(candidate, ec)) {
            return candidate;
        }
        if (dir == dir.parent_path()) {
            break;
        }
    }
    return std::nullopt;
}

std::string resolve_database_url(const std::string& explicit_url, const std::string& var_dir) {
    if (!explicit_url.empty()) {
        return explicit_url;
    }
    if (!var_dir.empty()) {
        return read_trimmed(std::filesystem::path(var_dir) / "database-url");
    }
    std::error_code ec;
    if (auto found = find_var_database_url(std::filesystem::current_path(ec))) {
        return read_trimmed(*found);
    }
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        if (auto found = find_var_database_url(executable.parent_path())) {
            return read_trimmed(*found);
        }
    }
    return {};
}

}  // namespace yardstick::server
