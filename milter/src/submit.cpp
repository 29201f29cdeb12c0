// Submission of mailkeeper's own mail to the local MTA.
#include <curl/curl.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <mutex>

#include "mailkeeper/milter/alerts.h"

extern char** environ;

namespace mailkeeper::milter {
namespace {

// The MTA's submission program answers in well under a second; a hung one is killed.
constexpr int kSubmitTimeoutMs = 60'000;

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) close(fd);
    }
    void reset() {
        if (fd >= 0) close(fd);
        fd = -1;
    }
};

std::expected<void, std::string> run_sendmail(const Config& config, const std::string& message) {
    std::vector<std::string> args = config.alerts.sendmail_command;
    // the envelope sender of alerts: their bounces come back to mailkeeper, which never answers them
    args.push_back("-f");
    args.push_back(config.alerts.from);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0) return std::unexpected(std::string("pipe: ") + std::strerror(errno));
    Fd in_read{in[0]}, in_write{in[1]};
    if (pipe2(out, O_CLOEXEC) != 0) return std::unexpected(std::string("pipe: ") + std::strerror(errno));
    Fd out_read{out[0]}, out_write{out[1]};

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_read.fd, 0);
    posix_spawn_file_actions_adddup2(&actions, out_write.fd, 1);
    posix_spawn_file_actions_adddup2(&actions, out_write.fd, 2);
    // The daemon blocks SIGHUP/SIGTERM/SIGINT and ignores SIGPIPE; the MTA's program gets a clean
    // signal state.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int sig : {SIGHUP, SIGTERM, SIGINT, SIGPIPE}) sigaddset(&defaults, sig);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return std::unexpected(args[0] + ": " + std::strerror(rc));
    in_read.reset();
    out_write.reset();

    // Write the message and read what the program says, without blocking on either.
    std::string said;
    std::size_t written = 0;
    fcntl(in_write.fd, F_SETFL, O_NONBLOCK);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kSubmitTimeoutMs);
    bool timed_out = false;
    // a program that exits before reading everything must give EPIPE, not kill the daemon
    signal(SIGPIPE, SIG_IGN);
    while (out_read.fd >= 0) {
        pollfd fds[2] = {{out_read.fd, POLLIN, 0}, {in_write.fd, POLLOUT, 0}};
        const int n = in_write.fd >= 0 ? 2 : 1;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        if (poll(fds, n, static_cast<int>(left)) < 0) {
            if (errno == EINTR) continue;
            timed_out = true;  // cannot watch the child any more: stop it rather than wait blind
            break;
        }
        if (n == 2 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = write(in_write.fd, message.data() + written, message.size() - written);
            if (w > 0) written += static_cast<std::size_t>(w);
            if (w < 0 && errno != EAGAIN) in_write.reset();
            if (written == message.size()) in_write.reset();
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            char buf[512];
            ssize_t r = read(out_read.fd, buf, sizeof buf);
            if (r <= 0) out_read.reset();
            else if (said.size() < 2000) said.append(buf, static_cast<std::size_t>(r));
        }
    }
    if (timed_out) kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    while (!said.empty() && (said.back() == '\n' || said.back() == '\r')) said.pop_back();
    if (timed_out) return std::unexpected(args[0] + " did not finish within " + std::to_string(kSubmitTimeoutMs / 1000) + " s");
    if (written != message.size()) return std::unexpected(args[0] + " did not read the whole message" + (said.empty() ? "" : ": " + said));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return std::unexpected(args[0] + " exited with status " +
                               std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)) +
                               (said.empty() ? "" : ": " + said));
    return {};
}

struct Upload {
    const std::string* data;
    std::size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t items, void* user) {
    auto* u = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * items, u->data->size() - u->offset);
    std::memcpy(buffer, u->data->data() + u->offset, n);
    u->offset += n;
    return n;
}

std::expected<void, std::string> send_smtp(const Config& config, const std::string& rep, const std::string& message) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) return std::unexpected(std::string("libcurl: cannot start a transfer"));
    const std::string from = "<" + config.alerts.from + ">";
    const std::string to = "<" + rep + ">";
    curl_slist* rcpts = curl_slist_append(nullptr, to.c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_guard(rcpts, &curl_slist_free_all);
    Upload upload{&message};
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl.get(), CURLOPT_URL, config.alerts.smtp_url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, rcpts);
    curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(kSubmitTimeoutMs));
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform(curl.get());
    if (rc != CURLE_OK)
        return std::unexpected(config.alerts.smtp_url + ": " + (error[0] ? std::string(error) : curl_easy_strerror(rc)));
    return {};
}

}  // namespace

std::expected<void, std::string> submit_to_mta(const Config& config, const std::string& rep, const std::string& message) {
    if (config.alerts.submit == AlertSubmit::smtp) return send_smtp(config, rep, message);
    return run_sendmail(config, message);
}

}  // namespace mailkeeper::milter
