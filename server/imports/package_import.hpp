#pragma once
// Importing a whole data package (datapackage.zip, as a programme exported
// it) into another programme of the same template: its organisations and
// participants (under their pseudonyms: the package holds no names), its
// engagements with their status, its invitations and its responses, through
// the registry's and the participants' own use cases, so that the new
// programme's reports count them as the old one's did. Every file is
// checked against the manifest first. All in the caller's transaction.

#include <pqxx/dbtransaction>

#include "server/exports/zip_archive.hpp"
#include "server/imports/response_import.hpp"

namespace yardstick::server::imports {

/// What a package import did besides the responses.
struct PackageImportTally {
    ImportTally responses;  ///< its problems are the whole import's
    std::int64_t organisations = 0;
    std::int64_t participants = 0;
    std::int64_t engagements = 0;
};

PackageImportTally import_package(pqxx::dbtransaction& tx, const sql::StoredProgramme& programme,
                                  const exports::ZipReader& package, const collection::LinkSettings& links,
                                  collection::InstrumentCache& instruments, const std::string& actor);

}  // namespace yardstick::server::imports
