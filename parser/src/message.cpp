#include "mailkeeper/parser/message.h"

#include <gmime/gmime.h>
#include <iconv.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <vector>

#include "gobject_ptr.h"
#include "html.h"
#include "mailkeeper/parser/charset.h"
#include "text.h"

namespace mailkeeper::parser {
namespace {

using detail::adopt;
using detail::GCharPtr;
using detail::GObjectPtr;

void init_gmime() {
    static std::once_flag once;
    std::call_once(once, [] {
        g_mime_init();
        // GMime decodes header charsets through iconv, and glibc unloads a charset's gconv module
        // when its last descriptor closes, then loads it again for the next message. One unused
        // descriptor per charset mail is commonly written in keeps those modules loaded until exit.
        static const struct PinnedCharsets {
            std::vector<iconv_t> open;
            PinnedCharsets() {
                for (const char* charset : {"ISO-2022-JP", "GB18030", "GBK", "BIG5", "SHIFT_JIS", "EUC-JP", "EUC-KR",
                                            "ISO-8859-1", "ISO-8859-2", "ISO-8859-15", "WINDOWS-1252", "KOI8-R"}) {
                    const iconv_t cd = iconv_open("UTF-8", charset);
                    if (cd != reinterpret_cast<iconv_t>(-1)) open.push_back(cd);
                }
            }
            ~PinnedCharsets() {
                for (iconv_t cd : open) iconv_close(cd);
            }
        } kPinned;
    });
}

// Entering one MIME level; the walk stops descending when the guard says the bound is passed.
// rspamd's unbounded message/rfc822 recursion is why this is an object, not a counter.
class DepthGuard {
public:
    DepthGuard(int& depth, int max) : depth_(depth) { ok_ = ++depth_ <= max; }
    ~DepthGuard() { --depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    bool ok() const { return ok_; }

private:
    int& depth_;
    bool ok_ = false;
};

detail::ParserOptionsPtr make_options() {
    init_gmime();
    detail::ParserOptionsPtr options(g_mime_parser_options_new());
    g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
    // Raw 8-bit header bytes: UTF-8 first, then what Chinese mail clients write, then Latin.
    const char* fallback[] = {"UTF-8", "GB18030", "windows-1252", nullptr};
    g_mime_parser_options_set_fallback_charsets(options.get(), fallback);
    return options;
}

// Built once and only read after that (GMime copies the options it is given), so threads share it.
GMimeParserOptions* parser_options() {
    static const detail::ParserOptionsPtr kOptions = make_options();
    return kOptions.get();
}

std::string media_type_of(GMimeObject* object) {
    GMimeContentType* ct = g_mime_object_get_content_type(object);
    if (!ct) return "text/plain";
    const char* type = g_mime_content_type_get_media_type(ct);
    const char* sub = g_mime_content_type_get_media_subtype(ct);
    return detail::to_lower(std::string(type ? type : "text") + "/" + (sub ? sub : "plain"));
}

std::string content_param(GMimeObject* object, const char* name) {
    GMimeContentType* ct = g_mime_object_get_content_type(object);
    if (!ct) return {};
    const char* v = g_mime_content_type_get_parameter(ct, name);
    return v ? std::string(v) : std::string();
}

bool is_trace_header(const char* name) {
    if (!name) return false;
    const std::string_view n(name);
    return detail::iequals(n, "Received") || detail::iequals(n, "DKIM-Signature") ||
           detail::iequals(n, "Authentication-Results") || detail::iequals(n, "Received-SPF") ||
           detail::istarts_with(n, "ARC-") || detail::iequals(n, "X-Google-DKIM-Signature");
}

// RFC 5322 §2.2.3 unfolding of a raw value: the line breaks go, the white space after them stays.
std::string unfold(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (char c : raw)
        if (c != '\r' && c != '\n') out.push_back(c);
    return out;
}

// A raw value GMime would return unchanged but unfolded: plain ASCII with no RFC 2047 word.
bool is_plain_ascii(const char* raw) {
    const std::string_view v(raw);
    return v.find("=?") == std::string_view::npos &&
           std::none_of(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

HeaderList headers_of(GMimeObject* object) {
    HeaderList out;
    GMimeHeaderList* list = g_mime_object_get_header_list(object);
    if (!list) return out;
    const int n = g_mime_header_list_get_count(list);
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        GMimeHeader* h = g_mime_header_list_get_header_at(list, i);
        const char* name = g_mime_header_get_name(h);
        // Trace and signature headers never carry RFC 2047 text, and plain ASCII needs no decoding:
        // their raw value saves GMime's decoder (and its charset conversions).
        const char* raw = g_mime_header_get_raw_value(h);
        if (raw && (is_trace_header(name) || is_plain_ascii(raw))) {
            out.push_back({name ? name : "", std::string(detail::trim(unfold(raw)))});
            continue;
        }
        const char* value = g_mime_header_get_value(h);
        out.push_back({name ? name : "", value ? std::string(detail::trim(value)) : std::string()});
    }
    return out;
}

// The transfer-decoded bytes of a leaf part, cut at `cap`.
std::string decoded_bytes(GMimePart* part, std::size_t cap) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (!content) return {};
    auto mem = adopt(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, mem.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
    if (!bytes) return {};
    const std::size_t len = std::min<std::size_t>(bytes->len, cap);
    return std::string(reinterpret_cast<const char*>(bytes->data), len);
}

bool is_textual(std::string_view media_type) {
    return media_type.starts_with("text/") || media_type == "message/delivery-status" ||
           media_type == "message/global-delivery-status" || media_type == "message/feedback-report" ||
           media_type == "message/disposition-notification" || media_type == "message/global-headers" ||
           media_type == "message/rfc822-headers";
}

struct Walker {
    const Limits& limits;
    Message& message;
    int depth = 0;
    int alternative = 0;   // the multipart/alternative being walked, 0 outside one
    int alternatives = 0;  // how many were seen

    void walk(GMimeObject* object, bool in_returned) {
        DepthGuard guard(depth, limits.max_mime_depth);
        if (!guard.ok() || message.parts.size() >= limits.max_parts) {
            message.truncated = true;
            return;
        }
        if (GMIME_IS_MULTIPART(object)) {
            auto* multi = GMIME_MULTIPART(object);
            const int n = g_mime_multipart_get_count(multi);
            const int outer = alternative;
            if (media_type_of(object) == "multipart/alternative") alternative = ++alternatives;
            for (int i = 0; i < n; ++i) walk(g_mime_multipart_get_part(multi, i), in_returned);
            alternative = outer;
            // A boundary parameter that matches no delimiter line leaves every byte in the
            // prologue: keep it as text rather than lose the whole report.
            const char* prologue = g_mime_multipart_get_prologue(multi);
            if (n == 0 && prologue && *prologue) {
                message.mime_damaged = true;
                DecodedText decoded = to_utf8(prologue, "");
                message.parts.push_back(Part{"text/plain", std::move(decoded.utf8), decoded.charset, decoded.detected,
                                             in_returned, {}, 0, {}, false});
            }
            return;
        }
        if (GMIME_IS_MESSAGE_PART(object)) {
            GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
            if (!inner) return;
            if (!in_returned && !message.returned_headers) message.returned_headers = headers_of(GMIME_OBJECT(inner));
            if (GMimeObject* body = g_mime_message_get_mime_part(inner)) walk(body, true);
            return;
        }
        if (!GMIME_IS_PART(object)) return;
        Part part;
        part.media_type = media_type_of(object);
        part.in_returned_message = in_returned;
        part.alternative = alternative;
        if (const char* name = g_mime_part_get_filename(GMIME_PART(object))) part.filename = name;
        if (is_textual(part.media_type)) {
            const std::string bytes = decoded_bytes(GMIME_PART(object), limits.max_part_text_bytes);
            DecodedText decoded = to_utf8(detail::normalise_line_endings(bytes), content_param(object, "charset"));
            // The returned original's HTML is kept as source: reducing it costs more than the
            // whole bounce analysis, and nothing reads it as text.
            part.text = part.media_type == "text/html" && !in_returned ? html_to_text(decoded.utf8) : std::move(decoded.utf8);
            part.charset = std::move(decoded.charset);
            part.charset_detected = decoded.detected;
            // RFC 6522 §3: the third part of a report may be just the returned headers.
            if (!in_returned && !message.returned_headers &&
                (part.media_type == "text/rfc822-headers" || part.media_type == "message/rfc822-headers" ||
                 part.media_type == "message/global-headers"))
                message.returned_headers = parse_header_block(part.text);
        } else if (limits.max_attachment_bytes > 0) {
            part.data = decoded_bytes(GMIME_PART(object), limits.max_attachment_bytes + 1);
            if (part.data.size() > limits.max_attachment_bytes) {
                part.data.resize(limits.max_attachment_bytes);
                part.data_truncated = true;
            }
        }
        message.parts.push_back(std::move(part));
    }
};

// When GMime cannot make a message of the bytes, keep the text: headers up to the first empty
// line, the rest as one plain part with a detected charset.
Message read_raw(std::string_view text) {
    Message m;
    m.mime_damaged = true;
    m.media_type = "text/plain";
    const std::size_t split = text.find("\n\n");
    m.headers = parse_header_block(text);
    std::string_view body = split == std::string_view::npos ? std::string_view() : text.substr(split + 2);
    DecodedText decoded = to_utf8(body, "");
    m.parts.push_back(Part{"text/plain", std::move(decoded.utf8), decoded.charset, decoded.detected, false, {}, 0, {}, false});
    return m;
}

}  // namespace

// GMime set up once per process, for every unit of the library that uses it (compose.cpp).
void ensure_gmime() { init_gmime(); }

namespace {

void collect_addresses(InternetAddressList* list, std::vector<std::string>& out) {
    const int n = internet_address_list_length(list);
    for (int i = 0; i < n; ++i) {
        InternetAddress* a = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(a)) {
            if (const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)); addr && *addr)
                out.emplace_back(addr);
        } else if (INTERNET_ADDRESS_IS_GROUP(a)) {
            collect_addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)), out);
        }
    }
}

}  // namespace

