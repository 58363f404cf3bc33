#pragma once
// A running server with one MobiliseSME programme ("pilot") and one exchange
// between a Belgian sending and a German hosting company, whose travelling
// employee prefers French; invite() issues personal links for it.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/http/server_test.hpp"

namespace yardstick::testing {

class ExchangeServerTest : public ServerTest {
protected:
    void SetUp() override {
        start_server({"--sequencer-interval", "0.05"});
        admin_ = create_token("admin", "admin@localhost");
        create("/api/v1/programmes", {{"slug", "pilot"}, {"name", "MobiliseSME pilot"}, {"template", "mobilisesme"}});
        const auto organisation = [&](const char* name, const char* country, const char* sector) {
            return create(base_ + "/organisations",
                          {{"name", name}, {"country", country}, {"sector", sector}, {"size", "small"}})
                .value("id", std::int64_t{0});
        };
        const auto participant = [&](std::int64_t organisation_id, const char* role, const char* email,
                                     const char* language) {
            return create(base_ + "/participants", {{"organisation_id", organisation_id},
                                                    {"role", role},
                                                    {"name", "Sam Example"},
                                                    {"email", email},
                                                    {"language", language}})
                .value("id", std::int64_t{0});
        };
        const auto sending = organisation("Atelier Dupont", "BE", "C25");
        const auto hosting = organisation("Software Meier", "DE", "J62");
        participant(sending, "contact", "claire@example.org", "en");
        participant(hosting, "contact", "jonas@example.org", "de");
        const auto employee = participant(sending, "employee", "luc@example.org", "fr");
        engagement_ = create(base_ + "/engagements", {{"kind", "exchange"},
                                                      {"sending_organisation_id", sending},
                                                      {"hosting_organisation_id", hosting},
                                                      {"participant_id", employee},
                                                      {"starts_on", "2025-03-03"},
                                                      {"ends_on", "2025-04-01"}})
                          .value("id", std::int64_t{0});
    }

    /// The token of a new personal link for `respondent` in `wave`.
    std::string invite(const std::string& respondent, const std::string& wave) {
        const auto invitation = create(base_ + "/invitations",
                                       {{"engagement_id", engagement_}, {"respondent", respondent}, {"wave", wave}});
        const auto url = invitation.value("url", "");
        auto token = url.substr(url.rfind('/') + 1);
        EXPECT_EQ(token.size(), 43u) << "no invitation was issued: " << invitation.dump();
        return token;
    }

    HttpResponse staff(beast_http::verb method, const std::string& target, const std::string& body = {}) const {
        HeaderList headers{{"Authorization", "Bearer " + admin_}};
        if (!body.empty()) {
            headers.emplace_back("Content-Type", "application/json");
        }
        return request(port(), method, target, body, headers);
    }

    nlohmann::json create(const std::string& target, const nlohmann::json& body) {
        const auto response = staff(beast_http::verb::post, target, body.dump());
        EXPECT_EQ(response.result(), beast_http::status::created)
            << target << " " << body.dump() << ": " << response.body();
        const auto created = nlohmann::json::parse(response.body(), nullptr, false);
        return created.is_object() ? created : nlohmann::json::object();
    }

    std::int64_t count(const std::string& sql) const {
        pqxx::connection connection(database_.url());
        pqxx::read_transaction tx(connection);
        return tx.exec1(sql)[0].as<std::int64_t>();
    }

    const std::string base_ = "/api/v1/programmes/pilot";
    std::string admin_;
    std::int64_t engagement_ = 0;
};

}  // namespace yardstick::testing
