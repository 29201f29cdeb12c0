// Every bound on the work done for one message, named in one place. Each has a config key in the
// milter and a test that feeds hostile input and checks the bound (tests/parser/limits_test.cpp).
#pragma once

#include <cstddef>

namespace mailkeeper::parser {

// GMime's own nesting cap is 1024; a real bounce nests three or four levels deep.
inline constexpr int kMaxMimeDepth = 64;
// Leaf parts kept per message; a bounce has a handful.
inline constexpr std::size_t kMaxParts = 256;
// Bytes of a message that are examined at all. Bounces are small; the returned original message
// may be large and is cut: its headers are at its start.
inline constexpr std::size_t kMaxScanBytes = 4 * 1024 * 1024;
// Bytes of decoded text kept from one part.
inline constexpr std::size_t kMaxPartTextBytes = 1024 * 1024;
// Decoded bytes kept of one non-textual attachment. None by default: the bounce analysis never
// reads them; the DLP scan sets its own bound.
inline constexpr std::size_t kMaxAttachmentBytes = 0;
// Recipients reported from one bounce.
inline constexpr std::size_t kMaxRecipients = 1000;
// Characters kept of one diagnostic text.
inline constexpr std::size_t kMaxDiagnosticChars = 2048;

struct Limits {
    int max_mime_depth = kMaxMimeDepth;
    std::size_t max_parts = kMaxParts;
    std::size_t max_scan_bytes = kMaxScanBytes;
    std::size_t max_part_text_bytes = kMaxPartTextBytes;
    std::size_t max_recipients = kMaxRecipients;
    std::size_t max_attachment_bytes = kMaxAttachmentBytes;
};

}  // namespace mailkeeper::parser
