#include "html.h"

#include <libxml/HTMLparser.h>

#include <array>
#include <memory>
#include <string_view>

namespace mailkeeper::parser {
namespace {

struct DocFree {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

bool is_block(const xmlChar* name) {
    static constexpr std::array<std::string_view, 16> kBlocks{"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4",
                                                              "h5", "h6", "table", "blockquote", "pre", "hr", "dd"};
    const std::string_view n(reinterpret_cast<const char*>(name));
    for (auto b : kBlocks)
        if (n == b) return true;
    return false;
}

bool is_hidden(const xmlChar* name) {
    const std::string_view n(reinterpret_cast<const char*>(name));
    return n == "script" || n == "style" || n == "head" || n == "title";
}

bool in_pre(const xmlNode* node) {
    for (int depth = 0; node && depth < 8; ++depth, node = node->parent)
        if (node->type == XML_ELEMENT_NODE && std::string_view(reinterpret_cast<const char*>(node->name)) == "pre") return true;
    return false;
}

// HTML collapses runs of white space, line ends of the source included, to one space (CSS 2.1
// §16.6.1); only <pre> keeps them. A line of text starts at a block, not at the source's newline.
void append_text(const xmlNode* node, std::string_view text, std::string& out) {
    if (in_pre(node)) {
        out += text;
        return;
    }
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
        } else {
            out += c;
        }
    }
}

void end_line(std::string& out) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.back() != '\n') out += '\n';
}

// Iterative walk: HTML from the wire may nest deeper than the stack should go.
void collect(xmlNode* root, std::string& out) {
    xmlNode* node = root;
    while (node) {
        bool descend = true;
        if (node->type == XML_TEXT_NODE && node->content) {
            append_text(node, reinterpret_cast<const char*>(node->content), out);
        } else if (node->type == XML_ELEMENT_NODE) {
            if (is_hidden(node->name)) descend = false;
            else if (std::string_view(reinterpret_cast<const char*>(node->name)) == "br") {
                // every <br> breaks a line: two make the blank line a signature is set off by
                while (!out.empty() && out.back() == ' ') out.pop_back();
                out += '\n';
            } else if (is_block(node->name)) end_line(out);
        }
        if (descend && node->children) {
            node = node->children;
            continue;
        }
        while (node && !node->next) {
            node = node->parent;
            if (node && node->type == XML_ELEMENT_NODE && is_block(node->name)) end_line(out);
            if (node == nullptr || node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE) return;
        }
        if (node) node = node->next;
    }
}

}  // namespace

std::string html_to_text(std::string_view html) {
    if (html.empty()) return {};
    std::unique_ptr<xmlDoc, DocFree> doc(
        htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
    if (!doc) return std::string(html);
    std::string out;
    out.reserve(html.size() / 2);
    if (xmlNode* root = xmlDocGetRootElement(doc.get())) collect(root, out);
    // Non-breaking spaces are spaces to every later matcher.
    std::string cleaned;
    cleaned.reserve(out.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (static_cast<unsigned char>(out[i]) == 0xC2 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) == 0xA0) {
            cleaned += ' ';
            ++i;
        } else {
            cleaned += out[i];
        }
    }
    return cleaned;
}

}  // namespace mailkeeper::parser
