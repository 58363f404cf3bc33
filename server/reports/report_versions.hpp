#pragma once
// The latest data version of each programme's report this node has heard
// of: the tally consumer of whichever node counted new events NOTIFYs
// `yardstick_report` with "<programme id>:<data version>" when it commits,
// and every node's listener publishes it here. The live report streams
// (GET …/report/stream) look here, in memory, several times a second.

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace yardstick::server::reports {

class ReportVersions {
public:
    /// Raises the programme's version to `version` (never lowers it).
    void publish(std::int64_t programme_id, std::int64_t version);
    /// Reads a notification payload "<programme id>:<version>"; false when
    /// it is not one.
    bool publish(const std::string& payload);
    /// The latest version heard of; 0 when none.
    std::int64_t latest(std::int64_t programme_id) const;

    /// The server is stopping: streams end.
    void close() { closed_ = true; }
    bool closed() const { return closed_; }

private:
    mutable std::mutex mutex_;
    std::map<std::int64_t, std::int64_t> versions_;
    std::atomic<bool> closed_{false};
};

}  // namespace yardstick::server::reports
