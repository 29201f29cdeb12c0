// One pass over UTF-8 with a table per BMP code point, built once from ICU: NFKC_Casefold, then
// Traditional -> Simplified (ICU's transliterator, one character at a time) and our variant table.
// Code points that compose with what precedes them (combining marks) send their whole segment
// through ICU's normaliser, so "e" + U+0301 and "é" come out the same.
#include "mailkeeper/rules/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace mailkeeper::rules {

std::size_t NormalizedText::original_end(std::size_t to, std::string_view original) const {
    if (to == 0) return origin[0];
    const auto* s = reinterpret_cast<const std::uint8_t*>(original.data());
    const auto n = static_cast<std::int32_t>(original.size());
    const auto limit = static_cast<std::int32_t>(origin[to]);
    auto i = static_cast<std::int32_t>(origin[to - 1]);
    UChar32 c;
    U8_NEXT(s, i, n, c);
    while (i < limit) {
        std::int32_t j = i;
        U8_NEXT(s, j, n, c);
        if (c < 0 || u_getCombiningClass(c) == 0) break;
        i = j;
    }
    return static_cast<std::size_t>(std::min(i, limit));
}

namespace {

enum Class : std::uint8_t { kOther, kCjk, kSpace, kSeparator, kRemoved };

// Characters that ICU's Traditional-Simplified leaves as a second simplified form: mail uses both,
// keywords usually the standard one. Applied after the transliteration, to text and keywords alike.
constexpr std::pair<char32_t, char32_t> kVariants[] = {
    {U'帐', U'账'},  // 帐号/账号, 帐户/账户 (ICU: 帳 -> 帐)
    {U'巿', U'市'},  // U+5DFF "fu" looks like 市 and is typed for it
    {U'裏', U'里'},  // 裏/裡 both mean 里 (ICU maps only 裡)
};
// Not folded on purpose: 着/著 and 干/乾 are distinct words in Simplified Chinese.

struct Entry {
    std::uint32_t offset = 0;  // of the output bytes in Tables::pool
    std::uint8_t length = 0;
    Class cls = kOther;
    bool combining = false;  // composes with the preceding character: normalise the segment
};

bool is_cjk(UChar32 c) {
    if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return true;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    return U_SUCCESS(status) && (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
                                 script == USCRIPT_HANGUL || script == USCRIPT_BOPOMOFO ||
                                 script == USCRIPT_HAN);
}

bool is_separator(UChar32 c) {
    const std::int8_t type = u_charType(c);
    switch (type) {
        case U_DASH_PUNCTUATION: case U_START_PUNCTUATION: case U_END_PUNCTUATION:
        case U_CONNECTOR_PUNCTUATION: case U_OTHER_PUNCTUATION: case U_INITIAL_PUNCTUATION:
        case U_FINAL_PUNCTUATION: case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL:
        case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL: case U_CONTROL_CHAR: case U_FORMAT_CHAR:
            return true;
        default:
            return false;
    }
}

class Tables {
public:
    static const Tables& get() {
        static const Tables tables;
        return tables;
    }

    const Entry& bmp(UChar32 c) const { return bmp_[static_cast<std::size_t>(c)]; }
    // A CJK character that normalises to itself (most of Chinese text): the hot path reads this
    // 8 KiB bitmap instead of the 768 KiB table.
    bool same_cjk(UChar32 c) const { return same_cjk_[static_cast<std::size_t>(c) >> 6] >> (c & 63) & 1; }
    std::string_view output(const Entry& e) const { return std::string_view(pool_).substr(e.offset, e.length); }

    // The normalised UTF-8 of an arbitrary piece of text, by ICU (segments with combining marks,
    // code points beyond the BMP).
    void normalize_slow(std::string_view utf8, std::string& out) const {
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString folded =
            nfkc_cf_->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size()))), status);
        if (U_FAILURE(status)) folded = icu::UnicodeString(static_cast<UChar32>(0xFFFD));
        for (std::int32_t i = 0; i < folded.length();) {
            UChar32 c = folded.char32At(i);
            i += U16_LENGTH(c);
            c = simplify(c);
            if (u_hasBinaryProperty(c, UCHAR_WHITE_SPACE)) c = ' ';
            char buf[4];
            std::int32_t n = 0;
            U8_APPEND_UNSAFE(buf, n, c);
            out.append(buf, static_cast<std::size_t>(n));
        }
    }

    Class class_of_slow(UChar32 c) const {
        if (u_hasBinaryProperty(c, UCHAR_WHITE_SPACE)) return kSpace;
        if (is_cjk(c)) return kCjk;
        if (is_separator(c)) return kSeparator;
        return kOther;
    }

