#include "mailkeeper/parser/attachment.h"

#include "html.h"
#include "mailkeeper/parser/charset.h"

#include <libxml/xmlreader.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <compare>
#include <cstdint>
#include <exception>
#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace mailkeeper::parser {
namespace {

using namespace std::string_view_literals;

// Bytes kept of one archive entry's name: names are the attacker's, and end up in logs and alerts.
constexpr std::size_t kMaxEntryName = 512;
// Bytes inflated, and XML nodes read, between two questions to `expired`.
constexpr std::size_t kInflateBytesPerCheck = 1024 * 1024;
constexpr std::size_t kXmlNodesPerCheck = 16 * 1024;
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kReserveCap = 1024 * 1024;

// ---- Results and the work of one call ------------------------------------------------------

struct Problem {
    AttachmentStatus status;
    std::string detail;
};
// What stopped a file from being read completely; nullopt when nothing did.
using Outcome = std::optional<Problem>;

std::string format_size(std::size_t n) {
    constexpr std::size_t kMiB = 1024 * 1024;
    if (n >= kMiB && n % kMiB == 0) return std::to_string(n / kMiB) + " MiB";
    if (n >= 1024 && n % 1024 == 0) return std::to_string(n / 1024) + " KiB";
    return std::to_string(n) + " bytes";
}

Problem unscannable(std::string detail) { return {AttachmentStatus::unscannable, std::move(detail)}; }
Problem time_limit() { return unscannable("time limit"); }

// Everything one extract_attachment call has spent, shared by every file and level in it: the
// limits are per attachment, not per entry, or a thousand entries would multiply them.
struct Work {
    const ExtractLimits& limits;
    const std::function<bool()>& expired;
    std::vector<ExtractedFile> files;
    std::size_t expanded = 0;
    std::size_t entries = 0;
    std::size_t text = 0;
    int depth = 0;
    bool text_full = false;
    bool out_of_time = false;

    // Asks the caller's clock once; after a yes it is not asked again.
    bool time_up() {
        if (!out_of_time && expired && expired()) out_of_time = true;
        return out_of_time;
    }
    Problem text_over() const { return unscannable("text over " + format_size(limits.max_text_bytes)); }
    Problem expanded_over() const { return unscannable("expanded size over " + format_size(limits.max_expanded_bytes)); }

