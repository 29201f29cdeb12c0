// Submission of alerts to the local MTA through its sendmail program.
#include <doctest/doctest.h>
#include <mailkeeper/milter/alerts.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace mailkeeper::milter;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct FakeSendmail {
    fs::path dir;
    std::shared_ptr<const Config> config;
    FakeSendmail() {
        char tmpl[] = "/tmp/mk-sendmail-XXXXXX";
        dir = mkdtemp(tmpl);
        setenv("FAKE_SENDMAIL_DIR", dir.c_str(), 1);
        unsetenv("FAKE_SENDMAIL_STATUS");
        config = parse_config("direction:\n  internal_domains: [our-trade.test]\nalerts:\n  sendmail_command: [" +
                                  std::string(MAILKEEPER_TEST_DATA) + "/gateway/fake-sendmail.sh, -t, -i]\n",
                              "t.yaml")
                     .value();
    }
    ~FakeSendmail() { fs::remove_all(dir); }
};

}  // namespace

TEST_CASE("an alert goes to sendmail on standard input, with the alerts' envelope sender") {
    FakeSendmail f;
    const std::string message = "From: mailkeeper@our-trade.test\r\nTo: alice@our-trade.test\r\n\r\n" + std::string(200000, 'x');
    auto r = submit_to_mta(*f.config, "alice@our-trade.test", message);
    REQUIRE_MESSAGE(r, (r ? "" : r.error()));
    CHECK(slurp(f.dir / "args") == "-t\n-i\n-f\nmailkeeper@our-trade.test\n");
    CHECK(slurp(f.dir / "message") == message);
}

TEST_CASE("sendmail's failure is reported with its exit status and its words") {
    FakeSendmail f;
    setenv("FAKE_SENDMAIL_STATUS", "75", 1);
    auto r = submit_to_mta(*f.config, "alice@our-trade.test", "Subject: x\r\n\r\ny\r\n");
    REQUIRE_FALSE(r);
    CHECK(r.error().find("exited with status 75") != std::string::npos);
    CHECK(r.error().find("queue file write error") != std::string::npos);
}

TEST_CASE("a sendmail program that does not exist is an error, not a crash") {
    auto config = parse_config("direction:\n  internal_domains: [our-trade.test]\nalerts:\n  sendmail_command: [/nonexistent/sendmail]\n",
                               "t.yaml")
                      .value();
    auto r = submit_to_mta(*config, "alice@our-trade.test", "Subject: x\r\n\r\ny\r\n");
    REQUIRE_FALSE(r);
    CHECK(r.error().find("/nonexistent/sendmail") != std::string::npos);
}
