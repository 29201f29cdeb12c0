// Golden files: every message in tests/data/bounces against the line for it in expected.jsonl.
#include <doctest/doctest.h>
#include <mailkeeper/parser/bounce.h>
#include <mailkeeper/parser/message.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

using namespace mailkeeper::parser;
namespace fs = std::filesystem;

namespace {

const fs::path kDir = fs::path(MAILKEEPER_TEST_DATA) / "bounces";

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string or_null(const nlohmann::json& j) { return j.is_null() ? std::string("null") : j.get<std::string>(); }
std::string or_null(const std::string& s) { return s.empty() ? std::string("null") : s; }

struct Expected {
    std::string file;
    nlohmann::json bounces;
};

std::vector<Expected> expectations() {
    std::vector<Expected> out;
    std::ifstream in(kDir / "expected.jsonl");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto j = nlohmann::json::parse(line);
        out.push_back({j.at("file").get<std::string>(), j.at("bounces")});
    }
    return out;
}

}  // namespace

TEST_CASE("every fixture has a line in expected.jsonl and every line a fixture") {
    const auto expected = expectations();
    REQUIRE(expected.size() >= 30);
    std::size_t emls = 0;
    for (const auto& entry : fs::directory_iterator(kDir))
        if (entry.path().extension() == ".eml") {
            ++emls;
            const std::string name = entry.path().filename().string();
            INFO(name);
            CHECK(std::any_of(expected.begin(), expected.end(), [&](const Expected& e) { return e.file == name; }));
        }
    CHECK(emls == expected.size());
}

TEST_CASE("each fixture gives exactly its expected recipients, reasons, statuses and codes") {
    for (const Expected& e : expectations()) {
        INFO("fixture: " << e.file);
        auto message = parse_message(read_file(kDir / e.file));
        REQUIRE(message);
        const BounceReport report = analyse_bounce(*message);
        std::map<std::string, const Recipient*> got;
        for (const auto& r : report.recipients)
            if (!r.address.empty()) got[lower(r.address)] = &r;
        CHECK(got.size() == e.bounces.size());
        for (const auto& want : e.bounces) {
            const std::string address = lower(want.at("recipient").get<std::string>());
            INFO("recipient: " << address);
            const auto it = got.find(address);
            CHECK(it != got.end());
            if (it == got.end()) continue;
            const Recipient& r = *it->second;
            CHECK(std::string(to_string(r.classification.reason)) == want.at("reason").get<std::string>());
            CHECK(or_null(r.classification.status) == or_null(want.at("status")));
            CHECK(or_null(r.evidence.reply_code) == or_null(want.at("reply_code")));
            CHECK(r.classification.hard == want.at("hard").get<bool>());
            CHECK(or_null(r.evidence.action) == or_null(want.at("action")));
        }
    }
}

TEST_CASE("line-ending twins of a fixture give identical reports") {
    const auto analyse = [](const char* name) {
        auto m = parse_message(read_file(kDir / name));
        REQUIRE(m);
        return analyse_bounce(*m);
    };
    const auto lf = analyse("cn-qq-userunknown.eml");
    for (const char* twin : {"cn-qq-userunknown-crlf.eml", "cn-qq-userunknown-cr.eml"}) {
        INFO(twin);
        const auto other = analyse(twin);
        REQUIRE(other.recipients.size() == lf.recipients.size());
        for (std::size_t i = 0; i < lf.recipients.size(); ++i) {
            CHECK(other.recipients[i].address == lf.recipients[i].address);
            CHECK(other.recipients[i].evidence.diagnostic == lf.recipients[i].evidence.diagnostic);
            CHECK(other.recipients[i].classification.reason == lf.recipients[i].classification.reason);
        }
        CHECK(other.original.subject == lf.original.subject);
        CHECK(other.original.message_id == lf.original.message_id);
    }
}