    // Appends within the attachment's text budget, cut at a UTF-8 boundary; false once it is spent.
    bool append(std::string& out, std::string_view s) {
        if (text_full) return s.empty();
        const std::size_t room = limits.max_text_bytes - std::min(text, limits.max_text_bytes);
        if (s.size() <= room) {
            out += s;
            text += s.size();
            return true;
        }
        std::size_t cut = room;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
        out += s.substr(0, cut);
        text += cut;
        text_full = true;
        return false;
    }
    bool end_line(std::string& out) { return out.empty() || out.back() == '\n' || append(out, "\n"); }
};

// One archive level entered; the level is left when the guard goes out of scope, on every path
// (rspamd's hand-counted MIME depth, missed once, is the reason for a guard).
class ArchiveLevel {
public:
    explicit ArchiveLevel(int& depth) : depth_(++depth), counter_(depth) {}
    ~ArchiveLevel() { --counter_; }
    ArchiveLevel(const ArchiveLevel&) = delete;
    ArchiveLevel& operator=(const ArchiveLevel&) = delete;
    bool deeper_than(int max) const { return depth_ > max; }

private:
    int depth_;
    int& counter_;
};

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

// Entry and file names are the sender's: made valid UTF-8 (Windows writes GBK names without the
// zip UTF-8 flag), control characters replaced so they cannot forge log lines, length bounded.
std::string clean_name(std::string_view raw) {
    std::string name = is_valid_utf8(raw) ? std::string(raw) : to_utf8(raw, "GB18030").utf8;
    for (char& c : name)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    if (name.size() > kMaxEntryName) {
        std::size_t cut = kMaxEntryName;
        while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
        name.resize(cut);
        name += "...";
    }
    return name;
}

// ---- Types ---------------------------------------------------------------------------------

enum class Type { zip, pdf, ole, text, html, xml, other };

struct Sniffed {
    Type type;
    std::string_view what;  // for `other`: what it is, for people
};

struct Magic {
    std::string_view bytes;
    std::size_t offset;
    Type type;
    std::string_view what;
};

// Magic numbers as the file(1) database has them. Text has none; formats we read but whose magic
// is missing are found by name or media type and then reported damaged if they do not parse.
constexpr std::array kMagic{
    Magic{"PK\x03\x04"sv, 0, Type::zip, ""}, Magic{"PK\x05\x06"sv, 0, Type::zip, ""},
    Magic{"PK\x07\x08"sv, 0, Type::zip, ""},
    Magic{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv, 0, Type::ole, ""},
    Magic{"\x89PNG\r\n\x1A\n"sv, 0, Type::other, "PNG image"}, Magic{"\xFF\xD8\xFF"sv, 0, Type::other, "JPEG image"},
    Magic{"GIF87a"sv, 0, Type::other, "GIF image"}, Magic{"GIF89a"sv, 0, Type::other, "GIF image"},
    Magic{"II*\0"sv, 0, Type::other, "TIFF image"}, Magic{"MM\0*"sv, 0, Type::other, "TIFF image"},
    Magic{"WEBP"sv, 8, Type::other, "WebP image"}, Magic{"8BPS"sv, 0, Type::other, "Photoshop image"},
    Magic{"\x7F" "ELF"sv, 0, Type::other, "ELF executable"},
    Magic{"\xCF\xFA\xED\xFE"sv, 0, Type::other, "Mach-O executable"},
    Magic{"\xCA\xFE\xBA\xBE"sv, 0, Type::other, "Mach-O or Java class"},
    Magic{"Rar!\x1A\x07"sv, 0, Type::other, "RAR archive"}, Magic{"7z\xBC\xAF\x27\x1C"sv, 0, Type::other, "7-Zip archive"},
    Magic{"\x1F\x8B"sv, 0, Type::other, "gzip data"}, Magic{"BZh"sv, 0, Type::other, "bzip2 data"},
    Magic{"\xFD" "7zXZ\0"sv, 0, Type::other, "xz data"}, Magic{"MSCF"sv, 0, Type::other, "Cabinet archive"},
    Magic{"ustar"sv, 257, Type::other, "tar archive"}, Magic{"{\\rtf"sv, 0, Type::other, "RTF document"},
    Magic{"ftyp"sv, 4, Type::other, "MP4 or QuickTime media"}, Magic{"ID3"sv, 0, Type::other, "MP3 audio"},
    Magic{"OggS"sv, 0, Type::other, "Ogg media"},
};

struct Extension {
    std::string_view ext;
    Type type;
    std::string_view what;
};

constexpr std::array kExtensions{
    Extension{"zip", Type::zip, ""}, Extension{"docx", Type::zip, ""}, Extension{"docm", Type::zip, ""},
    Extension{"dotx", Type::zip, ""}, Extension{"xlsx", Type::zip, ""}, Extension{"xlsm", Type::zip, ""},
    Extension{"xltx", Type::zip, ""}, Extension{"pptx", Type::zip, ""}, Extension{"pptm", Type::zip, ""},
    Extension{"ppsx", Type::zip, ""}, Extension{"potx", Type::zip, ""}, Extension{"odt", Type::zip, ""},
    Extension{"ods", Type::zip, ""}, Extension{"odp", Type::zip, ""}, Extension{"ott", Type::zip, ""},
    Extension{"epub", Type::zip, ""}, Extension{"pdf", Type::pdf, ""},
    Extension{"txt", Type::text, ""}, Extension{"csv", Type::text, ""}, Extension{"tsv", Type::text, ""},
    Extension{"log", Type::text, ""}, Extension{"md", Type::text, ""}, Extension{"json", Type::text, ""},
    Extension{"yaml", Type::text, ""}, Extension{"yml", Type::text, ""}, Extension{"ini", Type::text, ""},
    Extension{"sql", Type::text, ""}, Extension{"eml", Type::text, ""}, Extension{"vcf", Type::text, ""},
    Extension{"htm", Type::html, ""}, Extension{"html", Type::html, ""}, Extension{"xhtml", Type::html, ""},
    Extension{"xml", Type::xml, ""}, Extension{"svg", Type::xml, ""},
    Extension{"doc", Type::other, "legacy Office document"}, Extension{"xls", Type::other, "legacy Office document"},
    Extension{"ppt", Type::other, "legacy Office document"},
};

std::string extension_of(std::string_view name) {
    const std::size_t slash = name.rfind('/');
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    const std::size_t dot = name.rfind('.');
    return dot == std::string_view::npos ? std::string() : lower(name.substr(dot + 1));
}

std::optional<Type> type_of_media(std::string_view media_type) {
    const std::string m = lower(media_type.substr(0, media_type.find(';')));
    if (m == "application/pdf") return Type::pdf;
    if (m == "application/zip" || m == "application/x-zip-compressed" || m.ends_with("+zip") ||
        m.starts_with("application/vnd.openxmlformats-officedocument.") ||
        m.starts_with("application/vnd.oasis.opendocument."))
        return Type::zip;
    if (m == "text/html" || m == "application/xhtml+xml") return Type::html;
    if (m == "text/xml" || m == "application/xml" || m.ends_with("+xml")) return Type::xml;
    if (m.starts_with("text/") || m == "application/json") return Type::text;
    return std::nullopt;
}

// A PE file: "MZ", and at the offset in e_lfanew (0x3C) the "PE\0\0" signature. "MZ" alone is too
// short a magic to trust over a text file's name.
bool is_pe(std::string_view b) {
    if (b.size() < 0x40 || !b.starts_with("MZ")) return false;
    const std::uint32_t at = static_cast<unsigned char>(b[0x3C]) | static_cast<unsigned char>(b[0x3D]) << 8 |
                             static_cast<std::uint32_t>(static_cast<unsigned char>(b[0x3E])) << 16 |
                             static_cast<std::uint32_t>(static_cast<unsigned char>(b[0x3F])) << 24;
    return at <= b.size() - 4 && b.substr(at, 4) == "PE\0\0"sv;
}

bool looks_textual(std::string_view b) {
    b = b.substr(0, 8192);
    std::size_t control = 0;
    for (char ch : b) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0) return false;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ++control;
    }
    return control * 20 <= b.size();
}

