#pragma once
// One outbox message as RFC 5322 text (CRLF lines, UTF-8 body in base64,
// RFC 2047 headers where they are not ASCII). Pure: the same message row
// renders the same bytes, so a message sent again after a crash is
// recognisably the same (Message-ID from the outbox id, Date from when it
// was queued).

#include <cstdint>
#include <string>

#include "server/mail/mail_text.hpp"

namespace yardstick::server::mail {

struct RenderedMessage {
    std::string envelope_from;  ///< bare address
    std::string recipient;      ///< bare address
    std::string message_id;     ///< with its angle brackets
    std::string text;           ///< headers, blank line, body
};

struct MessageHeaders {
    std::int64_t outbox_id = 0;
    std::string programme_slug;
    std::string from;       ///< "Name <address>" or "address"
    std::string to_name;
    std::string to_address;
    std::string reply_to;   ///< the programme's contact address; empty: none
    std::string date;       ///< RFC 3339 of when it was queued
    std::string domain;     ///< of the Message-ID: the public URL's host
};

/// "<outbox-<id>.<slug>@<domain>>".
std::string message_id_of(std::int64_t outbox_id, const std::string& slug, const std::string& domain);

RenderedMessage render_message(const MessageHeaders& headers, const MailWords& words);

/// The address inside "Name <address>", or the text itself.
std::string bare_address(const std::string& mailbox);

}  // namespace yardstick::server::mail
