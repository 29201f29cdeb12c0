#include "signature_command.h"

#include <mailkeeper/parser/analysis.h>
#include <mailkeeper/parser/message.h>
#include <mailkeeper/parser/signature.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "card_json.h"
#include "json_lines.h"

namespace mailkeeper::cli {
namespace {

using nlohmann::json;

std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open";
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        error = "cannot read";
        return std::nullopt;
    }
    return std::move(buffer).str();
}

struct Body {
    std::string text;
    parser::Sender sender;
};

// An .eml gives its From and its main text; a bare body its `<name>.sender` neighbour, if any.
std::optional<Body> body_of(const std::filesystem::path& path, const std::string& bytes, std::string& error) {
    Body body;
    if (parser::looks_like_message(bytes)) {
        auto message = parser::parse_message(bytes);
        if (!message) {
            error = message.error().message;
            return std::nullopt;
        }
        body.sender = parser::parse_sender(parser::find_header(message->headers, "From").value_or(""));
        if (const auto* part = parser::main_text(*message)) body.text = part->text;
        return body;
    }
    body.text = bytes;
    std::filesystem::path sender = path;
    sender.replace_extension(".sender");
    std::string ignored;
    if (std::filesystem::exists(sender))
        if (auto line = read_file(sender, ignored)) body.sender = parser::parse_sender(*line);
    return body;
}

}  // namespace

int run_signature(const SignatureOptions& options, std::ostream& out, std::ostream& err) {
    int status = 0;
    const parser::ContactOptions contact_options{.default_region = options.default_region};
    for (const auto& file : options.files) {
        std::string error;
        auto bytes = read_file(file, error);
        std::optional<Body> body;
        if (bytes) body = body_of(file, *bytes, error);
        if (!body) {
            status = 1;
            if (options.json) out << dump_json(json{{"file", file}, {"error", error}}) << '\n';
            else err << file << ": " << error << '\n';
            continue;
        }
        const parser::SenderText own = parser::read_sender_text(body->text, body->sender, contact_options);
        const auto& block = own.signature;
        const auto& card = own.contact;
        const std::string text = block ? parser::signature_text(*block) : std::string();
        if (options.json) {
            out << dump_json(json{{"file", file},
                                  {"signature_text", block ? json(text) : json(nullptr)},
                                  {"contact", card ? card_json(*card) : json(nullptr)}})
                << '\n';
            continue;
        }
        out << "== " << file << '\n';
        if (!block) {
            out << "no signature\n";
            continue;
        }
        out << text << "\n--\n" << (card ? describe_card(*card) : std::string("no contact details\n"));
    }
    return status;
}

}  // namespace mailkeeper::cli