// Magic bytes first, then the name's extension, then the declared media type: the bytes cannot
// lie about what a reader will make of them, a name and a media type can.
Sniffed sniff(std::string_view bytes, std::string_view name, std::string_view media_type) {
    for (const Magic& m : kMagic)
        if (bytes.size() >= m.offset + m.bytes.size() && bytes.substr(m.offset, m.bytes.size()) == m.bytes)
            return {m.type, m.what};
    // Readers accept junk before the header (PDF 1.7 Implementation note 13: within 1024 bytes).
    if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return {Type::pdf, ""};
    if (is_pe(bytes)) return {Type::other, "Windows executable"};
    const std::string ext = extension_of(name);
    for (const Extension& e : kExtensions)
        if (ext == e.ext) return {e.type, e.what};
    if (auto t = type_of_media(media_type)) return {*t, ""};
    const bool bom = bytes.starts_with("\xEF\xBB\xBF") || bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF");
    if (bom || looks_textual(bytes)) return {Type::text, ""};
    return {Type::other, "unknown type"};
}

// ---- Plain text, CSV, HTML -----------------------------------------------------------------

void put_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | cp >> 6);
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | cp >> 12);
        out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | cp >> 18);
        out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
        out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// UTF-16 by hand: ICU-based to_utf8 takes NUL-laden ASCII for ASCII. Lone surrogates become U+FFFD.
std::string utf16_to_utf8(std::string_view b, bool little_endian) {
    std::string out;
    out.reserve(b.size());
    auto unit = [&](std::size_t i) -> std::uint32_t {
        const auto lo = static_cast<unsigned char>(b[little_endian ? i : i + 1]);
        const auto hi = static_cast<unsigned char>(b[little_endian ? i + 1 : i]);
        return static_cast<std::uint32_t>(hi) << 8 | lo;
    };
    for (std::size_t i = 0; i + 1 < b.size(); i += 2) {
        const std::uint32_t u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < b.size()) {
            const std::uint32_t v = unit(i + 2);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                put_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                i += 2;
                continue;
            }
        }
        put_utf8(out, u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u);
    }
    return out;
}

// Attachments carry no charset of their own: a BOM, else UTF-8 when the bytes are valid UTF-8
// (it is self-validating), else GB18030, what Excel and Notepad write on Chinese Windows
// (to_utf8 falls back to detection when the bytes are not valid GB18030 either).
std::string decode_text(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    else if (bytes.starts_with("\xFF\xFE")) return utf16_to_utf8(bytes.substr(2), true);
    else if (bytes.starts_with("\xFE\xFF")) return utf16_to_utf8(bytes.substr(2), false);
    if (is_valid_utf8(bytes)) return std::string(bytes);
    return to_utf8(bytes, "GB18030").utf8;
}

Outcome extract_plain(Work& work, std::string_view bytes, bool html, std::string& text) {
    const std::string decoded = decode_text(bytes);
    if (!work.append(text, html ? html_to_text(decoded) : decoded)) return work.text_over();
    return std::nullopt;
}

// ---- XML (OOXML and ODF parts, .xml files) --------------------------------------------------

struct XmlReaderFree {
    void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};
using XmlReaderPtr = std::unique_ptr<xmlTextReader, XmlReaderFree>;
struct XmlCharFree {
    void operator()(xmlChar* s) const { xmlFree(s); }
};
using XmlCharPtr = std::unique_ptr<xmlChar, XmlCharFree>;

// No network, no external DTD, and no entity substitution (no XML_PARSE_NOENT): entities stay
// references, so "billion laughs" expands nothing and external entities read no file. No
// XML_PARSE_HUGE: libxml2's own caps on depth and text node size stay on.
constexpr int kXmlOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

std::string_view local_name(xmlTextReader* reader) {
    const xmlChar* name = xmlTextReaderConstLocalName(reader);
    return name ? std::string_view(reinterpret_cast<const char*>(name)) : std::string_view();
}

std::string attribute(xmlTextReader* reader, const char* name) {
    XmlCharPtr value(xmlTextReaderGetAttribute(reader, reinterpret_cast<const xmlChar*>(name)));
    return value ? std::string(reinterpret_cast<const char*>(value.get())) : std::string();
}

void ignore_xml_error(void*, xmlErrorPtr) {}

// Streams the XML through `handler` (start(name, reader), end(name), text(value), each false to
// stop because the text budget is spent). Partial text is kept when the XML turns out damaged.
template <typename Handler>
Outcome walk_xml(Work& work, std::string_view xml, std::string_view part, Handler& handler) {
    if (xml.size() > static_cast<std::size_t>(INT_MAX)) return unscannable("XML part too large: " + std::string(part));
    XmlReaderPtr reader(xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, kXmlOptions));
    if (!reader) return unscannable("damaged XML: " + std::string(part));
    xmlTextReaderSetStructuredErrorHandler(reader.get(), ignore_xml_error, nullptr);
    std::size_t nodes = 0;
    int rc = 0;
    while ((rc = xmlTextReaderRead(reader.get())) == 1) {
        if (++nodes % kXmlNodesPerCheck == 0 && work.time_up()) return time_limit();
        bool more = true;
        switch (xmlTextReaderNodeType(reader.get())) {
            case XML_READER_TYPE_ELEMENT: {
                const std::string_view name = local_name(reader.get());
                more = handler.start(name, reader.get());
                if (more && xmlTextReaderIsEmptyElement(reader.get())) more = handler.end(name);
                break;
            }
            case XML_READER_TYPE_END_ELEMENT:
                more = handler.end(local_name(reader.get()));
                break;
            case XML_READER_TYPE_TEXT:
            case XML_READER_TYPE_CDATA:
            case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
                if (const xmlChar* value = xmlTextReaderConstValue(reader.get()))
                    more = handler.text(reinterpret_cast<const char*>(value));
                break;
            case XML_READER_TYPE_ENTITY_REFERENCE:
                // Not expanded (see kXmlOptions), so the text behind it is not read: a phrase
                // hidden in an entity would pass unseen.
                return unscannable("XML entity not expanded: " + std::string(part));
            default:
                break;
        }
        if (!more) return work.text_over();
    }
    if (rc < 0) return unscannable("damaged XML: " + std::string(part));
    return std::nullopt;
}