private:
    Tables() {
        UErrorCode status = U_ZERO_ERROR;
        nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
        if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC_Casefold data is missing");
        build_simplified();
        bmp_.resize(0x10000);
        for (UChar32 c = 0; c < 0x10000; ++c) {
            if (U_IS_SURROGATE(c)) continue;  // never decoded from valid UTF-8
            Entry& e = bmp_[static_cast<std::size_t>(c)];
            e.combining = !nfkc_cf_->hasBoundaryBefore(c);
            std::string out;
            if (u_hasBinaryProperty(c, UCHAR_WHITE_SPACE)) {
                out = " ";
                e.cls = kSpace;
            } else {
                char buf[4];
                std::int32_t n = 0;
                U8_APPEND_UNSAFE(buf, n, c);
                normalize_slow(std::string_view(buf, static_cast<std::size_t>(n)), out);
                if (out.empty()) {
                    e.cls = kRemoved;
                } else {
                    UChar32 first;
                    std::int32_t i = 0;
                    U8_NEXT_UNSAFE(out.data(), i, first);
                    e.cls = is_cjk(first) ? kCjk : is_separator(c) ? kSeparator : kOther;
                }
            }
            e.offset = static_cast<std::uint32_t>(pool_.size());
            e.length = static_cast<std::uint8_t>(out.size());
            pool_ += out;
            char self[4];
            std::int32_t n = 0;
            U8_APPEND_UNSAFE(self, n, c);
            if (e.cls == kCjk && !e.combining && out == std::string_view(self, static_cast<std::size_t>(n)))
                same_cjk_[static_cast<std::size_t>(c) >> 6] |= std::uint64_t{1} << (c & 63);
        }
    }

    // ICU's Traditional-Simplified over every Han character of the BMP, one call: the characters
    // are separated by newlines so that no phrase rule joins two of them.
    void build_simplified() {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(
            icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !t) throw std::runtime_error("ICU Traditional-Simplified transliterator is missing");
        std::vector<UChar32> han;
        icu::UnicodeString all;
        for (UChar32 c = 0x3400; c < 0x10000; ++c) {
            if (!u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) continue;
            han.push_back(c);
            all.append(c).append(static_cast<UChar>('\n'));
        }
        t->transliterate(all);
        std::size_t k = 0;
        for (std::int32_t i = 0; i < all.length() && k < han.size();) {
            const std::int32_t nl = all.indexOf(static_cast<UChar>('\n'), i);
            if (nl < 0) break;
            if (nl - i >= 1) {
                const UChar32 to = all.char32At(i);
                if (U16_LENGTH(to) == nl - i && to != han[k]) simplified_[han[k]] = to;
            }
            i = nl + 1;
            ++k;
        }
        for (const auto& [from, to] : kVariants) simplified_[from] = to;
        // Traditional forms whose simplified form is itself a variant (帳 -> 帐 -> 账).
        for (auto& [from, to] : simplified_)
            if (auto it = simplified_.find(to); it != simplified_.end() && it->first != from) to = it->second;
    }

    UChar32 simplify(UChar32 c) const {
        if (simplified_.empty()) return c;
        const auto it = simplified_.find(static_cast<char32_t>(c));
        return it == simplified_.end() ? c : static_cast<UChar32>(it->second);
    }

    const icu::Normalizer2* nfkc_cf_ = nullptr;
    std::unordered_map<char32_t, char32_t> simplified_;
    std::vector<Entry> bmp_;
    std::string pool_;
    std::array<std::uint64_t, 0x10000 / 64> same_cjk_{};
};

