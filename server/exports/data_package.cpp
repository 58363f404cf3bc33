#include "server/exports/data_package.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "server/exports/codebook.hpp"
#include "server/exports/export_job.hpp"
#include "server/exports/package_descriptor.hpp"
#include "server/exports/register_files.hpp"
#include "server/exports/zip_archive.hpp"
#include "server/json/instrument_json.hpp"
#include "server/reports/read_report.hpp"
#include "server/reports/report_json.hpp"
#include "server/reports/tally_consumer.hpp"
#include "server/security/person_keys.hpp"
#include "server/security/tokens.hpp"
#include "server/security/sha256_stream.hpp"
#include "server/templates/bundled_templates.hpp"
#include "yardstick/sql/event_log.hpp"
#include "yardstick/sql/exports.hpp"
#include "yardstick/sql/programmes.hpp"
#include "yardstick/sql/register_exports.hpp"
#include "yardstick/sql/report_tallies.hpp"

namespace yardstick::server::exports {

namespace {

using nlohmann::json;

constexpr std::int64_t kRegisterBatch = 2'000;
constexpr std::size_t kPieceSize = 64 * 1024;
constexpr auto kSnapshotPatience = std::chrono::seconds(10);

/// A private directory under the system's temporary one, removed with
/// everything in it when the package has been sent (or has failed).
class TemporaryDirectory {
public:
    TemporaryDirectory() {
        auto pattern = (std::filesystem::temp_directory_path() / "yardstick-package-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("cannot make a temporary directory under " +
                                     std::filesystem::temp_directory_path().string());
        }
        path_ = pattern;
    }
    ~TemporaryDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// A package file as it is written: its bytes and their SHA-256.
class PackageFile {
public:
    PackageFile(const std::filesystem::path& directory, std::string name)
        : name_(std::move(name)), path_(directory / name_), out_(path_, std::ios::binary) {
        if (!out_) {
            throw std::runtime_error("cannot write " + path_.string());
        }
    }

    void write(std::string_view bytes) {
        out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        digest_.update(bytes);
        size_ += bytes.size();
    }

    /// Closes the file; its manifest entry.
    json close() {
        out_.close();
        if (!out_) {
            throw std::runtime_error("cannot write " + path_.string() + " (is the disk full?)");
        }
        return {{"path", name_}, {"bytes", size_}, {"sha256", digest_.hex_digest()}};
    }

