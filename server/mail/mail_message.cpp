#include "server/mail/mail_message.hpp"

#include <array>
#include <cstdio>
#include <ctime>

#include "server/lifecycle/instant_text.hpp"

namespace yardstick::server::mail {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const auto b0 = static_cast<unsigned char>(bytes[i]);
        const auto b1 = i + 1 < bytes.size() ? static_cast<unsigned char>(bytes[i + 1]) : 0u;
        const auto b2 = i + 2 < bytes.size() ? static_cast<unsigned char>(bytes[i + 2]) : 0u;
        out += kBase64[b0 >> 2];
        out += kBase64[((b0 & 0x3u) << 4) | (b1 >> 4)];
        out += i + 1 < bytes.size() ? kBase64[((b1 & 0xFu) << 2) | (b2 >> 6)] : '=';
        out += i + 2 < bytes.size() ? kBase64[b2 & 0x3Fu] : '=';
    }
    return out;
}

bool is_plain_ascii(std::string_view text) {
    for (const unsigned char c : text) {
        if (c >= 0x80 || c < 0x20) {
            return false;
        }
    }
    return true;
}

// RFC 2047 encoded-words of at most 39 bytes (52 in base64: a header line
// stays under 78 characters), never splitting a UTF-8
// sequence.
std::string encoded_words(std::string_view text) {
    if (is_plain_ascii(text)) {
        return std::string(text);
    }
    std::string out;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = std::min(text.size(), begin + 39);
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0u) == 0x80u) {
            --end;
        }
        out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") + base64(text.substr(begin, end - begin)) +
               "?=";
        begin = end;
    }
    return out;
}

// The body as CRLF lines, base64 in lines of 76.
std::string body_base64(const std::string& body) {
    std::string crlf;
    for (const char c : body) {
        if (c == '\n') {
            crlf += "\r\n";
        } else {
            crlf += c;
        }
    }
    const auto encoded = base64(crlf);
    std::string out;
    for (std::size_t i = 0; i < encoded.size(); i += 76) {
        out += encoded.substr(i, 76) + "\r\n";
    }
    return out;
}

// RFC 5322 date-time: "Fri, 02 Apr 2027 09:00:00 +0000".
std::string mail_date(const std::string& rfc3339) {
    const auto instant = lifecycle::parse_instant(rfc3339).value_or(domain::Instant{});
    const std::time_t seconds = instant.time_since_epoch().count();
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char text[64];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday % 7], utc.tm_mday,
                  kMonths[utc.tm_mon % 12], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return text;
}

// A display name as a quoted string or encoded-words.
std::string display_name(const std::string& name) {
    if (!is_plain_ascii(name)) {
        return encoded_words(name);
    }
    std::string quoted = "\"";
    for (const char c : name) {
        if (c == '"' || c == '\\') {
            quoted += '\\';
        }
        quoted += c;
    }
    return quoted + "\"";
}

// Header values come from the database and the configuration: no line breaks.
std::string one_line(std::string text) {
    for (auto& c : text) {
        if (c == '\r' || c == '\n') {
            c = ' ';
        }
    }
    return text;
}

}  // namespace

std::string bare_address(const std::string& mailbox) {
    const auto open = mailbox.rfind('<');
    const auto close = mailbox.rfind('>');
    if (open != std::string::npos && close != std::string::npos && close > open) {
        return mailbox.substr(open + 1, close - open - 1);
    }
    return mailbox;
}

std::string message_id_of(std::int64_t outbox_id, const std::string& slug, const std::string& domain) {
    return "<outbox-" + std::to_string(outbox_id) + "." + slug + "@" + domain + ">";
}

RenderedMessage render_message(const MessageHeaders& headers, const MailWords& words) {
    RenderedMessage message;
    message.envelope_from = bare_address(headers.from);
    message.recipient = one_line(headers.to_address);
    message.message_id = message_id_of(headers.outbox_id, headers.programme_slug, headers.domain);
    std::string& text = message.text;
    text += "Date: " + mail_date(headers.date) + "\r\n";
    text += "From: " + one_line(headers.from) + "\r\n";
    text += "To: " + (headers.to_name.empty() ? "" : display_name(one_line(headers.to_name)) + " ") + "<" +
            message.recipient + ">\r\n";
    if (!headers.reply_to.empty()) {
        text += "Reply-To: " + one_line(headers.reply_to) + "\r\n";
    }
    text += "Subject: " + encoded_words(one_line(words.subject)) + "\r\n";
    text += "Message-ID: " + message.message_id + "\r\n";
    text += "MIME-Version: 1.0\r\n";
    text += "Content-Type: text/plain; charset=UTF-8\r\n";
    text += "Content-Transfer-Encoding: base64\r\n";
    // RFC 3834: no out-of-office replies to an automatic message.
    text += "Auto-Submitted: auto-generated\r\n";
    text += "X-Yardstick-Outbox-Id: " + std::to_string(headers.outbox_id) + "\r\n";
    text += "\r\n";
    text += body_base64(words.body);
    return message;
}

}  // namespace yardstick::server::mail
