// Keeps server/routes/openapi.json true to the route table: every registered route is described with its path
// parameters and permission, nothing that is not registered is described, and every reference resolves.

#include "server/routes/openapi.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "server/routes/api.hpp"
#include "server/routes/operations.hpp"

namespace yardstick::server::routes {
namespace {

using http::beast_http::verb;
using nlohmann::json;

// The methods an OpenAPI path item may hold operations for (OpenAPI 3.1 §4.8.9).
const std::set<std::string, std::less<>> kOperationKeys = {"get",     "put",  "post",  "delete",
                                                           "options", "head", "patch", "trace"};
// What else a path item may hold.
const std::set<std::string, std::less<>> kPathItemKeys = {"summary", "description", "servers", "parameters"};

const json& document() {
    static const json parsed = json::parse(openapi_document());
    return parsed;
}

// Every route the server registers, as server/app/server.cpp builds the table (handlers are not called).
http::Router server_routes() {
    http::Router router;
    add_operations_routes(router, {});
    add_api_routes(router, {});
    return router;
}

std::string operation_key(verb method) {
    std::string key(http::beast_http::to_string(method));
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return key;
}

std::string describe(std::string_view method, std::string_view pattern) {
    std::string text(method);
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text + " " + std::string(pattern);
}

// The `{name}`s of a route pattern or OpenAPI path, in order.
std::vector<std::string> path_parameter_names(std::string_view pattern) {
    std::vector<std::string> names;
    for (auto open = pattern.find('{'); open != std::string_view::npos; open = pattern.find('{', open + 1)) {
        const auto close = pattern.find('}', open);
        if (close == std::string_view::npos) {
            break;
        }
        names.emplace_back(pattern.substr(open + 1, close - open - 1));
    }
    return names;
}

// Follows `$ref`s within the document (at most a few hops: a longer chain is a loop).
const json& resolve(const json& node) {
    const json* current = &node;
    for (int hops = 0; hops < 8 && current->is_object() && current->contains("$ref"); ++hops) {
        const auto ref = (*current)["$ref"].get<std::string>();
        current = &document().at(json::json_pointer(ref.substr(1)));
    }
    return *current;
}

struct DocumentedOperation {
    std::string path;
    std::string method;  ///< lower case, as the document spells it
    const json* path_item = nullptr;
    const json* operation = nullptr;
};

std::vector<DocumentedOperation> documented_operations() {
    std::vector<DocumentedOperation> operations;
    for (const auto& [path, item] : document().at("paths").items()) {
        for (const auto& [key, operation] : item.items()) {
            if (kOperationKeys.contains(key)) {
                operations.push_back({path, key, &item, &operation});
            }
        }
    }
    return operations;
}

const http::Route* find_route(const http::Router& router, std::string_view method, std::string_view pattern) {
    for (const auto& route : router.routes()) {
        if (operation_key(route.method) == method && route.pattern == pattern) {
            return &route;
        }
    }
    return nullptr;
}

// The operation's parameters together with its path item's (an operation's own one of the same name and
// location overrides the path item's), resolved.
std::vector<const json*> parameters_of(const DocumentedOperation& op) {
    std::map<std::pair<std::string, std::string>, const json*> by_key;
    for (const json* holder : {op.path_item, op.operation}) {
        if (const auto it = holder->find("parameters"); it != holder->end()) {
            for (const auto& parameter : *it) {
                const auto& resolved = resolve(parameter);
                by_key[{resolved.at("in").get<std::string>(), resolved.at("name").get<std::string>()}] = &resolved;
            }
        }
    }
    std::vector<const json*> parameters;
    for (const auto& [key, parameter] : by_key) {
        parameters.push_back(parameter);
    }
    return parameters;
}

// Every `$ref` string in `node`, and the targets of discriminator mappings, which are references too.
void collect_references(const json& node, std::vector<std::string>& references) {
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            if (key == "$ref" && value.is_string()) {
                references.push_back(value.get<std::string>());
            } else if (key == "discriminator" && value.is_object() && value.contains("mapping")) {
                for (const auto& [name, target] : value["mapping"].items()) {
                    references.push_back(target.get<std::string>());
                }
            } else {
                collect_references(value, references);
            }
        }
    } else if (node.is_array()) {
        for (const auto& value : node) {
            collect_references(value, references);
        }
    }
}

