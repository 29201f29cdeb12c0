// Any bytes as a DLP rule file: either a rule set or errors with positions. A rule set that loads
// is then run over the same bytes as a message body and subject (normalisation, scanner,
// detectors, excerpts on arbitrary text): no crash, no leak, no undefined behaviour.
#include <mailkeeper/rules/verdict.h>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto set = mailkeeper::rules::load_rules({{"fuzz.yaml", text}});
    if (!set) {
        for (const auto& e : set.error())
            if (e.message.empty()) __builtin_trap();  // a failure always says why
        return 0;
    }
    mailkeeper::rules::MessageContent content;
    content.subject = text.substr(0, 200);
    content.bodies.push_back(text);
    content.attachments.push_back({text.substr(0, 50), mailkeeper::parser::AttachmentStatus::text, text, {}});
    mailkeeper::rules::MessageContext context;
    context.recipients = {"buyer@customer.example"};
    context.internal_domains = {"corp.example"};
    (void)mailkeeper::rules::evaluate(**set, content, context);
    return 0;
}