// Output with the CJK separator rule and whitespace collapsing; `origin` may be null. Writes into
// pre-sized buffers (one character at a time through std::string::append costs 4x the scan).
class Writer {
public:
    Writer(std::string& out, std::vector<std::uint32_t>* origin, std::size_t expected)
        : out_(out), origin_(origin) {
        grow(expected + 16);
    }
    ~Writer() = default;
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    // The origin map keeps its high-water size: a reused NormalizedText is not refilled with zeros
    // each time (NormalizedText::origin says "at least").
    std::size_t finish() {
        out_.resize(pos_);
        if (origin_ && origin_->size() < pos_ + 1) origin_->resize(pos_ + 1);
        return pos_;
    }

    void emit(std::string_view bytes, Class cls, std::size_t from) {
        switch (cls) {
            case kRemoved:
                return;
            case kSpace:
                if (pending_ == npos) pending_ = pos_;
                if (pos_ > 0 && out_[pos_ - 1] == ' ') return;
                append(" ", from);
                return;
            case kSeparator:
                if (pending_ == npos) pending_ = pos_;
                append(bytes, from);
                return;
            case kCjk:
                // 合 同 / 合-同 / 合。同: what stands between two CJK characters is dropped.
                if (pending_ != npos && last_ == kCjk) pos_ = pending_;
                break;
            case kOther:
                break;
        }
        pending_ = npos;
        last_ = cls;
        last_start_ = pos_;
        last_from_ = from;
        append(bytes, from);
    }

