#include "inputs.h"

#include <mailkeeper/parser/message.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

namespace mailkeeper::cli {
namespace fs = std::filesystem;
namespace {

// Files read whole are bounded: a bigger file is an archive to be split, or not mail.
constexpr std::uintmax_t kMaxFileBytes = 2ull * 1024 * 1024 * 1024;

bool read_file(const fs::path& path, std::string& out, std::string& error) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) {
        error = ec.message();
        return false;
    }
    if (size > kMaxFileBytes) {
        error = "file larger than 2 GiB";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = std::strerror(errno);
        return false;
    }
    out.resize(size);
    in.read(out.data(), static_cast<std::streamsize>(size));
    out.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) {
        error = "read error";
        return false;
    }
    return true;
}

// Maildir keeps messages being written in tmp/: they are not messages yet.
bool is_maildir_tmp(const fs::path& dir) {
    return dir.filename() == "tmp" && fs::is_directory(dir.parent_path() / "cur") &&
           fs::is_directory(dir.parent_path() / "new");
}

void collect_files(const fs::path& root, std::vector<fs::path>& files, const std::function<void(const InputError&)>& on_error,
                   bool& ok) {
    std::error_code ec;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(it->path());
    if (ec) {
        on_error({root.string(), ec.message()});
        ok = false;
        return;
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& p : entries) {
        const std::string name = p.filename().string();
        if (name.starts_with(".")) continue;  // .git, editor files, Maildir's dot-folders are walked below
        std::error_code sec;
        if (fs::is_directory(p, sec)) {
            if (!is_maildir_tmp(p)) collect_files(p, files, on_error, ok);
        } else if (fs::is_regular_file(p, sec)) {
            files.push_back(p);
        }
    }
    // Maildir++ subfolders are dot-directories holding cur/ and new/.
    for (const auto& p : entries) {
        std::error_code sec;
        if (p.filename().string().starts_with(".") && fs::is_directory(p / "cur", sec)) collect_files(p, files, on_error, ok);
    }
}

}  // namespace

bool for_each_message(const std::vector<std::string>& paths, const std::function<void(const InputMessage&)>& on_message,
                      const std::function<void(const InputError&)>& on_error) {
    bool ok = true;
    std::string bytes;
    for (const std::string& given : paths) {
        std::vector<fs::path> files;
        std::error_code ec;
        const fs::file_status st = fs::status(given, ec);
        if (ec || !fs::exists(st)) {
            on_error({given, ec ? ec.message() : "no such file or directory"});
            ok = false;
            continue;
        }
        if (fs::is_directory(st)) collect_files(given, files, on_error, ok);
        else files.emplace_back(given);
        for (const auto& file : files) {
            std::string error;
            if (!read_file(file, bytes, error)) {
                on_error({file.string(), error});
                ok = false;
                continue;
            }
            if (parser::looks_like_mbox(bytes)) {
                // mbox separators are found by line; CR-only files (classic Mac) have no '\n' at all.
                if (bytes.find('\n') == std::string::npos) std::replace(bytes.begin(), bytes.end(), '\r', '\n');
                int index = 0;
                for (std::string_view m : parser::split_mbox(bytes)) on_message({file.string(), ++index, m});
                continue;
            }
            on_message({file.string(), 1, bytes});
        }
    }
    return ok;
}

}  // namespace mailkeeper::cli
