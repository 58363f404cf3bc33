#pragma once
// The flags of `yardstick serve` that issue 9 added: the read replica, the
// scheduler, e-mail and webhooks (README, "Configuration").

#include <string>

#include <CLI/CLI.hpp>

#include "server/app/config.hpp"

namespace yardstick::server {

/// What the flags give in seconds or as text before it becomes configuration.
struct LifecycleFlags {
    std::string read_url;
    double schedule_interval_s = 60;
    double mail_retry_base_s = 30;
    double webhook_retry_base_s = 30;
};

void add_lifecycle_options(CLI::App& serve, ServerConfig& config, LifecycleFlags& flags);

/// Fills `config` from `flags` (to be called after the database settings
/// are known); returns what is wrong with the combination, or "".
std::string apply_lifecycle_options(const LifecycleFlags& flags, ServerConfig& config);

}  // namespace yardstick::server
