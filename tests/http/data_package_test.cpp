// datapackage.zip through the real server binary, and `yardstick recompute`
// reading it back: the package validates against the Frictionless Data JSON
// Schemas kept in tests/schemas/frictionless and against its own Table
// Schemas (types, enums, keys), every manifest hash matches, its files agree
// with the database and hold no names or e-mail addresses, and recompute —
// offline, from the package alone — prints the report the server serves,
// every field equal but generated_at: for the three demo programmes, and for
// a programme with amendments, pairs and a cancelled exchange. A package
// changed after export is refused.

#include <pqxx/pqxx>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "tests/http/exchange_fixture.hpp"
#include "tests/http/package_checks.hpp"
#include "tests/support/shell_command.hpp"

namespace yardstick::testing {
namespace {

using namespace std::chrono_literals;
using beast_http::status;
using beast_http::verb;

// --- A programme with amendments, pairs and a cancelled exchange ---------------

class DataPackage : public ExchangeServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ExchangeServerTest::SetUp());
        const nlohmann::json company = {{"matched_needs", 2},          {"crossborder_business", 4},
                                        {"new_products_services", 3},  {"skills_benefit_company", 4},
                                        {"would_participate_again", true}, {"recommend", 9}};
        const auto sending = invite("sending", "post");
        submit(sending, company);
        auto amended = company;
        amended["matched_needs"] = 5;
        amended["would_participate_again"] = false;
        submit(sending, amended);  // the package holds the latest version
        submit(invite("hosting", "post"), company);
        submit(invite("employee", "pre"), employee_pre_answers());
        submit(invite("employee", "post"), employee_post_answers());
        invite("sending", "pre");  // not answered: the response rate is not 100%
        // A second exchange, to another country and sector, then cancelled.
        const auto elsewhere = add_organisation("Costa Turismo", "PT", "I55");
        const auto traveller = add_participant(sending_, "employee", "ana@example.org", "en");
        const auto cancelled = add_exchange(sending_, elsewhere, traveller);
        const auto response = staff(verb::post, base_ + "/engagements/" + std::to_string(cancelled) + "/status",
                                    nlohmann::json{{"status", "cancelled"}}.dump());
        ASSERT_EQ(response.result(), status::ok) << response.body();
        wait_until_counted();
    }

    PackageChecks checks() const { return {port(), admin_}; }

    /// A copy of the package at scratch/`name`, each entry's `data` passed
    /// through the Python statements `change` (which see `name` and `data`).
    std::string rewrite(const std::filesystem::path& package, const std::string& name, const std::string& change) const {
        const auto script = scratch_ / "rewrite.py";
        write_file(script, "import sys, zipfile\n"
                           "with zipfile.ZipFile(sys.argv[1]) as old, zipfile.ZipFile(sys.argv[2], 'w') as new:\n"
                           "  for item in old.infolist():\n"
                           "    name = item.filename\n"
                           "    data = old.read(name)\n"
                           "    " + change + "\n"
                           "    new.writestr(item, data)\n");
        int code = -1;
        const auto out = shell("/usr/bin/python3 " + script.string() + " " + package.string() + " " + (scratch_ / name).string(), &code);
        EXPECT_EQ(code, 0) << out;
        return out;
    }

    Scratch scratch_;
};

TEST_F(DataPackage, RecomputeFromThePackageGivesTheServedReport) {
    checks().expect_recompute_equals_served("pilot", scratch_);
}

TEST_F(DataPackage, AProgrammeWithNothingYetRecomputesToo) {
    create("/api/v1/programmes", {{"slug", "empty"}, {"name", "Nothing yet"}, {"template", "skills-monitor"}});
    wait_until_counted();
    checks().expect_recompute_equals_served("empty", scratch_);
}

