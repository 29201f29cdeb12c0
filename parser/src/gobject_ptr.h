// Ownership of GObject references (GMime): one unref per ref, by construction.
#pragma once

#include <glib-object.h>
#include <gmime/gmime.h>

#include <memory>

namespace mailkeeper::parser::detail {

struct GObjectUnref {
    void operator()(void* object) const {
        if (object) g_object_unref(object);
    }
};

// Owns a reference the caller received (a "transfer full" return value).
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

template <typename T>
GObjectPtr<T> adopt(T* object) {
    return GObjectPtr<T>(object);
}

// GMimeParserOptions is a plain struct with its own free function, not a GObject.
struct ParserOptionsFree {
    void operator()(GMimeParserOptions* options) const { g_mime_parser_options_free(options); }
};
using ParserOptionsPtr = std::unique_ptr<GMimeParserOptions, ParserOptionsFree>;

struct GFree {
    void operator()(void* p) const { g_free(p); }
};
using GCharPtr = std::unique_ptr<char, GFree>;

}  // namespace mailkeeper::parser::detail
