#include "server/mail/mail_transport.hpp"

#include <fstream>
#include <mutex>

#include <curl/curl.h>

namespace yardstick::server::mail {
namespace {

// Feeds the message to libcurl's upload.
struct Upload {
    const std::string* text = nullptr;
    std::size_t offset = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const auto room = size * count;
    const auto left = upload->text->size() - upload->offset;
    const auto n = std::min(room, left);
    upload->text->copy(buffer, n, upload->offset);
    upload->offset += n;
    return n;
}

class SmtpTransport final : public MailTransport {
public:
    explicit SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)) {}

    Status send(const RenderedMessage& message) override {
        CURL* curl = curl_easy_init();
        if (curl == nullptr) {
            return Error{ErrorCode::unavailable, "libcurl could not start a transfer", {}};
        }
        const std::string from = "<" + message.envelope_from + ">";
        const std::string to = "<" + message.recipient + ">";
        curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
        Upload upload{&message.text, 0};
        char error[CURL_ERROR_SIZE] = {0};
        curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
        curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
        curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
        curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings_.timeout_seconds);
        if (!settings_.user.empty()) {
            curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.user.c_str());
            curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
        }
        if (settings_.url.starts_with("smtp://")) {
            const long use_ssl = settings_.starttls == "off"        ? CURLUSESSL_NONE
                                 : settings_.starttls == "optional" ? CURLUSESSL_TRY
                                                                    : CURLUSESSL_ALL;
            curl_easy_setopt(curl, CURLOPT_USE_SSL, use_ssl);
        }
        if (!settings_.ca_file.empty()) {
            curl_easy_setopt(curl, CURLOPT_CAINFO, settings_.ca_file.c_str());
        }
        const CURLcode code = curl_easy_perform(curl);
        long reply = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
        curl_slist_free_all(recipients);
        curl_easy_cleanup(curl);
        if (code != CURLE_OK) {
            std::string text = error[0] != '\0' ? error : curl_easy_strerror(code);
            if (reply != 0) {
                text += " (SMTP " + std::to_string(reply) + ")";
            }
            return Error{ErrorCode::unavailable, text, {}};
        }
        return {};
    }

    std::string describe() const override {
        // Credentials may be in the URL's user part: leave it out.
        auto url = settings_.url;
        if (const auto scheme = url.find("://"); scheme != std::string::npos) {
            if (const auto at = url.find('@', scheme); at != std::string::npos) {
                url.erase(scheme + 3, at - scheme - 2);
            }
        }
        return url;
    }

private:
    SmtpSettings settings_;
};

class DirectoryTransport final : public MailTransport {
public:
    explicit DirectoryTransport(std::filesystem::path directory) : directory_(std::move(directory)) {}

    Status send(const RenderedMessage& message) override {
        std::error_code ec;
        std::filesystem::create_directories(directory_, ec);
        // "<outbox-7.slug@host>" → outbox-7.slug@host.eml
        std::string name = message.message_id.substr(1, message.message_id.size() - 2);
        for (auto& c : name) {
            if (c == '/' || c == '\\') {
                c = '_';
            }
        }
        const auto final_path = directory_ / (name + ".eml");
        const auto temporary = directory_ / ("." + name + ".tmp");
        {
            std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
            out << "X-Envelope-From: <" << message.envelope_from << ">\r\n"
                << "X-Envelope-To: <" << message.recipient << ">\r\n"
                << message.text;
            out.flush();
            if (!out) {
                return Error{ErrorCode::unavailable, "cannot write " + temporary.string(), {}};
            }
        }
        std::filesystem::rename(temporary, final_path, ec);
        if (ec) {
            return Error{ErrorCode::unavailable, "cannot write " + final_path.string() + ": " + ec.message(), {}};
        }
        return {};
    }

    std::string describe() const override { return directory_.string(); }

private:
    std::filesystem::path directory_;
};

}  // namespace

void initialise_mail_library() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::unique_ptr<MailTransport> smtp_transport(SmtpSettings settings) {
    return std::make_unique<SmtpTransport>(std::move(settings));
}

std::unique_ptr<MailTransport> mail_directory_transport(std::filesystem::path directory) {
    return std::make_unique<DirectoryTransport>(std::move(directory));
}

}  // namespace yardstick::server::mail