TEST_F(DataPackage, FilesAgreeWithTheDatabaseAndNameNobody) {
    const auto package = scratch_ / "pilot.zip";
    ASSERT_NO_FATAL_FAILURE(checks().download("pilot", package));
    const auto files = scratch_ / "files";
    ASSERT_NO_FATAL_FAILURE(PackageChecks::unpack(package, files));
    const auto lines = [&](const std::string& name) {
        const auto text = read_file(files / name);
        return static_cast<std::int64_t>(std::count(text.begin(), text.end(), '\n')) - 1;  // less the header
    };
    EXPECT_EQ(lines("organisations.csv"), count("SELECT count(*) FROM organisations"));
    EXPECT_EQ(lines("participants.csv"), count("SELECT count(*) FROM participants"));
    EXPECT_EQ(lines("engagements.csv"), count("SELECT count(*) FROM engagements"));
    EXPECT_EQ(lines("invitations.csv"), count("SELECT count(*) FROM invitations"));
    EXPECT_EQ(lines("responses.csv"), count("SELECT count(*) FROM responses"));
    EXPECT_NE(read_file(files / "engagements.csv").find(",cancelled,"), std::string::npos);

    for (const auto& entry : std::filesystem::directory_iterator(files)) {
        const auto text = read_file(entry.path());
        for (const auto* secret : {"Atelier Dupont", "Software Meier", "Costa Turismo", "claire@example.org",
                                   "luc@example.org", "Sam Example", "Jonas Meier was"}) {
            EXPECT_EQ(text.find(secret), std::string::npos) << entry.path().filename() << " names " << secret;
        }
    }

    // The manifest, the report and the audit trail name the same data version and chain head.
    const auto manifest = nlohmann::json::parse(read_file(files / "manifest.json"));
    const auto report = nlohmann::json::parse(read_file(files / "report.json"));
    EXPECT_EQ(manifest["event_log_head"], report["event_log_head"]);
    EXPECT_EQ(manifest["data_version"], report["data_version"]);
    EXPECT_EQ(manifest["identities"], false);
    EXPECT_EQ(manifest["files"].size(), 10u) << "every file but the manifest itself";
    const auto audit = nlohmann::json::parse(checks().get(base_ + "/audit").body());
    bool logged = false;
    for (const auto& event : audit.value("events", nlohmann::json::array())) {
        const auto& data = event["data"];
        if (event.value("type", "") == "export.downloaded" && data.value("file", "") == "datapackage.zip") {
            logged = true;
            EXPECT_EQ(data["data_version"], manifest["data_version"]);
            EXPECT_EQ(data["event_log_head"], manifest["event_log_head"]);
            EXPECT_EQ(data["manifest_sha256"].get<std::string>().size(), 64u);
        }
    }
    EXPECT_TRUE(logged) << audit.dump();
    PackageChecks::validate(files);
}

TEST_F(DataPackage, RecomputeRefusesAChangedPackage) {
    const auto package = scratch_ / "pilot.zip";
    ASSERT_NO_FATAL_FAILURE(checks().download("pilot", package));
    // One answer changed in responses.csv, the archive rebuilt around it.
    auto out = rewrite(package, "changed.zip", "if name == 'responses.csv':\n        data = data.replace(b',5,', b',4,', 1)");
    int code = -1;
    out = PackageChecks::recompute(scratch_ / "changed.zip", &code);
    EXPECT_EQ(code, 1) << out;
    EXPECT_NE(out.find("responses.csv"), std::string::npos) << out;

    // A file left out.
    rewrite(package, "short.zip", "if name == 'invitations.csv':\n        continue");
    out = PackageChecks::recompute(scratch_ / "short.zip", &code);
    EXPECT_EQ(code, 1) << out;
    EXPECT_NE(out.find("invitations.csv"), std::string::npos) << out;

    // Not a package at all.
    write_file(scratch_ / "not.zip", "responses,but not a zip\n");
    out = PackageChecks::recompute(scratch_ / "not.zip", &code);
    EXPECT_EQ(code, 2) << out;
}

TEST_F(DataPackage, ImportedIntoAFreshProgrammeGivesTheSameFigures) {
    const auto package = scratch_ / "pilot.zip";
    ASSERT_NO_FATAL_FAILURE(checks().download("pilot", package));
    create("/api/v1/programmes", {{"slug", "copy"}, {"name", "MobiliseSME pilot, copied"}, {"template", "mobilisesme"}});
    const auto imported = request(port(), verb::post, "/api/v1/programmes/copy/imports/responses", read_file(package),
                                  {{"Authorization", "Bearer " + admin_}, {"Content-Type", "application/zip"}});
    ASSERT_EQ(imported.result(), status::ok) << imported.body();
    const auto counts = nlohmann::json::parse(imported.body())["imported"];
    EXPECT_EQ(counts["organisations"], 3);
    EXPECT_EQ(counts["engagements"], 2);
    EXPECT_EQ(counts["responses"], 4);
    wait_until_counted();
    const auto original = checks().served_report("pilot");
    const auto copy = checks().served_report("copy");
    ASSERT_FALSE(original["indicators"].empty());
    // Every figure equal; only the programme, the data version, the chain
    // head there and the time differ.
    EXPECT_EQ(copy["indicators"], original["indicators"]);
    EXPECT_NE(copy["data_version"], original["data_version"]);

    // The same package again: its organisations are there already, so
    // nothing is imported, and the figures stay.
    const auto again = request(port(), verb::post, "/api/v1/programmes/copy/imports/responses", read_file(package),
                               {{"Authorization", "Bearer " + admin_}, {"Content-Type", "application/zip"}});
    EXPECT_EQ(again.result(), status::unprocessable_entity) << again.body();
    EXPECT_NE(again.body().find("organisations.csv"), std::string::npos) << again.body();
    wait_until_counted();
    EXPECT_EQ(checks().served_report("copy")["indicators"], original["indicators"]);
}

