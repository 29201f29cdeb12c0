// Text of attachments for the DLP scan: Office documents (OOXML, ODF), PDF, plain text, CSV, HTML,
// XML, and ZIP archives read recursively. Pure: bytes in, values out; the caller owns the clock.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace mailkeeper::parser {

// Every bound on the work done for one attachment. Each has a test feeding hostile input
// (tests/parser/attachment_test.cpp). A file over a bound is reported unscannable, never skipped.

// Archive levels opened: quote.zip is level 1, a zip inside it level 2. Real mail nests two at most;
// deeper nesting is how scanners are evaded (MacroMilter #19).
inline constexpr int kMaxArchiveDepth = 4;
// Bytes inflated per attachment, all entries and levels together, counted while inflating: the
// sizes an archive declares are the attacker's to choose.
inline constexpr std::size_t kMaxExpandedBytes = 64 * 1024 * 1024;
// Bytes of text kept per attachment, all files in it together.
inline constexpr std::size_t kMaxExtractedText = 8 * 1024 * 1024;
// Archive entries looked at per attachment, all levels together.
inline constexpr std::size_t kMaxArchiveEntries = 1000;
// PDF pages read per PDF: a page costs time whether or not it holds text.
inline constexpr std::size_t kMaxPdfPages = 5000;

struct ExtractLimits {
    int max_depth = kMaxArchiveDepth;
    std::size_t max_expanded_bytes = kMaxExpandedBytes;
    std::size_t max_text_bytes = kMaxExtractedText;
    std::size_t max_entries = kMaxArchiveEntries;
    std::size_t max_pdf_pages = kMaxPdfPages;
};

enum class AttachmentStatus {
    text,         // read completely; `text` is all of it (may be empty: an archive itself, an empty file)
    encrypted,    // password-protected: an encrypted zip entry, an encrypted OOXML (OLE container with
                  // an "EncryptedPackage" stream), an encrypted ODF, a PDF that needs a password
    unscannable,  // not read completely: over a limit (depth, expanded size, entries, pages, text,
                  // time), damaged, or cut before its end; `text` holds what was read before the stop
    unsupported,  // a type we do not read (images, executables, legacy Office, RAR ...): not a match
                  // condition
};

std::string_view name_of(AttachmentStatus status);  // "text", "encrypted", "unscannable", "unsupported"

struct ExtractedFile {
    std::string name;    // path inside the attachment, '/'-joined: "quote.zip/inner/price.docx"; UTF-8
    AttachmentStatus status = AttachmentStatus::text;
    std::string text;    // UTF-8; paragraphs, rows and pages end with '\n'
    std::string detail;  // why not `text`, for people: "expanded size over 64 MiB", "time limit"
};

// Extracts the text of one attachment. `filename` and `media_type` are as the message declares
// them (either may be empty); the type is taken from the magic bytes first, then the file name's
// extension, then the media type. `truncated`: the bytes were cut before the attachment's end (the
// caller's own size bound); whatever could be read is kept and the attachment is unscannable
// (unless it is encrypted or unsupported anyway).
//
// Returns one ExtractedFile for the attachment itself, then one per archive entry and per file
// embedded in an OOXML document (word/embeddings/...), depth first, in archive order: a flat list,
// never more than 1 + limits.max_entries long. Directory entries are not listed.
//
// `expired` (may be empty) is asked between units of work (files, archive entries, document parts,
// PDF pages, every MiB inflated, every few thousand XML nodes); once it answers true, nothing more
// is read, and the current file and every file not yet read are reported unscannable ("time
// limit"). Never throws, never fails: hostile input is a status.
std::vector<ExtractedFile> extract_attachment(std::string_view filename, std::string_view media_type,
                                              std::string_view bytes, bool truncated,
                                              const ExtractLimits& limits = {},
                                              const std::function<bool()>& expired = {});

}  // namespace mailkeeper::parser
