// The authorisation rule on its own: roles per programme, admins
// everywhere, writing outside a programme for admins only, and scopes that
// narrow a token below its user's roles.
#include <gtest/gtest.h>

#include "server/http/router.hpp"

namespace yardstick::server::http {
namespace {

Principal caller(std::vector<RoleGrant> roles, std::vector<std::string> scopes = {"read", "write", "export"}) {
    return Principal{1, "someone@example.org", std::move(roles), std::move(scopes), std::nullopt, {}};
}

TEST(Authorise, AnAdminMayDoEverythingTheTokenAllows) {
    const auto admin = caller({{"admin", ""}});
    EXPECT_TRUE(authorise(admin, Permission::staff_write, "pilot").ok());
    EXPECT_TRUE(authorise(admin, Permission::staff_write, "").ok());
    const auto reading_admin = caller({{"admin", ""}}, {"read"});
    EXPECT_TRUE(authorise(reading_admin, Permission::staff_read, "pilot").ok());
    const auto refused = authorise(reading_admin, Permission::staff_write, "pilot");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
}

TEST(Authorise, AManagerReadsAndWritesInTheirProgrammeOnly) {
    const auto manager = caller({{"manager", "pilot"}});
    EXPECT_TRUE(authorise(manager, Permission::staff_read, "pilot").ok());
    EXPECT_TRUE(authorise(manager, Permission::staff_write, "pilot").ok());
    EXPECT_FALSE(authorise(manager, Permission::staff_read, "other").ok());
    EXPECT_FALSE(authorise(manager, Permission::staff_write, "other").ok());
}

TEST(Authorise, AnAuditorOnlyReadsTheirProgramme) {
    const auto auditor = caller({{"auditor", "pilot"}, {"manager", "other"}});
    EXPECT_TRUE(authorise(auditor, Permission::staff_read, "pilot").ok());
    EXPECT_FALSE(authorise(auditor, Permission::staff_write, "pilot").ok());
    EXPECT_TRUE(authorise(auditor, Permission::staff_write, "other").ok());
}

TEST(Authorise, OutsideAProgrammeStaffMayReadAndOnlyAdminsWrite) {
    const auto manager = caller({{"manager", "pilot"}});
    EXPECT_TRUE(authorise(manager, Permission::staff_read, "").ok());
    EXPECT_FALSE(authorise(manager, Permission::staff_write, "").ok());
    EXPECT_FALSE(authorise(caller({{"identity-export", "pilot"}}), Permission::staff_read, "pilot").ok());
}

TEST(Authorise, ExportingNeedsAReadingRoleAndTheExportScope) {
    const auto auditor = caller({{"auditor", "pilot"}});
    EXPECT_TRUE(authorise(auditor, Permission::staff_export, "pilot").ok());
    EXPECT_FALSE(authorise(auditor, Permission::staff_export, "other").ok());
    const auto without_export = authorise(caller({{"admin", ""}}, {"read", "write"}), Permission::staff_export, "pilot");
    ASSERT_FALSE(without_export.ok());
    EXPECT_NE(without_export.error().message.find("'export'"), std::string::npos);
    EXPECT_FALSE(authorise(caller({{"admin", ""}}, {"export"}), Permission::staff_export, "pilot").ok())
        << "export alone does not read";
    EXPECT_EQ(to_string(Permission::staff_export), "staff_export");
}

TEST(Authorise, PublicAndParticipantRoutesNeedNoRole) {
    const auto nobody = caller({}, {});
    EXPECT_TRUE(authorise(nobody, Permission::anyone, "").ok());
    EXPECT_TRUE(authorise(nobody, Permission::invitation_token, "").ok());
    EXPECT_FALSE(authorise(nobody, Permission::staff_read, "").ok());
}

}  // namespace
}  // namespace yardstick::server::http
