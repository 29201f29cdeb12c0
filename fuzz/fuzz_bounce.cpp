// Any bytes through MIME parsing and bounce analysis: no crash, no leak, no undefined behaviour.
#include <mailkeeper/parser/bounce.h>
#include <mailkeeper/parser/message.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (std::string_view one : mailkeeper::parser::split_mbox(bytes)) (void)one.size();
    if (auto message = mailkeeper::parser::parse_message(bytes)) (void)mailkeeper::parser::analyse_bounce(*message);
    return 0;
}