// WordprocessingML and DrawingML (DOCX body, headers, notes; PPTX slides): text is in <t> runs
// (and <delText>: deleted text is still in the file) and a paragraph <p> is many runs, so runs
// are joined and paragraphs end lines (dlp-facts: a phrase is often split across runs).
struct RunText {
    Work& work;
    std::string& out;
    bool in_text = false;
    bool in_run = false;

    bool start(std::string_view n, xmlTextReader*) {
        if (n == "t" || n == "delText") in_text = true;
        else if (n == "r") in_run = true;
        else if (n == "br" || n == "cr") return work.append(out, "\n");
        else if (n == "tab" && in_run) return work.append(out, "\t");  // <w:tabs><w:tab> are tab stops
        return true;
    }
    bool end(std::string_view n) {
        if (n == "t" || n == "delText") in_text = false;
        else if (n == "r") in_run = false;
        else if (n == "p") return work.end_line(out);
        return true;
    }
    bool text(std::string_view s) { return !in_text || work.append(out, s); }
};

// SpreadsheetML shared strings (ECMA-376 Part 1 §18.4): one <si> per string, rich text as runs;
// <rPh> phonetic guides are not the cell's text. Kept as one buffer and end offsets, so a flood of
// empty <si/> costs no more memory than its bytes.
struct SharedStrings {
    std::string chars;
    std::vector<std::uint32_t> ends;
    bool in_si = false, in_t = false, in_rph = false;

    bool start(std::string_view n, xmlTextReader*) {
        if (n == "si") in_si = true;
        else if (n == "t") in_t = true;
        else if (n == "rPh") in_rph = true;
        return true;
    }
    bool end(std::string_view n) {
        if (n == "si") {
            in_si = false;
            if (chars.size() <= UINT32_MAX) ends.push_back(static_cast<std::uint32_t>(chars.size()));
        } else if (n == "t") in_t = false;
        else if (n == "rPh") in_rph = false;
        return true;
    }
    bool text(std::string_view s) {
        if (in_si && in_t && !in_rph) chars += s;
        return true;
    }
    std::string_view get(std::size_t i) const {
        const std::size_t begin = i == 0 ? 0 : ends[i - 1];
        return std::string_view(chars).substr(begin, ends[i] - begin);
    }
    // The string a cell's <v> names, marked as shown.
    std::optional<std::string_view> take(std::string_view index) {
        std::size_t i = 0;
        const auto [p, ec] = std::from_chars(index.data(), index.data() + index.size(), i);
        if (ec != std::errc() || p != index.data() + index.size() || i >= ends.size()) return std::nullopt;
        if (used.size() != ends.size()) used.resize(ends.size());
        used[i] = true;
        return get(i);
    }
    std::vector<bool> used;
};

// A worksheet (§18.3): rows of cells, a cell's value in <v> (an index into the shared strings when
// t="s") or inline in <is><t>. Formulas <f> are not text. Cells are tab-separated, rows end lines.
struct SheetText {
    Work& work;
    std::string& out;
    SharedStrings& shared;
    std::string cell_type, value;
    bool first_cell = true, in_v = false, in_is = false, in_t = false, in_rph = false;

    bool start(std::string_view n, xmlTextReader* reader) {
        if (n == "row") {
            first_cell = true;
        } else if (n == "c") {
            cell_type = attribute(reader, "t");
            if (!first_cell && !work.append(out, "\t")) return false;
            first_cell = false;
        } else if (n == "v") {
            in_v = true;
            value.clear();
        } else if (n == "is") in_is = true;
        else if (n == "t") in_t = true;
        else if (n == "rPh") in_rph = true;
        return true;
    }
    bool end(std::string_view n) {
        if (n == "row") return work.end_line(out);
        if (n == "v") {
            in_v = false;
            if (cell_type == "s") {
                const auto s = shared.take(value);
                return !s || work.append(out, *s);
            }
            return work.append(out, value);
        }
        if (n == "is") in_is = false;
        else if (n == "t") in_t = false;
        else if (n == "rPh") in_rph = false;
        return true;
    }
    bool text(std::string_view s) {
        if (in_v) value += s;
        else if (in_is && in_t && !in_rph) return work.append(out, s);
        return true;
    }
};

// OpenDocument content.xml (ODF 1.2 Part 1 §5-6): text lives in paragraphs and headings, which
// end lines. Inside them white space collapses to one space (§6.1.2) and <text:s> is one or more
// spaces (written as one: its count is the sender's); outside them it is layout.
struct OdfText {
    Work& work;
    std::string& out;
    int in_paragraph = 0;
    bool space_pending = false;

