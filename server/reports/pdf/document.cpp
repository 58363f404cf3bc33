#include "server/reports/pdf/document.hpp"

#include <cairo-pdf.h>

#include <new>
#include <stdexcept>
#include <utility>

#include "server/reports/pdf/page_style.hpp"

namespace yardstick::server::reports::pdf {

namespace {

// cairo's write callback: appends to the std::string given as closure. No
// exception may cross cairo's C frames.
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    try {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    } catch (const std::bad_alloc&) {
        return CAIRO_STATUS_NO_MEMORY;
    }
}

void throw_on_error(cairo_status_t status) {
    if (status != CAIRO_STATUS_SUCCESS) {
        throw std::runtime_error(std::string("PDF rendering failed: ") + cairo_status_to_string(status));
    }
}

void set_metadata(cairo_surface_t* surface, const DocumentInfo& info) {
    const GTextPtr valid_title(g_utf8_make_valid(info.title.data(), static_cast<gssize>(info.title.size())));
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, valid_title.get());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Yardstick");
    // The caller's time rather than the clock's: the same report gives the same bytes.
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, info.created_at.c_str());
}

}  // namespace

Document::Document(const DocumentInfo& info)
    : surface_(cairo_pdf_surface_create_for_stream(append_to_string, &bytes_, kPageWidth, kPageHeight)) {
    throw_on_error(cairo_surface_status(surface_.get()));
    set_metadata(surface_.get(), info);
    cairo_.reset(cairo_create(surface_.get()));
    throw_on_error(cairo_status(cairo_.get()));
}

std::string Document::finish() {
    throw_on_error(cairo_status(cairo_.get()));
    cairo_surface_finish(surface_.get());
    throw_on_error(cairo_surface_status(surface_.get()));
    return std::move(bytes_);
}

}  // namespace yardstick::server::reports::pdf
