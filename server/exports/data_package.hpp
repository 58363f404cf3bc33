#pragma once
// datapackage.zip: a programme's whole data set as a Frictionless Data
// Package that an auditor can check and recompute offline. One snapshot in
// which the report's tallies have counted every event the rows come from,
// so that report.json and the CSVs describe the same data version; the
// files are written to a private temporary directory with their SHA-256
// (manifest.json), zipped from there, and only then — after
// export.downloaded is committed — streamed to the client. Memory stays
// flat; disk holds the package once, while it is sent.

#include <chrono>
#include <cstdint>
#include <string>

#include <pqxx/connection>

#include "server/app/streamed_work.hpp"
#include "server/security/master_key.hpp"

namespace yardstick::server::exports {

/// Sequences and counts what is waiting (as the server's sequencer and tally
/// consumer would at their next tick) until the tallies cover every event of
/// the programme, for at most `patience`. False when they still do not
/// (submissions keep arriving faster than they are counted).
bool catch_up_tallies(pqxx::connection& connection, std::int64_t programme_id, std::chrono::milliseconds patience);

/// The work writing the package of the programme. `actor` is logged with
/// export.downloaded; `key` (for pseudonyms) must outlive the work. With
/// `identities` (for holders of the identity-export grant) the package also
/// holds who each pseudonym is, and its manifest says so.
StreamedWork export_data_package(std::int64_t programme_id, std::string actor, const security::MasterKey* key,
                                 bool identities);

}  // namespace yardstick::server::exports