    // A run of ASCII letters and digits, lower-cased on the way: most of English text.
    void emit_ascii_run(const char* bytes, std::size_t n, std::size_t from) {
        pending_ = npos;
        last_ = kOther;
        if (pos_ + n > out_.size()) grow(std::max(out_.size() * 2, pos_ + n));
        char* o = out_.data() + pos_;
        for (std::size_t k = 0; k < n; ++k) {
            const char c = bytes[k];
            o[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
        }
        if (origin_) {
            std::uint32_t* g = origin_->data() + pos_;
            const auto f = static_cast<std::uint32_t>(from);
            for (std::size_t k = 0; k < n; ++k) g[k] = f + static_cast<std::uint32_t>(k);
        }
        last_start_ = pos_ + n - 1;
        last_from_ = from + n - 1;
        pos_ += n;
    }

    // A run of CJK characters that normalise to themselves, 3 bytes each (BMP ideographs): most
    // of Chinese text, copied as it is.
    void emit_cjk_run(const char* bytes, std::size_t n, std::size_t from) {
        if (pending_ != npos && last_ == kCjk) pos_ = pending_;
        pending_ = npos;
        last_ = kCjk;
        if (pos_ + n > out_.size()) grow(std::max(out_.size() * 2, pos_ + n));
        std::memcpy(out_.data() + pos_, bytes, n);
        if (origin_) {
            std::uint32_t* g = origin_->data() + pos_;
            const auto f = static_cast<std::uint32_t>(from);
            for (std::size_t k = 0; k < n; k += 3) g[k] = g[k + 1] = g[k + 2] = f + static_cast<std::uint32_t>(k);
        }
        last_start_ = pos_ + n - 3;
        last_from_ = from + n - 3;
        pos_ += n;
    }

    // The last letter-like character, when nothing followed it yet (a combining mark re-reads it).
    bool has_last() const { return last_start_ != npos && pending_ == npos; }
    std::size_t last_from() const { return last_from_; }
    void drop_last() {
        pos_ = last_start_;
        last_start_ = npos;
    }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    void grow(std::size_t capacity) {
        if (out_.size() < capacity) out_.resize_and_overwrite(capacity, [](char*, std::size_t n) { return n; });
        if (origin_ && origin_->size() < capacity) origin_->resize(capacity);
    }

    void append(std::string_view bytes, std::size_t from) {
        const std::size_t n = bytes.size();
        if (pos_ + n > out_.size()) grow(std::max(out_.size() * 2, pos_ + n));
        char* o = out_.data() + pos_;
        for (std::size_t k = 0; k < n; ++k) o[k] = bytes[k];
        if (origin_) {
            std::uint32_t* g = origin_->data() + pos_;
            for (std::size_t k = 0; k < n; ++k) g[k] = static_cast<std::uint32_t>(from);
        }
        pos_ += n;
    }

    std::string& out_;
    std::vector<std::uint32_t>* origin_;
    std::size_t pos_ = 0;
    std::size_t pending_ = npos;
    Class last_ = kRemoved;
    std::size_t last_start_ = npos;
    std::size_t last_from_ = 0;
};

void run(std::string_view in, std::string& out, std::vector<std::uint32_t>* origin) {
    const Tables& tables = Tables::get();
    Writer writer(out, origin, in.size());
    const auto* s = reinterpret_cast<const std::uint8_t*>(in.data());
    const std::int32_t n = static_cast<std::int32_t>(in.size());
    std::string slow;
    const auto ascii_alnum = [](std::uint8_t b) {
        return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z');
    };
    // the code point of a 3-byte sequence at j (lead byte E0..EF), or -1 when it is not one
    const auto three = [&](std::int32_t j) -> UChar32 {
        if (j + 2 >= n || (s[j] & 0xF0) != 0xE0 || (s[j + 1] & 0xC0) != 0x80 || (s[j + 2] & 0xC0) != 0x80) return -1;
        const UChar32 c = ((s[j] & 0x0F) << 12) | ((s[j + 1] & 0x3F) << 6) | (s[j + 2] & 0x3F);
        return c >= 0x800 && !U_IS_SURROGATE(c) ? c : -1;
    };
    for (std::int32_t i = 0; i < n;) {
        const std::size_t from = static_cast<std::size_t>(i);
        if (ascii_alnum(s[i])) {
            std::int32_t j = i + 1;
            // words joined by single spaces stay one run: the space between two ASCII letters or
            // digits needs none of the separator rules
            for (;;) {
                while (j < n && ascii_alnum(s[j])) ++j;
                if (j + 1 < n && s[j] == ' ' && ascii_alnum(s[j + 1])) j += 2;
                else break;
            }
            writer.emit_ascii_run(in.data() + from, static_cast<std::size_t>(j - i), from);
            i = j;
            continue;
        }
        if (const UChar32 first = three(i); first >= 0 && tables.same_cjk(first)) {
            std::int32_t j = i + 3;
            for (UChar32 next; (next = three(j)) >= 0 && tables.same_cjk(next);) j += 3;
            writer.emit_cjk_run(in.data() + from, static_cast<std::size_t>(j - i), from);
            i = j;
            continue;
        }
        UChar32 c = s[i];
        if (c < 0x80) {
            ++i;
        } else {
            U8_NEXT(s, i, n, c);
            if (c < 0) c = 0xFFFD;
        }
        if (c < 0x10000) {
            const Entry& e = tables.bmp(c);
            if (!e.combining || !writer.has_last()) {
                writer.emit(tables.output(e), e.cls, from);
                continue;
            }
        }
        // Beyond the BMP, or a mark that composes with the previous character: ICU on the whole
        // segment, from the previous starter to the next one.
        std::size_t begin = from;
        if (c < 0x10000 && writer.has_last()) {
            begin = writer.last_from();
            writer.drop_last();
        }
        std::int32_t end = i;
        while (end < n) {
            std::int32_t j = end;
            UChar32 d;
            U8_NEXT(s, j, n, d);
            if (d < 0 || d >= 0x10000 || !tables.bmp(d).combining) break;
            end = j;
        }
        i = end;
        slow.clear();
        tables.normalize_slow(in.substr(begin, static_cast<std::size_t>(end) - begin), slow);
        UChar32 first = 0xFFFD;
        if (!slow.empty()) {
            std::int32_t k = 0;
            U8_NEXT_UNSAFE(slow.data(), k, first);
        }
        writer.emit(slow, slow.empty() ? kRemoved : tables.class_of_slow(first), begin);
    }
    const std::size_t size = writer.finish();
    if (origin) (*origin)[size] = static_cast<std::uint32_t>(in.size());
}

}  // namespace

NormalizedText normalize(std::string_view utf8) {
    NormalizedText result;
    run(utf8, result.text, &result.origin);
    result.origin.resize(result.text.size() + 1);
    return result;
}

void normalize(std::string_view utf8, NormalizedText& reuse) {
    reuse.text.clear();
    run(utf8, reuse.text, &reuse.origin);
}

std::string normalized(std::string_view utf8) {
    std::string out;
    run(utf8, out, nullptr);
    return out;
}

}  // namespace mailkeeper::rules