    bool start(std::string_view n, xmlTextReader* reader) {
        if (n == "p" || n == "h") {
            if (!xmlTextReaderIsEmptyElement(reader)) ++in_paragraph;
            space_pending = false;
        } else if (n == "s") return work.append(out, " ");
        else if (n == "tab") return work.append(out, "\t");
        else if (n == "line-break") return work.append(out, "\n");
        return true;
    }
    bool end(std::string_view n) {
        if (n != "p" && n != "h") return true;
        if (in_paragraph > 0) --in_paragraph;
        return work.end_line(out);
    }
    bool text(std::string_view s) {
        if (in_paragraph == 0) return true;
        for (std::size_t i = 0; i < s.size();) {
            const std::size_t run = s.find_first_of(" \t\r\n", i);
            const std::string_view word = s.substr(i, run == std::string_view::npos ? std::string_view::npos : run - i);
            if (!word.empty()) {
                if (space_pending && !out.empty() && out.back() != '\n' && !work.append(out, " ")) return false;
                if (!work.append(out, word)) return false;
                space_pending = false;
            }
            if (run == std::string_view::npos) break;
            space_pending = true;
            i = s.find_first_not_of(" \t\r\n", run);
            if (i == std::string_view::npos) break;
        }
        return true;
    }
};

// Any other XML: its character data, one element's text per line.
struct XmlText {
    Work& work;
    std::string& out;

    bool start(std::string_view, xmlTextReader*) { return true; }
    bool end(std::string_view) { return work.end_line(out); }
    bool text(std::string_view s) {
        // Indentation between elements is layout, not text.
        return s.find_first_not_of(" \t\r\n") == std::string_view::npos || work.append(out, s);
    }
};

// ---- ZIP -----------------------------------------------------------------------------------

struct ZipDiscard {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDiscard>;
struct ZipFileClose {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileClose>;
struct ZipSourceFree {
    void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using ZipSourcePtr = std::unique_ptr<zip_source_t, ZipSourceFree>;

// zip_error_t lives on the stack but owns a string after zip_error_strerror.
class ZipError {
public:
    ZipError() { zip_error_init(&error_); }
    ~ZipError() { zip_error_fini(&error_); }
    ZipError(const ZipError&) = delete;
    ZipError& operator=(const ZipError&) = delete;
    zip_error_t* get() { return &error_; }

private:
    zip_error_t error_;
};

// Reads the archive in place: the buffer source does not copy, and the archive is discarded (never
// written) before `bytes` goes away.
std::expected<ZipPtr, std::string> open_zip(std::string_view bytes) {
    ZipError error;
    ZipSourcePtr source(zip_source_buffer_create(bytes.data(), bytes.size(), 0, error.get()));
    if (!source) return std::unexpected(std::string(zip_error_strerror(error.get())));
    ZipPtr archive(zip_open_from_source(source.get(), ZIP_RDONLY, error.get()));
    if (!archive) return std::unexpected(std::string(zip_error_strerror(error.get())));
    (void)source.release();  // the archive owns it now
    return archive;
}

bool is_encrypted(const zip_stat_t& st) {
    return (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
}

Problem entry_problem(int code, const char* message) {
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
        return {AttachmentStatus::encrypted, "encrypted zip entry"};
    if (code == ZIP_ER_COMPNOTSUPP) return unscannable("zip compression method not supported");
    return unscannable(std::string("damaged zip entry: ") + message);
}

// Inflates one entry, counting every byte against the attachment's expanded-size budget as it
// comes: the sizes in the directory are never trusted (a bomb declares what it likes).
std::expected<std::string, Problem> read_entry(Work& work, zip_t* archive, zip_uint64_t index) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive, index, ZIP_FL_ENC_RAW, &st) != 0) return std::unexpected(unscannable("damaged zip directory"));
    if (is_encrypted(st)) return std::unexpected(Problem{AttachmentStatus::encrypted, "encrypted zip entry"});
    ZipFilePtr file(zip_fopen_index(archive, index, 0));
    if (!file) {
        zip_error_t* e = zip_get_error(archive);
        return std::unexpected(entry_problem(zip_error_code_zip(e), zip_error_strerror(e)));
    }
    std::string data;
    // The declared size is only a hint, and a capped one: a lying header must not make us hold
    // memory the budget does not count (entries are held while their own entries are read).
    if (st.valid & ZIP_STAT_SIZE) data.reserve(static_cast<std::size_t>(std::min<zip_uint64_t>(st.size, kReserveCap)));
    std::size_t since_check = 0;
    for (;;) {
        const std::size_t at = data.size();
        data.resize(at + kReadChunk);
        const zip_int64_t n = zip_fread(file.get(), data.data() + at, kReadChunk);
        if (n < 0) {
            zip_error_t* e = zip_file_get_error(file.get());
            return std::unexpected(entry_problem(zip_error_code_zip(e), zip_error_strerror(e)));
        }
        data.resize(at + static_cast<std::size_t>(n));
        if (n == 0) break;
        work.expanded += static_cast<std::size_t>(n);
        if (work.expanded > work.limits.max_expanded_bytes) return std::unexpected(work.expanded_over());
        since_check += static_cast<std::size_t>(n);
        if (since_check >= kInflateBytesPerCheck) {
            since_check = 0;
            if (work.time_up()) return std::unexpected(time_limit());
        }
    }
    return data;
}

struct Entry {
    std::string name;  // raw, as stored
    zip_uint64_t index;
};

std::vector<Entry> list_entries(zip_t* archive) {
    std::vector<Entry> entries;
    const zip_int64_t n = zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < n; ++i)
        if (const char* name = zip_get_name(archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW))
            entries.push_back({name, static_cast<zip_uint64_t>(i)});
    return entries;
}

std::optional<zip_uint64_t> find_entry(const std::vector<Entry>& entries, std::string_view name) {
    for (const Entry& e : entries)
        if (e.name == name) return e.index;
    return std::nullopt;
}