TEST(OpenApi, DocumentParsesAsOpenApi31) {
    json parsed;
    ASSERT_NO_THROW(parsed = json::parse(openapi_document())) << "server/routes/openapi.json is not valid JSON";
    EXPECT_EQ(parsed.at("openapi"), "3.1.0");
    EXPECT_EQ(parsed.at("info").at("title"), "Yardstick");
    EXPECT_FALSE(parsed.at("info").at("version").get<std::string>().empty());
    EXPECT_EQ(parsed.at("servers").at(0).at("url"), "/");
    const auto& bearer = parsed.at("components").at("securitySchemes").at("bearer");
    EXPECT_EQ(bearer.at("type"), "http");
    EXPECT_EQ(bearer.at("scheme"), "bearer");
    EXPECT_FALSE(parsed.at("paths").empty());
}

TEST(OpenApi, EveryRegisteredRouteIsDocumentedWithItsPathParameters) {
    const auto router = server_routes();
    ASSERT_FALSE(router.routes().empty());
    const auto& paths = document().at("paths");
    for (const auto& route : router.routes()) {
        if (route.method == verb::head) {
            continue;  // the router answers HEAD for every GET
        }
        const auto method = operation_key(route.method);
        const auto where = describe(method, route.pattern);
        const auto item = paths.find(route.pattern);
        if (item == paths.end() || !item->contains(method)) {
            ADD_FAILURE() << where << " is registered but not described in server/routes/openapi.json";
            continue;
        }
        const DocumentedOperation op{route.pattern, method, &*item, &(*item)[method]};
        for (const json* holder : {op.path_item, op.operation}) {
            std::set<std::pair<std::string, std::string>> seen;  // unique within one list (OpenAPI 3.1 §4.8.10.1)
            for (const auto& parameter : holder->value("parameters", json::array())) {
                const auto& resolved = resolve(parameter);
                EXPECT_TRUE(
                    seen.insert({resolved.at("in").get<std::string>(), resolved.at("name").get<std::string>()}).second)
                    << where << ": parameter " << resolved.at("name") << " is listed twice";
            }
        }
        std::vector<std::string> declared;
        for (const auto* parameter : parameters_of(op)) {
            if (parameter->at("in") == "path") {
                const auto name = parameter->at("name").get<std::string>();
                declared.push_back(name);
                EXPECT_EQ(parameter->value("required", false), true)
                    << where << ": path parameter {" << name << "} must be required";
            }
        }
        auto expected = path_parameter_names(route.pattern);
        std::sort(expected.begin(), expected.end());
        std::sort(declared.begin(), declared.end());
        EXPECT_EQ(declared, expected) << where << ": the path parameters described differ from the pattern's";
    }
}

TEST(OpenApi, EveryDocumentedOperationIsRegistered) {
    const auto router = server_routes();
    for (const auto& [path, item] : document().at("paths").items()) {
        for (const auto& [key, value] : item.items()) {
            EXPECT_TRUE(kOperationKeys.contains(key) || kPathItemKeys.contains(key) || key.starts_with("x-"))
                << path << ": '" << key << "' is neither an HTTP method nor a path item member";
        }
    }
    for (const auto& op : documented_operations()) {
        EXPECT_NE(find_route(router, op.method, op.path), nullptr)
            << describe(op.method, op.path) << " is described in server/routes/openapi.json but not registered"
            << (op.method == "head" ? " (HEAD is implicit for every GET: describe the GET only)" : "");
    }
}

