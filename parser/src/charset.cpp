#include "mailkeeper/parser/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

namespace mailkeeper::parser {
namespace {

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
    void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;
using DetectorPtr = std::unique_ptr<UCharsetDetector, DetectorCloser>;

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    return out;
}

// Mail software labels text with the narrow historical name and writes the wider superset:
// Outlook sends GBK bytes as "gb2312", Latin-1 labels carry windows-1252 quotes.
std::string widen(std::string_view declared) {
    const std::string d = lower(declared);
    struct Row { std::string_view name, wider; };
    static constexpr std::array kRows{
        Row{"gb2312", "GB18030"}, Row{"gbk", "GB18030"}, Row{"x-gbk", "GB18030"},
        Row{"cp936", "GB18030"}, Row{"euc-cn", "GB18030"}, Row{"x-euc-cn", "GB18030"},
        Row{"gb_2312-80", "GB18030"}, Row{"chinese", "GB18030"}, Row{"csgb2312", "GB18030"},
        Row{"big5", "Big5-HKSCS"}, Row{"x-big5", "Big5-HKSCS"}, Row{"cn-big5", "Big5-HKSCS"},
        Row{"iso-8859-1", "windows-1252"}, Row{"latin1", "windows-1252"},
        Row{"us-ascii", "windows-1252"}, Row{"ascii", "windows-1252"},
        Row{"ks_c_5601-1987", "windows-949"}, Row{"euc-kr", "windows-949"},
        Row{"shift_jis", "windows-31j"}, Row{"sjis", "windows-31j"}, Row{"x-sjis", "windows-31j"},
        Row{"iso-8859-8-i", "ISO-8859-8"}, Row{"utf8", "UTF-8"}, Row{"unicode-1-1-utf-8", "UTF-8"},
    };
    for (const auto& r : kRows)
        if (d == r.name) return std::string(r.wider);
    return std::string(declared);
}

bool is_single_byte_label(std::string_view canonical) {
    const std::string c = lower(canonical);
    return c == "windows-1252" || c.starts_with("iso-8859") || c == "us-ascii";
}

bool has_high_bytes(std::string_view bytes) {
    return std::any_of(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}
bool has_escape(std::string_view bytes) { return bytes.find('\x1b') != std::string_view::npos; }

// Converts strictly: nullopt when the bytes are not valid in `charset` or the charset is unknown.
std::optional<std::string> convert(std::string_view bytes, const std::string& charset, bool strict) {
    UErrorCode status = U_ZERO_ERROR;
    ConverterPtr conv(ucnv_open(charset.c_str(), &status));
    if (U_FAILURE(status) || !conv) return std::nullopt;
    if (strict) {
        ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
        if (U_FAILURE(status)) return std::nullopt;
    }
    icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), conv.get(), status);
    if (U_FAILURE(status)) return std::nullopt;
    std::string out;
    text.toUTF8String(out);
    return out;
}

struct Guess {
    std::string charset;
    int confidence = 0;
};

std::optional<Guess> detect(std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    DetectorPtr det(ucsdet_open(&status));
    if (U_FAILURE(status)) return std::nullopt;
    ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    const UCharsetMatch* match = ucsdet_detect(det.get(), &status);
    if (U_FAILURE(status) || !match) return std::nullopt;
    Guess g;
    g.charset = ucsdet_getName(match, &status);
    g.confidence = ucsdet_getConfidence(match, &status);
    if (U_FAILURE(status)) return std::nullopt;
    return g;
}

bool is_multibyte_east_asian(std::string_view canonical) {
    const std::string c = lower(canonical);
    return c == "gb18030" || c == "big5" || c == "shift_jis" || c == "euc-jp" || c == "euc-kr" ||
           c.starts_with("iso-2022");
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) { ++i; continue; }
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return false;
        if (i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

DecodedText to_utf8(std::string_view bytes, std::string_view declared) {
    const bool high = has_high_bytes(bytes);
    const bool escapes = has_escape(bytes);
    std::string charset = declared.empty() ? std::string() : widen(declared);

    if (!high && !escapes) return {std::string(bytes), charset.empty() ? "US-ASCII" : charset, false};

    // UTF-8 is self-validating: when the bytes are valid UTF-8 and the label claims a single-byte
    // charset or nothing, the label is the mistake (a common one in gateways' own notices).
    if (high && (charset.empty() || is_single_byte_label(charset)) && is_valid_utf8(bytes))
        return {std::string(bytes), "UTF-8", !charset.empty() && lower(charset) != "utf-8"};

    if (!charset.empty()) {
        if (auto text = convert(bytes, charset, /*strict=*/true)) {
            // A Latin label never fails to convert, so a mislabelled GBK body would pass as
            // mojibake: ask the detector whether the bytes are really East Asian.
            if (is_single_byte_label(charset) && high) {
                if (auto g = detect(bytes); g && g->confidence >= 50 && is_multibyte_east_asian(g->charset))
                    if (auto better = convert(bytes, widen(g->charset), true)) return {*better, widen(g->charset), true};
            }
            return {*text, charset, false};
        }
    }

    if (is_valid_utf8(bytes)) return {std::string(bytes), "UTF-8", !charset.empty()};
    if (auto g = detect(bytes)) {
        const std::string guessed = widen(g->charset);
        if (auto text = convert(bytes, guessed, /*strict=*/true)) return {*text, guessed, true};
    }
    // Last resort: the declared charset with substitutions, else GB18030, which decodes most of
    // what our users receive and maps every byte sequence to something.
    if (!charset.empty())
        if (auto text = convert(bytes, charset, /*strict=*/false)) return {*text, charset, false};
    if (auto text = convert(bytes, "GB18030", /*strict=*/false)) return {*text, "GB18030", true};
    return {std::string(bytes), "UTF-8", true};
}

}  // namespace mailkeeper::parser
