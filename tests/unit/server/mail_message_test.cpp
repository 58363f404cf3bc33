#include "server/mail/mail_message.hpp"

#include <gtest/gtest.h>

#include "server/lifecycle/instant_text.hpp"
#include "server/mail/mail_text.hpp"
#include "tests/support/base64.hpp"

namespace yardstick::server::mail {
namespace {

using testing::decode_base64;

MailFacts facts(const std::string& language, const std::string& kind = "invitation") {
    return {language, kind, "post", "MobiliseSME pilot", "Zoë Müller", "https://y.example/f/TOKEN", "2027-06-01",
            "team@mobilisesme.example"};
}

MessageHeaders headers() {
    MessageHeaders h;
    h.outbox_id = 42;
    h.programme_slug = "pilot";
    h.from = "Yardstick <noreply@y.example>";
    h.to_name = "Zoë Müller";
    h.to_address = "zoe@example.org";
    h.reply_to = "team@mobilisesme.example";
    h.date = "2027-04-02T09:00:00.000Z";
    h.domain = "y.example";
    return h;
}

// A header's value, folded lines joined.
std::string header(const std::string& text, const std::string& name) {
    const auto at = text.find("\r\n" + name + ": ");
    if (at == std::string::npos) {
        return {};
    }
    auto begin = at + name.size() + 4;
    std::string value;
    for (;;) {
        const auto end = text.find("\r\n", begin);
        value += text.substr(begin, end - begin);
        if (text.compare(end + 2, 1, " ") != 0) {
            return value;
        }
        begin = end + 2;
    }
}

// The text of RFC 2047 B-encoded words in UTF-8.
std::string decode_words(const std::string& value) {
    std::string text;
    for (auto begin = value.find("=?UTF-8?B?"); begin != std::string::npos;
         begin = value.find("=?UTF-8?B?", begin + 1)) {
        text += decode_base64(value.substr(begin + 10, value.find("?=", begin + 10) - begin - 10));
    }
    return text;
}

TEST(MailMessage, RendersTheSameBytesEveryTime) {
    const auto words = mail_words(facts("de"));
    const auto first = render_message(headers(), words);
    const auto second = render_message(headers(), mail_words(facts("de")));
    EXPECT_EQ(first.text, second.text);
    EXPECT_EQ(first.message_id, "<outbox-42.pilot@y.example>");
    EXPECT_EQ(header("\r\n" + first.text, "Message-ID"), "<outbox-42.pilot@y.example>");
    EXPECT_EQ(header("\r\n" + first.text, "Date"), "Fri, 02 Apr 2027 09:00:00 +0000");
    EXPECT_EQ(first.envelope_from, "noreply@y.example");
    EXPECT_EQ(first.recipient, "zoe@example.org");
}

TEST(MailMessage, NonAsciiHeadersAreEncodedWordsAndTheBodyIsBase64Utf8) {
    const auto message = render_message(headers(), mail_words(facts("fr", "reminder")));
    const auto to = header("\r\n" + message.text, "To");
    EXPECT_TRUE(to.starts_with("=?UTF-8?B?")) << to;
    EXPECT_EQ(decode_words(to.substr(0, to.find('<'))), "Zoë Müller");
    const auto subject = header("\r\n" + message.text, "Subject");
    EXPECT_EQ(decode_words(subject), "Rappel – MobiliseSME pilot : votre questionnaire");
    const auto body = decode_base64(message.text.substr(message.text.find("\r\n\r\n") + 4));
    EXPECT_NE(body.find("Bonjour Zoë Müller,\r\n"), std::string::npos) << body;
    EXPECT_NE(body.find("https://y.example/f/TOKEN\r\n"), std::string::npos);
    EXPECT_NE(body.find("valable jusqu'au 2027-06-01"), std::string::npos);
    EXPECT_NE(body.find("team@mobilisesme.example"), std::string::npos);
    // Every line of the message is at most 78 characters (RFC 5322).
    for (std::size_t begin = 0; begin < message.text.size();) {
        const auto end = message.text.find("\r\n", begin);
        EXPECT_LE(end - begin, 78u) << message.text.substr(begin, end - begin);
        begin = end + 2;
    }
}

TEST(MailMessage, ALineBreakInAValueCannotAddAHeader) {
    auto h = headers();
    h.to_name = "Eve\r\nBcc: all@example.org";
    const auto message = render_message(h, mail_words(facts("en")));
    EXPECT_EQ(message.text.find("\r\nBcc:"), std::string::npos) << message.text;
}

TEST(MailText, EveryLanguageHasItsOwnWordsAndFallsBackToEnglish) {
    EXPECT_NE(mail_words(facts("en")).subject.find("your questionnaire after taking part"), std::string::npos);
    EXPECT_NE(mail_words(facts("it")).body.find("Il suo link personale:"), std::string::npos);
    EXPECT_NE(mail_words(facts("de", "reminder")).subject.find("Erinnerung"), std::string::npos);
    EXPECT_EQ(mail_words(facts("xx")).subject, mail_words(facts("en")).subject);
    auto no_contact = facts("en");
    no_contact.contact.clear();
    EXPECT_EQ(mail_words(no_contact).body.find("Questions?"), std::string::npos);
}

TEST(InstantText, ParsesWhatItWritesAndWhatPostgresWrites) {
    const auto instant = lifecycle::parse_instant("2027-04-02T09:00:00Z");
    ASSERT_TRUE(instant);
    EXPECT_EQ(lifecycle::rfc3339(*instant), "2027-04-02T09:00:00Z");
    EXPECT_EQ(lifecycle::parse_instant("2027-04-02T09:00:00.123Z"), instant);
    EXPECT_EQ(lifecycle::parse_instant("2027-04-02T11:00:00+02:00"), instant);
    EXPECT_EQ(lifecycle::rfc3339(*lifecycle::parse_instant("2027-04-02")), "2027-04-02T00:00:00Z");
    EXPECT_FALSE(lifecycle::parse_instant("2027-04-02T25:00:00Z"));
    EXPECT_FALSE(lifecycle::parse_instant("next tuesday"));
    EXPECT_FALSE(lifecycle::parse_instant("2027-02-30"));
}

}  // namespace
}  // namespace yardstick::server::mail