std::vector<std::string> addresses_of(std::string_view header_value) {
    init_gmime();
    std::vector<std::string> out;
    const std::string value(header_value);
    InternetAddressList* list = internet_address_list_parse(nullptr, value.c_str());
    if (!list) return out;
    auto owned = adopt(list);
    collect_addresses(list, out);
    return out;
}

std::optional<std::string> find_header(const HeaderList& headers, std::string_view name) {
    for (const auto& h : headers)
        if (detail::iequals(h.name, name)) return h.value;
    return std::nullopt;
}

HeaderList parse_header_block(std::string_view text) {
    HeaderList out;
    for (std::string_view line : detail::split_lines(text)) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (detail::trim(line).empty()) {
            if (!out.empty()) break;
            continue;  // leading blank lines before a quoted header block
        }
        if ((line[0] == ' ' || line[0] == '\t') && !out.empty()) {
            out.back().value += ' ';
            out.back().value += detail::trim(line);
            continue;
        }
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            if (out.empty()) continue;
            break;
        }
        std::string_view name = line.substr(0, colon);
        if (name.find(' ') != std::string_view::npos || name.find('\t') != std::string_view::npos) {
            if (out.empty()) continue;
            break;
        }
        out.push_back({std::string(name), std::string(detail::trim(line.substr(colon + 1)))});
    }
    // RFC 2047 words in a header block read from text.
    for (auto& h : out) {
        if (h.value.find("=?") == std::string::npos) continue;
        GCharPtr decoded(g_mime_utils_header_decode_text(parser_options(), h.value.c_str()));
        if (decoded) h.value = decoded.get();
    }
    return out;
}