// The number in "ppt/slides/slide12.xml" for prefix "ppt/slides/slide" and suffix ".xml"; an
// empty number counts as 0 (word/header.xml).
std::optional<std::uint32_t> numbered(std::string_view name, std::string_view prefix, std::string_view suffix) {
    if (!name.starts_with(prefix) || !name.ends_with(suffix) || name.size() < prefix.size() + suffix.size())
        return std::nullopt;
    const std::string_view digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    std::uint32_t n = 0;
    if (digits.empty()) return n;
    const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc() || p != digits.data() + digits.size()) return std::nullopt;
    return n;
}

struct Part {
    int group;
    std::uint32_t number;
    std::string name;
    zip_uint64_t index;
    auto operator<=>(const Part&) const = default;
};

// The parts of a document that hold its text, in reading order: `rank` gives (group, number) for
// a part to read, nullopt for one to skip.
template <typename Rank>
std::vector<Part> parts_of(const std::vector<Entry>& entries, Rank rank) {
    std::vector<Part> parts;
    for (const Entry& e : entries)
        if (auto r = rank(std::string_view(e.name))) parts.push_back({r->first, r->second, e.name, e.index});
    std::sort(parts.begin(), parts.end());
    return parts;
}

using Rank = std::optional<std::pair<int, std::uint32_t>>;

Rank docx_rank(std::string_view n) {
    if (n == "word/document.xml") return std::pair{0, 0u};
    if (auto k = numbered(n, "word/header", ".xml")) return std::pair{1, *k};
    if (auto k = numbered(n, "word/footer", ".xml")) return std::pair{2, *k};
    if (n == "word/footnotes.xml") return std::pair{3, 0u};
    if (n == "word/endnotes.xml") return std::pair{4, 0u};
    if (n == "word/comments.xml") return std::pair{5, 0u};
    return std::nullopt;
}
Rank pptx_rank(std::string_view n) {
    if (auto k = numbered(n, "ppt/slides/slide", ".xml")) return std::pair{0, *k};
    if (auto k = numbered(n, "ppt/notesSlides/notesSlide", ".xml")) return std::pair{1, *k};
    return std::nullopt;
}
Rank sheet_rank(std::string_view n) {
    if (auto k = numbered(n, "xl/worksheets/sheet", ".xml")) return std::pair{0, *k};
    return std::nullopt;
}
Rank odf_rank(std::string_view n) {
    if (n == "content.xml") return std::pair{0, 0u};
    return std::nullopt;
}

enum class Document { docx, xlsx, pptx, odf, none };

Document document_kind(const std::vector<Entry>& entries) {
    if (find_entry(entries, "word/document.xml")) return Document::docx;
    if (find_entry(entries, "xl/workbook.xml")) return Document::xlsx;
    if (find_entry(entries, "ppt/presentation.xml")) return Document::pptx;
    if (find_entry(entries, "content.xml") &&
        (find_entry(entries, "mimetype") || find_entry(entries, "META-INF/manifest.xml")))
        return Document::odf;
    return Document::none;
}

// OOXML and ODF parts never carry a DTD (ECMA-376 Part 2 §8.1.4 forbids it); one that does is an
// attack on the parser, not a document.
bool has_dtd(std::string_view xml) { return xml.substr(0, 4096).find("<!DOCTYPE") != std::string_view::npos; }

Outcome extract_document(Work& work, zip_t* archive, const std::vector<Entry>& entries, Document kind,
                         std::string& text) {
    SharedStrings shared;
    if (kind == Document::odf) {
        // ODF 1.2 Part 3 §4.8: encrypted files are described in the manifest, their content is
        // not XML.
        if (auto m = find_entry(entries, "META-INF/manifest.xml")) {
            auto manifest = read_entry(work, archive, *m);
            if (!manifest) return manifest.error();
            if (manifest->find("encryption-data") != std::string::npos)
                return Problem{AttachmentStatus::encrypted, "encrypted OpenDocument"};
        }
    }
    if (kind == Document::xlsx) {
        if (auto s = find_entry(entries, "xl/sharedStrings.xml")) {
            auto xml = read_entry(work, archive, *s);
            if (!xml) return xml.error();
            if (has_dtd(*xml)) return unscannable("XML with a DTD: xl/sharedStrings.xml");
            if (auto stop = walk_xml(work, *xml, "xl/sharedStrings.xml", shared)) return stop;
        }
    }
    const auto parts = kind == Document::docx   ? parts_of(entries, docx_rank)
                       : kind == Document::pptx ? parts_of(entries, pptx_rank)
                       : kind == Document::xlsx ? parts_of(entries, sheet_rank)
                                                : parts_of(entries, odf_rank);
    for (const Part& part : parts) {
        if (work.time_up()) return time_limit();
        auto xml = read_entry(work, archive, part.index);
        if (!xml) return xml.error();
        if (has_dtd(*xml)) return unscannable("XML with a DTD: " + clean_name(part.name));
        Outcome stop;
        if (kind == Document::xlsx) {
            SheetText sheet{work, text, shared, {}, {}};
            stop = walk_xml(work, *xml, part.name, sheet);
        } else if (kind == Document::odf) {
            OdfText odf{work, text};
            stop = walk_xml(work, *xml, part.name, odf);
        } else {
            RunText runs{work, text};
            stop = walk_xml(work, *xml, part.name, runs);
        }
        if (stop) return stop;
        if (!work.end_line(text)) return work.text_over();
    }
    // Shared strings no cell shows are still in the file, and still leave with it.
    shared.used.resize(shared.ends.size());
    for (std::size_t i = 0; i < shared.ends.size(); ++i)
        if (!shared.used[i] && !shared.get(i).empty() && (!work.append(text, shared.get(i)) || !work.append(text, "\n")))
            return work.text_over();
    return std::nullopt;
}

