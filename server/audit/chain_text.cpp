#include "server/audit/chain_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace yardstick::server::audit {

std::string head_text(const sql::ChainHead& head) {
    return std::to_string(head.seq) + ":" + head.hash;
}

std::optional<sql::ChainHead> parse_head(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    sql::ChainHead head;
    const auto seq_text = text.substr(0, colon);
    const auto [end, error] = std::from_chars(seq_text.data(), seq_text.data() + seq_text.size(), head.seq);
    if (error != std::errc{} || end != seq_text.data() + seq_text.size() || head.seq < 0) {
        return std::nullopt;
    }
    head.hash = std::string(text.substr(colon + 1));
    if (head.hash.size() != 64 ||
        !std::all_of(head.hash.begin(), head.hash.end(), [](unsigned char c) { return std::isxdigit(c) != 0; })) {
        return std::nullopt;
    }
    std::transform(head.hash.begin(), head.hash.end(), head.hash.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return head;
}

nlohmann::json verdict_json(const sql::ChainVerdict& verdict) {
    if (!verdict.ok) {
        return {{"ok", false}, {"first_bad_seq", verdict.first_bad_seq}, {"reason", verdict.reason}};
    }
    return {{"ok", true}, {"events", verdict.events}, {"head", verdict.head.hash}, {"head_seq", verdict.head.seq}};
}

}  // namespace yardstick::server::audit
