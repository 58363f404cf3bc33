// How chain heads are written and read back ("SEQ:HEX"), and the verdict's
// JSON, without a database.
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

#include "server/audit/chain_text.hpp"

namespace yardstick::server::audit {
namespace {

const std::string kHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

TEST(ChainText, WritesAndReadsAHead) {
    const sql::ChainHead head{42, kHash};
    EXPECT_EQ(head_text(head), "42:" + kHash);
    EXPECT_EQ(parse_head(head_text(head)), head);
}

TEST(ChainText, ReadsUpperCaseHexAsLowerCase) {
    std::string upper = kHash;
    for (auto& c : upper) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    EXPECT_EQ(parse_head("7:" + upper), (sql::ChainHead{7, kHash}));
}

TEST(ChainText, TheEmptyChainHasAHeadToo) {
    EXPECT_EQ(parse_head(head_text(sql::ChainHead{})), sql::ChainHead{});
}

TEST(ChainText, RefusesWhatIsNotAHead) {
    for (const std::string& bad : std::vector<std::string>{"", "42", ":" + kHash, "-1:" + kHash, "x:" + kHash, "42:" + kHash.substr(1),
                                  "42:" + kHash + "0", "42:" + kHash.substr(0, 63) + "g", "4 2:" + kHash}) {
        EXPECT_FALSE(parse_head(bad).has_value()) << bad;
    }
}

TEST(ChainText, WritesTheVerdictAsTheApiPromises) {
    sql::ChainVerdict intact;
    intact.events = 3;
    intact.head = {3, kHash};
    EXPECT_EQ(verdict_json(intact), (nlohmann::json{{"ok", true}, {"events", 3}, {"head", kHash}, {"head_seq", 3}}));
    sql::ChainVerdict broken;
    broken.ok = false;
    broken.first_bad_seq = 2;
    broken.reason = "changed";
    EXPECT_EQ(verdict_json(broken), (nlohmann::json{{"ok", false}, {"first_bad_seq", 2}, {"reason", "changed"}}));
}

}  // namespace
}  // namespace yardstick::server::audit
