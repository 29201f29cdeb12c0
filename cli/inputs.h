// The messages named on a command line: single files, directories (recursively), mbox files and
// Maildir folders, read one at a time so that memory stays flat over large archives.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace mailkeeper::cli {

struct InputMessage {
    std::string path;      // file the message came from, as given or found under a directory
    int index = 1;         // 1-based position inside an mbox file, else 1
    std::string_view bytes;
};

struct InputError {
    std::string path;
    std::string message;
};

// Calls `on_message` for every message and `on_error` for every path that could not be read.
// Files in a directory are visited in name order so that runs are reproducible.
// Returns false when any input could not be read.
bool for_each_message(const std::vector<std::string>& paths,
                      const std::function<void(const InputMessage&)>& on_message,
                      const std::function<void(const InputError&)>& on_error);

}  // namespace mailkeeper::cli