TEST(OpenApi, EveryOperationHasAUniqueOperationIdASummaryAndDescribedResponses) {
    std::set<std::string> ids;
    for (const auto& op : documented_operations()) {
        const auto where = describe(op.method, op.path);
        const auto& operation = *op.operation;
        ASSERT_TRUE(operation.contains("operationId")) << where << " has no operationId";
        EXPECT_TRUE(ids.insert(operation["operationId"].get<std::string>()).second)
            << where << ": operationId " << operation["operationId"] << " is used twice";
        EXPECT_FALSE(operation.value("summary", std::string()).empty()) << where << " has no summary";
        ASSERT_TRUE(operation.contains("responses") && !operation["responses"].empty()) << where << " has no responses";
        bool success = false;
        for (const auto& [status, response] : operation["responses"].items()) {
            success = success || status.starts_with("2");
            EXPECT_TRUE(resolve(response).contains("description"))
                << where << ": response " << status << " has no description";
        }
        EXPECT_TRUE(success) << where << " describes no successful response";
        if (operation.contains("requestBody")) {
            EXPECT_FALSE(resolve(operation["requestBody"]).at("content").empty()) << where << ": body without content";
        }
    }
}

TEST(OpenApi, PermissionsAndSecurityMatchTheRoutes) {
    const auto router = server_routes();
    const auto bearer = json::parse(R"([{"bearer": []}])");
    for (const auto& op : documented_operations()) {
        const auto* route = find_route(router, op.method, op.path);
        if (route == nullptr) {
            continue;  // reported by EveryDocumentedOperationIsRegistered
        }
        const auto where = describe(op.method, op.path);
        const auto& operation = *op.operation;
        EXPECT_EQ(operation.value("x-yardstick-permission", std::string()), http::to_string(*route->permission))
            << where << ": x-yardstick-permission differs from the route's permission";
        const auto& responses = operation.at("responses");
        if (http::is_staff(*route->permission)) {
            EXPECT_EQ(operation.value("security", json()), bearer) << where << " needs the bearer security";
            EXPECT_TRUE(responses.contains("401")) << where << " is a staff route: document 401";
            EXPECT_TRUE(responses.contains("403")) << where << " is a staff route: document 403";
        } else {
            EXPECT_EQ(operation.value("security", json()), json::array())
                << where << " takes no bearer token: say so with \"security\": []";
            EXPECT_FALSE(responses.contains("401")) << where << " never answers 401";
            EXPECT_FALSE(responses.contains("403")) << where << " never answers 403";
        }
    }
}

TEST(OpenApi, EveryReferenceResolvesAndEveryComponentIsUsed) {
    std::vector<std::string> references;
    collect_references(document(), references);
    ASSERT_FALSE(references.empty());
    std::set<std::string> used;
    for (const auto& reference : references) {
        if (!reference.starts_with("#/")) {
            ADD_FAILURE() << "reference " << reference << " points outside the document";
            continue;
        }
        try {
            (void)document().at(json::json_pointer(reference.substr(1)));
            used.insert(reference);
        } catch (const json::exception&) {
            ADD_FAILURE() << "reference " << reference << " does not resolve";
        }
    }
    for (const auto* kind : {"schemas", "parameters", "responses", "headers"}) {
        const auto& components = document().at("components");
        if (!components.contains(kind)) {
            continue;
        }
        for (const auto& [name, unused] : components[kind].items()) {
            EXPECT_TRUE(used.contains(std::string("#/components/") + kind + "/" + name))
                << "components/" << kind << "/" << name << " is never referenced";
        }
    }
}

TEST(OpenApi, ServesTheDocumentAsWritten) {
    http::Router router;
    add_openapi_routes(router);
    const auto match = router.match(verb::get, "/api/v1/openapi.json");
    ASSERT_NE(match.route, nullptr);
    EXPECT_EQ(match.route->permission, http::Permission::anyone);

    http::RequestContext context;
    context.request = http::Request{verb::get, "/api/v1/openapi.json", 11};
    boost::asio::io_context io;
    std::optional<http::Response> response;
    boost::asio::co_spawn(io, match.route->handler(std::move(context)),
                          [&response](std::exception_ptr error, http::Response answer) {
                              if (!error) {
                                  response = std::move(answer);
                              }
                          });
    io.run();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->result(), http::beast_http::status::ok);
    EXPECT_EQ((*response)[http::beast_http::field::content_type], "application/json");
    EXPECT_TRUE(response->body() == openapi_document()) << "the body differs from the embedded document";
}

}  // namespace
}  // namespace yardstick::server::routes
