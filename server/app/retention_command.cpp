#include "server/app/retention_command.hpp"

#include <iostream>

#include <pqxx/pqxx>

#include "server/privacy/erasure.hpp"
#include "server/privacy/retention.hpp"
#include "yardstick/sql/error_translation.hpp"
#include "yardstick/sql/migrations.hpp"

namespace yardstick::server {

int retention_command(const sql::DatabaseSettings& database, bool dry_run) {
    try {
        auto connection = sql::open_connection(database);
        if (const auto status = sql::inspect_schema(*connection); !status.current()) {
            std::cerr << "yardstick retention: " << status.summary() << " (run yardstick migrate)\n";
            return 2;
        }
        nlohmann::json json;
        std::string transaction_id;
        {
            pqxx::work tx(*connection);
            json = privacy::retention_json(dry_run ? privacy::retention_due(tx) : privacy::apply_retention(tx));
            if (!dry_run) {
                transaction_id = tx.exec1("SELECT pg_current_xact_id()::text")[0].c_str();
                tx.commit();
            }
        }
        if (!dry_run && json.at("participants").get<std::size_t>() > 0) {
            privacy::compact_after_erasure(*connection, transaction_id);
        }
        json["dry_run"] = dry_run;
        std::cout << json.dump(2) << "\n";
        return 0;
    } catch (...) {
        const auto error = sql::translate_exception(std::current_exception());
        std::cerr << "yardstick retention: " << error.message << "\n";
        return error.code == ErrorCode::unavailable ? 2 : 1;
    }
}

}  // namespace yardstick::server
