// `mailkeeper signature`: the sender's signature block and the contact details in it.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mailkeeper::cli {

struct SignatureOptions {
    std::vector<std::string> files;
    bool json = false;
    std::string default_region = "CN";
};

// Per file: {"file", "signature_text", "contact"} with `json`, else the block and the fields in
// words. A file is an .eml message or a plain-text body; a `<name>.sender` file beside a body gives
// its From line. Returns 0 when every file was read, 1 otherwise.
int run_signature(const SignatureOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mailkeeper::cli
