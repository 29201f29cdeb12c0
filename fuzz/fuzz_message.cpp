// Any bytes through the whole per-message reading: mbox splitting, MIME parsing, bounce analysis,
// auto-replies, orders, tags, quotes, signature and contact card; and the same bytes taken as a
// bare body. No crash, no leak, no undefined behaviour.
#include <mailkeeper/parser/analysis.h>
#include <mailkeeper/parser/message.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace mailkeeper::parser;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (std::string_view one : split_mbox(bytes)) (void)one.size();
    static const AnalysisOptions options{.internal_domains = {"corp.example"}, .contact = {.default_region = "CN"}};
    if (auto message = parse_message(bytes)) (void)analyse_message(*message, options);
    const std::string_view first_line = bytes.substr(0, bytes.find('\n'));
    const Sender sender = parse_sender(first_line);
    const ReplyText reply = strip_quotes(bytes);
    if (auto block = find_signature(reply.text, sender)) (void)extract_contact(*block, sender, options.contact);
    return 0;
}
