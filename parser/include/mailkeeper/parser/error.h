// Errors that callers must handle, returned as values (std::expected<T, Error>).
#pragma once

#include <string>

namespace mailkeeper::parser {

enum class ErrorCode {
    empty_input,     // nothing to parse
    mime_malformed,  // the MIME structure could not be read at all
    too_large,       // a configured limit was exceeded and the input was refused
    invalid_pattern, // a configured pattern (order labels) cannot be used
};

struct Error {
    ErrorCode code;
    std::string message;
    bool fatal = false;  // true: nothing usable came out; false: a partial result may still be used
};

}  // namespace mailkeeper::parser