std::expected<Message, Error> parse_message(std::string_view bytes, const Limits& limits) {
    if (detail::trim(bytes).empty()) return std::unexpected(Error{ErrorCode::empty_input, "empty message", true});
    init_gmime();
    bool truncated = false;
    if (bytes.size() > limits.max_scan_bytes) {
        bytes = bytes.substr(0, limits.max_scan_bytes);
        truncated = true;
    }
    std::string text = detail::normalise_line_endings(bytes);
    // Some stores keep the mbox separator on single messages.
    if (text.starts_with("From ")) {
        const std::size_t nl = text.find('\n');
        text.erase(0, nl == std::string::npos ? text.size() : nl + 1);
    }

    auto stream = adopt(g_mime_stream_mem_new_with_buffer(text.data(), text.size()));
    auto gparser = adopt(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(gparser.get(), GMIME_FORMAT_MESSAGE);
    auto gmessage = adopt(g_mime_parser_construct_message(gparser.get(), parser_options()));
    if (!gmessage) {
        Message raw = read_raw(text);
        raw.truncated = truncated;
        return raw;
    }

    Message m;
    m.truncated = truncated;
    m.headers = headers_of(GMIME_OBJECT(gmessage.get()));
    GMimeObject* body = g_mime_message_get_mime_part(gmessage.get());
    if (body) {
        m.media_type = media_type_of(body);
        m.report_type = detail::to_lower(content_param(body, "report-type"));
        Walker walker{limits, m};
        walker.walk(body, false);
    } else {
        m.media_type = "text/plain";
    }
    return m;
}

}  // namespace mailkeeper::parser

