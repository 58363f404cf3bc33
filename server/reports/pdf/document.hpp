#pragma once
// A PDF being drawn into memory: the cairo PDF surface that writes into a
// string, its metadata, and the checks that turn cairo's errors into exceptions.

#include <cairo.h>

#include <memory>
#include <string>

#include "server/reports/pdf/cairo_handles.hpp"

namespace yardstick::server::reports::pdf {

/// What the document says about itself (pdfinfo's Title, Creator, CreationDate).
struct DocumentInfo {
    std::string title;       ///< any bytes; what is not UTF-8 becomes U+FFFD
    std::string created_at;  ///< RFC 3339
};

/// A4 portrait pages drawn with cairo() and kept in memory until finish().
/// Not copyable or movable: cairo writes through a pointer to it.
class Document {
public:
    /// Throws std::runtime_error when cairo cannot make the surface.
    explicit Document(const DocumentInfo& info);
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    [[nodiscard]] cairo_t* cairo() const { return cairo_.get(); }

    /// Writes the fonts and the trailer and returns the bytes ("%PDF-" … "%%EOF").
    /// Call once, after the last page, while the fonts' font map still lives.
    /// Throws std::runtime_error when cairo failed at any point.
    std::string finish();

private:
    std::string bytes_;  // declared first: the surface writes into it until it is destroyed
    SurfacePtr surface_;
    CairoPtr cairo_;
};

}  // namespace yardstick::server::reports::pdf
