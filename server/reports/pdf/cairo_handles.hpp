#pragma once
// Owning handles for the cairo, pango and GLib objects the PDF is made of:
// each is released by its own library's function when the handle goes, also
// when an exception passes.

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>

namespace yardstick::server::reports::pdf {

struct SurfaceRelease {
    void operator()(cairo_surface_t* surface) const noexcept { cairo_surface_destroy(surface); }
};
struct CairoRelease {
    void operator()(cairo_t* cairo) const noexcept { cairo_destroy(cairo); }
};
struct GObjectRelease {
    void operator()(gpointer object) const noexcept { g_object_unref(object); }
};
struct FontDescriptionRelease {
    void operator()(PangoFontDescription* font) const noexcept { pango_font_description_free(font); }
};
struct GFreeRelease {
    void operator()(gchar* text) const noexcept { g_free(text); }
};

using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceRelease>;
using CairoPtr = std::unique_ptr<cairo_t, CairoRelease>;
using FontMapPtr = std::unique_ptr<PangoFontMap, GObjectRelease>;
using PangoContextPtr = std::unique_ptr<PangoContext, GObjectRelease>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectRelease>;
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionRelease>;
using GTextPtr = std::unique_ptr<gchar, GFreeRelease>;

}  // namespace yardstick::server::reports::pdf