TEST_F(DataPackage, ImportRefusesAPackageOfAnotherTemplateOrChanged) {
    const auto package = scratch_ / "pilot.zip";
    ASSERT_NO_FATAL_FAILURE(checks().download("pilot", package));
    create("/api/v1/programmes", {{"slug", "mentoring"}, {"name", "Digital Volunteers"}, {"template", "digital-volunteers"}});
    auto response = request(port(), verb::post, "/api/v1/programmes/mentoring/imports/responses", read_file(package),
                            {{"Authorization", "Bearer " + admin_}, {"Content-Type", "application/zip"}});
    EXPECT_EQ(response.result(), status::unprocessable_entity) << response.body();
    EXPECT_NE(response.body().find("datapackage.json"), std::string::npos) << response.body();

    create("/api/v1/programmes", {{"slug", "copy"}, {"name", "Copy"}, {"template", "mobilisesme"}});
    rewrite(package, "changed.zip", "if name == 'responses.csv':\n        data = data.replace(b',5,', b',4,', 1)");
    const auto before = count("SELECT count(*) FROM events");
    response = request(port(), verb::post, "/api/v1/programmes/copy/imports/responses",
                       read_file(scratch_ / "changed.zip"),
                       {{"Authorization", "Bearer " + admin_}, {"Content-Type", "application/zip"}});
    EXPECT_EQ(response.result(), status::unprocessable_entity) << response.body();
    EXPECT_NE(response.body().find("responses.csv"), std::string::npos) << response.body();
    EXPECT_EQ(count("SELECT count(*) FROM events"), before) << "nothing written";
    EXPECT_EQ(count("SELECT count(*) FROM organisations o JOIN programmes p ON p.id = o.programme_id "
                    "WHERE p.slug = 'copy'"),
              0);
}

TEST_F(DataPackage, WithIdentitiesOnlyForTheGrantAndSaysSo) {
    const auto auditor = create_token("auditor", "auditor@example.org", "pilot");
    const PackageChecks as_auditor(port(), auditor);
    auto response = as_auditor.get(base_ + "/exports/datapackage.zip?identities=true");
    EXPECT_EQ(response.result(), status::forbidden) << response.body();
    EXPECT_EQ(as_auditor.get(base_ + "/exports/datapackage.zip").result(), status::ok) << "pseudonymised: allowed";
    response = checks().get(base_ + "/exports/datapackage.zip?identities=perhaps");
    EXPECT_EQ(response.result(), status::bad_request);
    EXPECT_NE(response.body().find("\"identities\""), std::string::npos) << response.body();

    response = checks().get(base_ + "/exports/datapackage.zip?identities=true");
    ASSERT_EQ(response.result(), status::ok) << response.body();
    EXPECT_EQ(response[beast_http::field::content_disposition],
              "attachment; filename=\"pilot-datapackage-identities.zip\"");
    write_file(scratch_ / "identities.zip", response.body());
    const auto files = scratch_ / "identities";
    ASSERT_NO_FATAL_FAILURE(PackageChecks::unpack(scratch_ / "identities.zip", files));
    const auto manifest = nlohmann::json::parse(read_file(files / "manifest.json"));
    EXPECT_EQ(manifest["identities"], true);
    EXPECT_EQ(manifest["files"].size(), 12u);
    EXPECT_NE(read_file(files / "organisation-identities.csv").find("Atelier Dupont"), std::string::npos);
    EXPECT_NE(read_file(files / "participant-identities.csv").find("claire@example.org"), std::string::npos);
    EXPECT_EQ(read_file(files / "responses.csv").find("Atelier Dupont"), std::string::npos)
        << "the data files stay pseudonymised";
    PackageChecks::validate(files);
    EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'export.downloaded' AND (data->>'identities')::boolean"),
              1);
    int code = -1;
    const auto out = PackageChecks::recompute(scratch_ / "identities.zip", &code);
    EXPECT_EQ(code, 0) << out;
}

TEST_F(DataPackage, FiltersAreRefusedNamingTheField) {
    const auto response = staff(verb::get, base_ + "/exports/datapackage.zip?wave=pre");
    ASSERT_EQ(response.result(), status::bad_request) << response.body();
    EXPECT_EQ(response[beast_http::field::content_type], "application/problem+json");
    EXPECT_NE(response.body().find("\"wave\""), std::string::npos) << response.body();
}

// --- The demo programmes ---------------------------------------------------------

class DemoPackages : public ServerTest {
protected:
    void SetUp() override {
        start_server({"--sequencer-interval", "0.05"});
        admin_ = create_token("admin", "admin@localhost");
        ASSERT_NO_FATAL_FAILURE(load_demo((scratch_ / "links.txt")));
        wait_until_counted();
    }

    Scratch scratch_;
    std::string admin_;
};

TEST_F(DemoPackages, EachRecomputesToItsServedReport) {
    const PackageChecks checks(port(), admin_);
    for (const auto* slug : {"mobilisesme-pilot", "digital-volunteers", "skills-monitor"}) {
        checks.expect_recompute_equals_served(slug, scratch_);
    }
}

}  // namespace
}  // namespace yardstick::testing
