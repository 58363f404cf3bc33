#pragma once
// Loading the demo programmes (demo_registry.hpp) into a database through
// the same use cases as the HTTP API (server/registry, server/collection),
// issuing their sample invitations and answering them as planned
// (demo_responses.hpp). Idempotent: rows are identified by their reference,
// invitations by engagement × respondent × wave, and only invitations nobody
// has touched yet are answered, so a later run adds only what is missing.

#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "server/collection/collection.hpp"
#include "server/collection/instrument_cache.hpp"

namespace yardstick::server::demo {

/// One sample personal link.
struct DemoLink {
    std::string programme;   ///< slug
    std::string engagement;  ///< engagement reference
    std::string respondent;
    std::string wave;
    std::string url;
};

/// What one run added, per programme, and every demo link (new or old).
struct DemoLoadReport {
    struct Added {
        std::string programme;
        bool programme_created = false;
        std::int64_t organisations = 0;
        std::int64_t participants = 0;
        std::int64_t engagements = 0;
        std::int64_t invitations = 0;
        std::int64_t responses = 0;  ///< submitted
        std::int64_t drafts = 0;     ///< saved, not submitted
    };
    std::vector<Added> added;
    std::vector<DemoLink> links;
};

/// Loads every demo programme: its registry and invitations in one
/// transaction; once that has committed, the openings and drafts in a
/// second, and the submissions in one batch (sql::submit_responses, which
/// commits by itself). Throws on a database failure or when a demo row or
/// answer is refused by the domain (a defect of the demo data, which unit
/// tests rule out).
DemoLoadReport load_demo_programmes(pqxx::connection& connection, const collection::LinkSettings& links,
                                    collection::InstrumentCache& instruments);

}  // namespace yardstick::server::demo