void extract_file(Work& work, const std::string& path, std::string_view bytes, std::string_view media_type);

std::string join(const std::string& parent, std::string_view child) {
    return parent.empty() ? std::string(child) : parent + "/" + std::string(child);
}

// A plain archive: every entry is a file of its own, listed after the archive, depth first.
Outcome extract_archive(Work& work, zip_t* archive, const std::vector<Entry>& entries, const std::string& path) {
    const ArchiveLevel level(work.depth);
    if (level.deeper_than(work.limits.max_depth))
        return unscannable("archive nesting over " + std::to_string(work.limits.max_depth) + " levels");
    for (const Entry& entry : entries) {
        if (work.entries >= work.limits.max_entries)
            return unscannable("over " + std::to_string(work.limits.max_entries) + " archive entries");
        ++work.entries;
        if (entry.name.ends_with('/')) continue;  // a directory
        const std::string child = join(path, clean_name(entry.name));
        if (work.time_up()) {
            work.files.push_back({child, AttachmentStatus::unscannable, {}, "time limit"});
            continue;
        }
        auto data = read_entry(work, archive, entry.index);
        if (!data) {
            work.files.push_back({child, data.error().status, {}, std::move(data.error().detail)});
            continue;
        }
        extract_file(work, child, *data, {});
    }
    return std::nullopt;
}

Outcome extract_zip(Work& work, std::string_view bytes, const std::string& path, std::string& text) {
    auto archive = open_zip(bytes);
    if (!archive) return unscannable("damaged zip: " + archive.error());
    const std::vector<Entry> entries = list_entries(archive->get());
    const Document kind = document_kind(entries);
    if (kind == Document::none) return extract_archive(work, archive->get(), entries, path);
    Outcome outcome = extract_document(work, archive->get(), entries, kind, text);
    // Files embedded in an OOXML document (ECMA-376 Part 2 §9.2 parts under */embeddings/: a
    // worksheet in a report, a document in a slide) are the attachment's content too, listed
    // after it as an archive's entries would be.
    std::vector<Entry> embedded;
    for (const Entry& e : entries)
        if (e.name.starts_with("word/embeddings/") || e.name.starts_with("xl/embeddings/") ||
            e.name.starts_with("ppt/embeddings/"))
            embedded.push_back(e);
    if (!embedded.empty())
        if (Outcome stop = extract_archive(work, archive->get(), embedded, path); stop && !outcome) outcome = std::move(stop);
    return outcome;
}

// ---- PDF -----------------------------------------------------------------------------------

void ignore_poppler_message(const std::string&, void*) {}

// Poppler reports syntax errors on stderr through one process-wide hook. Setting it is the one
// global this library touches; it only silences, and is done once.
void silence_poppler() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(ignore_poppler_message, nullptr); });
}

Outcome extract_pdf(Work& work, std::string_view bytes, std::string& text) {
    silence_poppler();
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return unscannable("PDF too large");
    // Raw data is read in place, not copied; the document goes before `bytes` does.
    const std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) return unscannable("damaged PDF");
    // Locked: a user password is needed. Encrypted with an empty user password (permissions only)
    // opens, and its text is read like any other.
    if (doc->is_locked()) return Problem{AttachmentStatus::encrypted, "PDF needs a password"};
    const int pages = doc->pages();
    bool damaged_page = false;
    for (int i = 0; i < pages; ++i) {
        if (static_cast<std::size_t>(i) >= work.limits.max_pdf_pages)
            return unscannable("over " + std::to_string(work.limits.max_pdf_pages) + " PDF pages");
        if (i > 0 && work.time_up()) return time_limit();  // the file's own check covers page 1
        const std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page) {
            damaged_page = true;
            continue;
        }
        const poppler::byte_array utf8 = page->text().to_utf8();
        if (!work.append(text, std::string_view(utf8.data(), utf8.size())) || !work.end_line(text))
            return work.text_over();
    }
    if (damaged_page) return unscannable("damaged PDF page");
    return std::nullopt;
}

// ---- OLE compound files (MS-CFB) -----------------------------------------------------------

std::uint32_t le32(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}
std::uint16_t le16(std::string_view b, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}

// Directory sectors read at most: Office writes EncryptedPackage in the first one; legacy files
// have a few dozen entries.
constexpr std::size_t kMaxCfbDirectorySectors = 1024;