    const std::string& name() const { return name_; }
    const std::filesystem::path& path() const { return path_; }

private:
    std::string name_;
    std::filesystem::path path_;
    std::ofstream out_;
    security::Sha256Stream digest_;
    std::uint64_t size_ = 0;
};

/// What a built package covers.
struct BuiltPackage {
    std::filesystem::path archive;
    std::int64_t data_version = 0;
    std::string event_log_head;
    std::string manifest_sha256;
};

std::vector<PublishedVersion> published_versions(pqxx::transaction_base& tx, std::int64_t programme_id) {
    std::vector<PublishedVersion> out;
    for (auto& stored : sql::list_instrument_versions(tx, programme_id)) {
        auto instrument = server::json::instrument_from_json(nlohmann::json::parse(stored.definition_json));
        if (instrument.ok()) {
            out.push_back({std::move(stored), std::move(instrument).value()});
        }
    }
    return out;
}

/// A participant identity row as read (name and e-mail sealed, in hex, the
/// wrapped key last) as exported: name and e-mail opened.
std::vector<std::optional<std::string>> opened_identity(std::vector<std::optional<std::string>> row,
                                                        const security::MasterKey& master) {
    const auto bytes = [&](std::size_t i) { return security::bytes_of_hex(row.at(i).value_or("")).value_or(""); };
    const auto key = security::PersonKeys::unwrap(master, bytes(5));
    if (!key.ok()) {
        throw std::runtime_error(key.error().message);
    }
    for (const std::size_t i : {2, 3}) {
        auto opened = key->open(bytes(i));
        if (!opened.ok()) {
            throw std::runtime_error(opened.error().message);
        }
        row[i] = std::move(opened).value();
    }
    row.pop_back();
    return row;
}

void write_register_file(pqxx::transaction_base& tx, const RegisterFile& file, std::int64_t programme_id,
                         const security::MasterKey& key, PackageFile& out) {
    std::string piece = register_header(file);
    std::int64_t after = 0;
    for (;;) {
        const auto batch = sql::read_register_rows(tx, file.table, programme_id, after, kRegisterBatch);
        for (const auto& row : batch.rows) {
            piece += register_row(
                file, file.table == sql::RegisterTable::participant_identities ? opened_identity(row, key) : row, key,
                programme_id);
            if (piece.size() >= kPieceSize) {
                out.write(piece);
                piece.clear();
            }
        }
        if (static_cast<std::int64_t>(batch.rows.size()) < kRegisterBatch) {
            break;
        }
        after = batch.last_id;
    }
    out.write(piece);
}

/// Writes every file of the package from the snapshot `tx` and zips them.
BuiltPackage build_package(pqxx::transaction_base& tx, std::int64_t programme_id, const security::MasterKey& key,
                           bool identities, const std::filesystem::path& directory) {
    const auto programme = sql::find_programme_by_id(tx, programme_id);
    const auto* programme_template = programme ? templates::find_template(programme->template_key) : nullptr;
    if (programme_template == nullptr) {
        throw std::runtime_error("programme " + std::to_string(programme_id) + " or its template is unknown");
    }
    const auto& settings = programme->programme.settings;
    auto report = reports::read_report(tx, programme->programme.slug, settings.default_language);
    if (!report.ok()) {
        throw std::runtime_error(report.error().message);
    }
    const auto versions = published_versions(tx, programme_id);
    std::vector<domain::Instrument> instruments;
    for (const auto& version : versions) {
        instruments.push_back(version.instrument);
    }
    const ExportLayout layout(instruments);

    auto manifest_files = json::array();
    std::vector<std::pair<std::string, std::filesystem::path>> entries;
    auto add = [&](PackageFile& file) {
        manifest_files.push_back(file.close());
        entries.emplace_back(file.name(), file.path());
    };
    auto write_json = [&](const std::string& name, const json& document) {
        PackageFile file(directory, name);
        file.write(document.dump(2) + "\n");
        add(file);
    };

    PackageFacts facts;
    facts.slug = programme->programme.slug;
    facts.name = programme->programme.name;
    facts.template_key = programme->template_key;
    facts.default_language = settings.default_language;
    facts.suppression_threshold = settings.suppression_threshold;
    facts.data_version = report->data_version;
    facts.event_log_head = report->event_log_head;
    facts.created = report->generated_at;
    facts.identities = identities;
    write_json("datapackage.json", package_descriptor(facts, versions, layout));

    for (const auto& [name, format] : {std::pair{"responses.csv", ExportFormat::wide_csv},
                                       std::pair{"responses-long.csv", ExportFormat::long_csv},
                                       std::pair{"responses.ndjson", ExportFormat::ndjson}}) {
        PackageFile file(directory, name);
        const auto written = write_responses(tx, programme_id, settings.default_language, {}, format, key,
                                             [&file](std::string piece) {
                                                 file.write(piece);
                                                 return true;
                                             });
        if (!written.ok()) {
            throw std::runtime_error(written.error().message);
        }
        add(file);
    }
    auto files = register_files();
    if (identities) {
        files.insert(files.end(), identity_files().begin(), identity_files().end());
    }
    for (const auto& register_file : files) {
        PackageFile file(directory, register_file.path);
        write_register_file(tx, register_file, programme_id, key, file);
        add(file);
    }
    write_json("codebook.json", codebook_json(versions, layout, *programme_template, settings.default_language));
    write_json("report.json", reports::report_to_json(*report));

    PackageFile manifest(directory, "manifest.json");
    const json manifest_document = {{"programme", facts.slug},
                                    {"data_version", facts.data_version},
                                    {"event_log_head", facts.event_log_head},
                                    {"identities", facts.identities},
                                    {"generated_at", facts.created},
                                    {"hash", "sha256"},
                                    {"files", manifest_files}};
    manifest.write(manifest_document.dump(2) + "\n");
    manifest.close();
    entries.insert(entries.begin(), {manifest.name(), manifest.path()});

    BuiltPackage built;
    built.archive = directory / "datapackage.zip";
    write_zip(built.archive, entries);
    built.data_version = facts.data_version;
    built.event_log_head = facts.event_log_head;
    built.manifest_sha256 = security::sha256_file_hex(manifest.path());
    return built;
}

}  // namespace

bool catch_up_tallies(pqxx::connection& connection, std::int64_t programme_id, std::chrono::milliseconds patience) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    reports::IndicatorSets sets;
    for (;;) {
        sql::sequence_committed_events(connection);
        for (auto counted = reports::count_new_events(connection, sets); counted.had_turn && !counted.caught_up;
             counted = reports::count_new_events(connection, sets)) {
        }
        {
            pqxx::read_transaction tx(connection);
            if (sql::tallies_cover_programme(tx, programme_id)) {
                return true;
            }
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

StreamedWork export_data_package(std::int64_t programme_id, std::string actor, const security::MasterKey* key,
                                 bool identities) {
    return [programme_id, actor = std::move(actor), key, identities](pqxx::connection& connection,
                                                        const EmitPiece& emit) -> Status {
        const TemporaryDirectory directory;
        std::optional<BuiltPackage> built;
        const auto deadline = std::chrono::steady_clock::now() + kSnapshotPatience;
        while (!built && std::chrono::steady_clock::now() < deadline) {
            if (!catch_up_tallies(connection, programme_id, kSnapshotPatience)) {
                break;
            }
            pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(connection);
            // Something may have arrived between the catch-up and this
            // snapshot: then catch up again.
            if (sql::tallies_cover_programme(tx, programme_id)) {
                built = build_package(tx, programme_id, *key, identities, directory.path());
            }
            tx.commit();
        }
        if (!built) {
            return Error{ErrorCode::unavailable, "the report's tallies did not catch up with the data in time", {}};
        }
        {
            pqxx::work tx(connection);
            const json data = {{"file", "datapackage.zip"},
                               {"filters", json::object()},
                               {"identities", identities},
                               {"data_version", built->data_version},
                               {"event_log_head", built->event_log_head},
                               {"manifest_sha256", built->manifest_sha256}};
            sql::append_event(tx, {programme_id, "export.downloaded", actor, data.dump()});
            tx.commit();
        }
        std::ifstream in(built->archive, std::ios::binary);
        std::string piece(kPieceSize, '\0');
        while (in) {
            in.read(piece.data(), static_cast<std::streamsize>(piece.size()));
            const auto got = static_cast<std::size_t>(in.gcount());
            if (got == 0) {
                break;
            }
            if (!emit(piece.substr(0, got))) {
                return {};  // the client left
            }
        }
        return {};
    };
}

}  // namespace yardstick::server::exports
