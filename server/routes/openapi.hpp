#pragma once
// The OpenAPI 3.1 description of every route the server registers: written by hand in
// server/routes/openapi.json, compiled in as text (cmake/EmbedOpenApi.cmake) and served as written at
// GET /api/v1/openapi.json. tests/unit/server/openapi_test.cpp keeps it true to the route table.

#include <string_view>

namespace yardstick::server::routes {

/// The document, byte for byte as in server/routes/openapi.json (JSON text, UTF-8). Lives for the whole program.
std::string_view openapi_document();

}  // namespace yardstick::server::routes
