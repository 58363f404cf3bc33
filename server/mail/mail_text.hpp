#pragma once
// The words of the e-mails participants receive (invitations and
// reminders), in en, fr, de and it.

#include <string>
#include <string_view>

namespace yardstick::server::mail {

struct MailWords {
    std::string subject;
    std::string body;  ///< lines separated by "\n"
};

/// What goes into one message.
struct MailFacts {
    std::string language;         ///< en, fr, de, it (others: en)
    std::string kind;             ///< invitation, reminder
    std::string wave;             ///< pre, post, …
    std::string programme_name;
    std::string participant_name;
    std::string url;              ///< the personal link
    std::string valid_until;      ///< YYYY-MM-DD
    std::string contact;          ///< may be empty
};

MailWords mail_words(const MailFacts& facts);

}  // namespace yardstick::server::mail
