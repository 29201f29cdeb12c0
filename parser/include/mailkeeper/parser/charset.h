// Conversion of text in any charset mail arrives in to UTF-8, with detection when the declared
// charset is missing or wrong (ICU).
#pragma once

#include <string>
#include <string_view>

namespace mailkeeper::parser {

struct DecodedText {
    std::string utf8;
    std::string charset;    // the charset actually used, ICU's canonical name
    bool detected = false;  // not the declared one
};

// Decodes `bytes` from `declared` (may be empty). Declared charsets are widened to their
// supersets mail software really emits (GB2312 and GBK -> GB18030, Big5 -> Big5-HKSCS,
// ISO-8859-1 -> windows-1252, ks_c_5601 -> windows-949). When the declaration is absent, unknown,
// or does not fit the bytes, the charset is detected. Never fails: undecodable bytes become U+FFFD.
DecodedText to_utf8(std::string_view bytes, std::string_view declared);

bool is_valid_utf8(std::string_view bytes);

}  // namespace mailkeeper::parser
