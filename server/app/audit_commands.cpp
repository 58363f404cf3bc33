#include "server/app/audit_commands.hpp"

#include <iostream>

#include "server/audit/chain_text.hpp"
#include "yardstick/sql/error_translation.hpp"
#include "yardstick/sql/event_seals.hpp"

namespace yardstick::server {

int verify_command(const sql::DatabaseSettings& database, const std::string& expect_head) {
    std::optional<sql::ChainHead> expected;
    if (!expect_head.empty()) {
        expected = audit::parse_head(expect_head);
        if (!expected) {
            std::cerr << "yardstick verify: --expect-head must be SEQ:HEX (a sequence number, a colon and 64 hex "
                         "digits), as reports and manifests print it\n";
            return 2;
        }
    }
    try {
        auto connection = sql::open_connection(database);
        const auto verdict = sql::verify_event_chain(*connection, expected);
        std::cout << audit::verdict_json(verdict).dump() << "\n";
        return verdict.ok ? 0 : 1;
    } catch (...) {
        std::cerr << "yardstick verify: " << sql::translate_exception(std::current_exception()).message << "\n";
        return 2;
    }
}

}  // namespace yardstick::server
