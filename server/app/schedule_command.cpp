#include "server/app/schedule_command.hpp"

#include <iostream>

#include <pqxx/pqxx>

#include "server/lifecycle/instant_text.hpp"
#include "server/lifecycle/scheduler.hpp"
#include "server/privacy/identities.hpp"
#include "yardstick/sql/error_translation.hpp"
#include "yardstick/sql/migrations.hpp"

namespace yardstick::server {

int schedule_command(const sql::DatabaseSettings& database, const ScheduleCommand& command) {
    const auto now = command.at.empty() ? lifecycle::system_now() : lifecycle::parse_instant(command.at);
    if (!now) {
        std::cerr << "yardstick schedule: --at must be a time such as 2027-04-02T09:00:00Z or a date 2027-04-02\n";
        return 2;
    }
    // An existing key only: a new one could not open any person's key.
    if (!std::filesystem::exists(command.master_key_file)) {
        std::cerr << "yardstick schedule: no master key at " << command.master_key_file.string() << "\n";
        return 2;
    }
    auto key = security::MasterKey::load_or_create(command.master_key_file);
    if (!key.ok()) {
        std::cerr << "yardstick schedule: " << key.error().message << "\n";
        return 2;
    }
    try {
        auto connection = sql::open_connection(database);
        if (const auto status = sql::inspect_schema(*connection); !status.current()) {
            std::cerr << "yardstick schedule: " << status.summary() << " (run yardstick migrate)\n";
            return 2;
        }
        {
            pqxx::work tx(*connection);
            if (auto checked = privacy::check_master_key(tx, key.value(), command.master_key_file.string());
                !checked.ok()) {
                std::cerr << "yardstick schedule: " << checked.error().message << "\n";
                return 2;
            }
        }
        collection::InstrumentCache instruments;
        // Links are rendered when their e-mail is sent; the URL is not needed here.
        const collection::LinkSettings links{&key.value(), ""};
        const auto pass = lifecycle::run_schedule_pass(*connection, links, instruments, *now, command.dry_run);
        nlohmann::json json = {{"at", lifecycle::rfc3339(*now)},
                               {"dry_run", command.dry_run},
                               {"had_turn", pass.had_turn},
                               {"actions", pass.actions}};
        std::cout << json.dump(2) << "\n";
        return pass.had_turn ? 0 : 3;
    } catch (...) {
        const auto error = sql::translate_exception(std::current_exception());
        std::cerr << "yardstick schedule: " << error.message << "\n";
        return error.code == ErrorCode::unavailable ? 2 : 1;
    }
}

}  // namespace yardstick::server