namespace mailkeeper::parser {

const Part* main_text(const Message& message) {
    const Part* html = nullptr;
    for (const auto& part : message.parts) {
        if (part.in_returned_message || !part.filename.empty()) continue;
        if (part.media_type == "text/plain") return &part;
        if (part.media_type == "text/html" && html == nullptr) html = &part;
    }
    return html;
}

std::optional<std::int64_t> message_date(const Message& message) {
    const auto value = find_header(message.headers, "Date");
    if (!value) return std::nullopt;
    ensure_gmime();
    GDateTime* date = g_mime_utils_header_decode_date(value->c_str());
    if (date == nullptr) return std::nullopt;
    const std::int64_t seconds = g_date_time_to_unix(date);
    g_date_time_unref(date);
    return seconds;
}

std::vector<std::string> message_ids(std::string_view value) {
    std::vector<std::string> ids;
    std::size_t pos = 0;
    while (ids.size() < kMaxReferences) {
        const std::size_t open = value.find('<', pos);
        if (open == std::string_view::npos) break;
        const std::size_t close = value.find('>', open + 1);
        if (close == std::string_view::npos) break;
        const std::string_view id = detail::trim(value.substr(open + 1, close - open - 1));
        if (!id.empty() && id.size() <= 998 && id.find_first_of(" \t<") == std::string_view::npos) ids.emplace_back(id);
        pos = close + 1;
    }
    // a bare id without brackets, as some clients write In-Reply-To
    if (ids.empty()) {
        const std::string_view id = detail::trim(value);
        if (!id.empty() && id.find('@') != std::string_view::npos && id.find_first_of(" \t<>") == std::string_view::npos)
            ids.emplace_back(id);
    }
    return ids;
}

bool looks_like_message(std::string_view bytes) {
    static constexpr std::array<std::string_view, 12> kHeaders{
        "from",     "to",       "subject",     "date", "received",     "return-path",
        "message-id", "mime-version", "content-type", "reply-to", "delivered-to", "x-mailer"};
    std::size_t pos = 0, lines = 0, known = 0;
    if (bytes.starts_with("From ")) return true;  // an mbox separator
    while (pos < bytes.size() && lines < 64) {
        std::size_t end = bytes.find('\n', pos);
        if (end == std::string_view::npos) end = bytes.size();
        std::string_view line = bytes.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos = end + 1;
        ++lines;
        if (line.empty()) break;                                  // end of the header block
        if (line.front() == ' ' || line.front() == '\t') continue;  // folded
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return false;
        for (std::size_t i = 0; i < colon; ++i) {
            const char c = line[i];
            if (c <= ' ' || c > '~') return false;  // RFC 5322 §2.2: printable ASCII, no space
        }
        for (auto h : kHeaders)
            if (detail::iequals(line.substr(0, colon), h)) ++known;
    }
    return known >= 2;
}

}  // namespace mailkeeper::parser