// Whether the compound file's directory holds a stream named `wanted` (MS-CFB §2.2 header, §2.3
// FAT, §2.5 DIFAT, §2.6 directory). nullopt: the container is damaged. Every chain walk is bounded
// by the sector count, so a looping chain ends.
std::optional<bool> cfb_has_stream(std::string_view b, std::u16string_view wanted) {
    constexpr std::uint32_t kEndOfChain = 0xFFFFFFFE;
    if (b.size() < 512) return std::nullopt;
    const unsigned shift = le16(b, 0x1E);
    if (shift != 9 && shift != 12) return std::nullopt;
    const std::size_t sector_size = std::size_t{1} << shift;
    const std::size_t sectors = b.size() / sector_size - 1;  // the header takes the first sector's room
    const std::size_t per_sector = sector_size / 4;
    auto sector = [&](std::uint32_t n) -> std::optional<std::string_view> {
        if (n >= sectors) return std::nullopt;
        return b.substr((static_cast<std::size_t>(n) + 1) * sector_size, sector_size);
    };
    auto fat_sector = [&](std::size_t k) -> std::optional<std::uint32_t> {
        if (k < 109) return le32(b, 0x4C + 4 * k);
        k -= 109;
        std::uint32_t next = le32(b, 0x44);
        for (std::size_t hops = 0; hops <= sectors; ++hops) {
            const auto s = sector(next);
            if (!s) return std::nullopt;
            if (k < per_sector - 1) return le32(*s, 4 * k);
            k -= per_sector - 1;
            next = le32(*s, sector_size - 4);
        }
        return std::nullopt;
    };
    auto next_in_chain = [&](std::uint32_t n) -> std::optional<std::uint32_t> {
        const auto f = fat_sector(n / per_sector);
        if (!f) return std::nullopt;
        const auto s = sector(*f);
        if (!s) return std::nullopt;
        return le32(*s, 4 * (n % per_sector));
    };
    std::uint32_t at = le32(b, 0x30);
    for (std::size_t hops = 0; hops < std::min(sectors + 1, kMaxCfbDirectorySectors); ++hops) {
        if (at == kEndOfChain) return false;
        const auto s = sector(at);
        if (!s) return std::nullopt;
        for (std::size_t e = 0; e + 128 <= sector_size; e += 128) {
            const std::string_view entry = s->substr(e, 128);
            const std::size_t length = le16(entry, 0x40);  // bytes, with the terminating NUL
            if (entry[0x42] != 2 || length < 2 || length > 64 || length % 2 != 0) continue;  // 2: a stream
            const std::size_t chars = length / 2 - 1;
            if (chars != wanted.size()) continue;
            bool same = true;
            for (std::size_t c = 0; c < chars && same; ++c) same = le16(entry, 2 * c) == wanted[c];
            if (same) return true;
        }
        const auto next = next_in_chain(at);
        if (!next) return std::nullopt;
        at = *next;
    }
    return false;
}

Outcome extract_ole(std::string_view bytes) {
    // MS-OFFCRYPTO §2.3.4.4 (agile) and §2.3.4.5 (standard): an encrypted OOXML package is an OLE
    // container with the streams EncryptionInfo and EncryptedPackage.
    const auto encrypted = cfb_has_stream(bytes, u"EncryptedPackage");
    if (!encrypted) return unscannable("damaged OLE compound file");
    if (*encrypted) return Problem{AttachmentStatus::encrypted, "encrypted Office document"};
    return Problem{AttachmentStatus::unsupported, "legacy Office (OLE) document"};
}

// ---- Dispatch ------------------------------------------------------------------------------

void extract_file(Work& work, const std::string& path, std::string_view bytes, std::string_view media_type) {
    const std::size_t self = work.files.size();
    work.files.push_back({path, AttachmentStatus::text, {}, {}});
    if (bytes.empty()) return;
    const Sniffed type = sniff(bytes, path, media_type);
    std::string text;
    Outcome outcome;
    switch (type.type) {
        case Type::zip: outcome = extract_zip(work, bytes, path, text); break;
        case Type::pdf: outcome = extract_pdf(work, bytes, text); break;
        case Type::ole: outcome = extract_ole(bytes); break;
        case Type::text: outcome = extract_plain(work, bytes, false, text); break;
        case Type::html: outcome = extract_plain(work, bytes, true, text); break;
        case Type::xml: {
            XmlText handler{work, text};
            outcome = walk_xml(work, bytes, path, handler);
            break;
        }
        case Type::other: outcome = Problem{AttachmentStatus::unsupported, std::string(type.what)}; break;
    }
    ExtractedFile& file = work.files[self];  // children may have been appended: index, not a reference
    file.text = std::move(text);
    if (outcome) {
        file.status = outcome->status;
        file.detail = std::move(outcome->detail);
    }
}

}  // namespace

std::string_view name_of(AttachmentStatus status) {
    switch (status) {
        case AttachmentStatus::text: return "text";
        case AttachmentStatus::encrypted: return "encrypted";
        case AttachmentStatus::unscannable: return "unscannable";
        case AttachmentStatus::unsupported: return "unsupported";
    }
    return "unscannable";
}

std::vector<ExtractedFile> extract_attachment(std::string_view filename, std::string_view media_type,
                                              std::string_view bytes, bool truncated, const ExtractLimits& limits,
                                              const std::function<bool()>& expired) {
    Work work{limits, expired, {}};
    const std::string name = clean_name(filename);
    // The libraries below may throw std::bad_alloc on hostile input; an attachment that exhausted
    // memory is one we could not scan, not a reason to fail the message.
    try {
        if (work.time_up()) {
            work.files.push_back({name, AttachmentStatus::unscannable, {}, "time limit"});
            return std::move(work.files);
        }
        extract_file(work, name, bytes, media_type);
    } catch (const std::exception& e) {
        if (work.files.empty()) work.files.push_back({name, AttachmentStatus::text, {}, {}});
        work.files.front().status = AttachmentStatus::unscannable;
        work.files.front().detail = std::string("extraction failed: ") + e.what();
    }
    ExtractedFile& self = work.files.front();
    if (truncated && (self.status == AttachmentStatus::text || self.status == AttachmentStatus::unscannable)) {
        self.detail = self.detail.empty() ? "attachment cut before its end" : self.detail + " (attachment cut before its end)";
        self.status = AttachmentStatus::unscannable;
    }
    return std::move(work.files);
}

}  // namespace mailkeeper::parser
