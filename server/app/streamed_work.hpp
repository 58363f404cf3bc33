#pragma once
// A streamed HTTP body produced by blocking database work: the work runs on
// the database pool, in one transaction, and hands its output over piece by
// piece; the session sends each piece as it arrives. Memory holds a couple
// of pieces, never the whole body. The hand-over waits for the client (a
// slow reader slows the work, it does not pile up output), and stops the
// work when the client goes away or stalls.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <pqxx/connection>

#include "server/app/database_pool.hpp"
#include "server/http/types.hpp"

namespace yardstick::server {

/// Hands one piece of the body over; blocks until the session has taken it.
/// False when the client has gone (or stalled past the limit): stop then.
using EmitPiece = std::function<bool(std::string piece)>;

/// The work: writes the whole body through `emit`. An Error, or an
/// exception, after the first piece cuts the body short (the client sees no
/// final chunk); before it, the same.
using StreamedWork = std::function<Status(pqxx::connection& connection, const EmitPiece& emit)>;

/// Starts `work` on the pool and returns the body that streams its output.
/// `stall_limit`: how long a piece may wait for the client.
std::shared_ptr<http::BodyStream> stream_from_pool(DatabasePool& pool, const boost::asio::any_io_executor& executor,
                                                   StreamedWork work,
                                                   std::chrono::milliseconds stall_limit = std::chrono::seconds(60));

}  // namespace yardstick::server
