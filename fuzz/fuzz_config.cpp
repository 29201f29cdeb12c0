// Any bytes as the gateway's YAML configuration: either a Config or errors with positions; no
// crash, no leak, no undefined behaviour.
#include <mailkeeper/milter/config.h>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string yaml(reinterpret_cast<const char*>(data), size);
    auto config = mailkeeper::milter::parse_config(yaml, "fuzz.yaml");
    if (!config && config.error().messages.empty()) __builtin_trap();  // a failure always says why
    return 0;
}
