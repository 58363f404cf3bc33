// The server's own log never holds an identity or a personal link: the
// access log names the route pattern (/f/{token}), not the path, and no event
// line carries a name, an e-mail address, a token or a free-text answer —
// through registering people, issuing and opening a link, saving and
// submitting answers, a guessed link and a refused token (issue 8, "Logs
// never contain identities or tokens").

#include <string>

#include "tests/http/exchange_fixture.hpp"

namespace yardstick::testing {
namespace {

using beast_http::status;
using beast_http::verb;

class LogHygiene : public ExchangeServerTest {};

TEST_F(LogHygiene, NoIdentityOrTokenReachesTheLog) {
    const auto token = invite("employee", "post");
    ASSERT_EQ(request(port(), verb::get, "/f/" + token).result(), status::ok);
    submit(token, employee_post_answers());
    const std::string guessed(43, 'A');
    EXPECT_EQ(request(port(), verb::get, "/f/" + guessed).result(), status::not_found);
    EXPECT_EQ(request(port(), verb::get, base_ + "/participants", {}, {{"Authorization", "Bearer not-a-real-token"}})
                  .result(),
              status::unauthorized);
    // Read by a manager: the names and addresses travel in the response, not the log.
    EXPECT_EQ(staff(verb::get, base_ + "/participants").result(), status::ok);

    const auto log = server_->transcript();
    ASSERT_NE(log.find("\"route\":\"/f/{token}\""), std::string::npos) << "the access log names the pattern";
    for (const auto& secret : {token, guessed, admin_, std::string("not-a-real-token"), std::string("Atelier Dupont"),
                               std::string("Software Meier"), std::string("Sam Example"),
                               std::string("claire@example.org"), std::string("luc@example.org"),
                               std::string("jonas@example.org"), std::string("Jonas Meier was")}) {
        EXPECT_EQ(log.find(secret), std::string::npos) << "the log holds " << secret;
    }
}

}  // namespace
}  // namespace yardstick::testing
