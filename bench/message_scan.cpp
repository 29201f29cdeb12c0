// Messages per second of the whole per-message reading (parse + analyse_message: bounce,
// auto-reply, quotes, signature, contact card, orders, tags), on the .eml files under the given
// directories, held in memory, on one thread. Prints a stable summary line per group of files.
//
// usage: message_scan [--seconds S] GROUP=DIR[,DIR...]...
#include <mailkeeper/parser/analysis.h>
#include <mailkeeper/parser/message.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace mailkeeper;

namespace {

std::vector<std::string> load(const std::string& dirs) {
    std::vector<std::string> messages;
    std::stringstream list(dirs);
    std::string dir;
    while (std::getline(list, dir, ',')) {
        if (!fs::is_directory(dir)) continue;
        std::vector<fs::path> files;
        for (const auto& e : fs::recursive_directory_iterator(dir))
            if (e.is_regular_file() && e.path().extension() == ".eml") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            std::ifstream in(f, std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            messages.push_back(ss.str());
        }
    }
    return messages;
}

}  // namespace

int main(int argc, char** argv) {
    double seconds = 3;
    std::vector<std::pair<std::string, std::string>> groups;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--seconds" && i + 1 < argc) seconds = std::stod(argv[++i]);
        else if (const auto eq = arg.find('='); eq != std::string::npos) groups.emplace_back(arg.substr(0, eq), arg.substr(eq + 1));
    }
    if (groups.empty()) {
        std::cerr << "usage: message_scan [--seconds S] GROUP=DIR[,DIR...]...\n";
        return 2;
    }
    parser::AnalysisOptions options;
    options.internal_domains = {"corp.example", "our-trade.test"};
    options.contact.default_region = "CN";
    (void)parser::default_order_finder();  // compiled once, as at start-up
    for (const auto& [name, dirs] : groups) {
        const auto messages = load(dirs);
        if (messages.empty()) {
            std::printf("%-10s no messages under %s\n", name.c_str(), dirs.c_str());
            continue;
        }
        std::size_t bytes = 0;
        for (const auto& m : messages) bytes += m.size();
        for (const bool analyse : {false, true}) {
            std::size_t done = 0, signatures = 0;
            const auto start = Clock::now();
            double elapsed = 0;
            while (elapsed < seconds) {
                for (const auto& m : messages) {
                    auto message = parser::parse_message(m);
                    if (analyse && message) {
                        const auto a = parser::analyse_message(*message, options);
                        signatures += a.signature.has_value();
                    }
                    ++done;
                }
                elapsed = std::chrono::duration<double>(Clock::now() - start).count();
            }
            std::printf("%-10s %-14s %5zu msgs %7.1f KiB avg  %8.0f msg/s  %7.1f us/msg%s\n", name.c_str(),
                        analyse ? "parse+analyse" : "parse only", messages.size(), bytes / 1024.0 / messages.size(),
                        done / elapsed, elapsed * 1e6 / done, analyse && signatures == 0 ? "  (no signature found)" : "");
        }
    }
    return 0;
}
