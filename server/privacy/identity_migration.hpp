#pragma once
// What `yardstick migrate` does beyond SQL: migration 0010 adds the sealed
// columns, and this step, in 0011's transaction before its SQL, seals with per-person keys
// what databases of earlier versions held in clear (names, e-mail addresses,
// personal answers in responses and drafts) and seals each kept link token
// again, under its person's key instead of the master key. Migration 0011
// then drops the clear columns.

#include <map>

#include "server/security/master_key.hpp"
#include "yardstick/sql/migrations.hpp"

namespace yardstick::server::privacy {

/// The data steps of this build's migrations, by number.
std::map<int, sql::DataStep> migration_data_steps(const security::MasterKey& master);

}  // namespace yardstick::server::privacy
