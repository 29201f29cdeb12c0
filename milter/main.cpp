// mailkeeper-milter: the gateway daemon for Postfix and Sendmail.
#include <CLI/CLI.hpp>
#include <dlfcn.h>
#include <fcntl.h>
#include <grp.h>
#include <libmilter/mfapi.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/syslog_sink.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <cstring>
#include <fstream>
#include <iostream>
#include <thread>

#include "mailkeeper/milter/alerts.h"
#include "mailkeeper/milter/config.h"
#include "mailkeeper/milter/milter.h"
#include "mailkeeper/milter/rule_files.h"

// libmilter's signal thread stops the filter on SIGHUP as on SIGTERM (sendmail's
// libmilter/signal.c). A gateway reloads on SIGHUP, so the set it waits on loses SIGHUP here, and
// mailkeeper's own reload thread (which waits with sigtimedwait, not sigwait) takes it instead.
extern "C" int sigwait(const sigset_t* set, int* sig) {
    using Real = int (*)(const sigset_t*, int*);
    static Real real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "sigwait"));
    sigset_t without_hup = *set;
    sigdelset(&without_hup, SIGHUP);
    return real(&without_hup, sig);
}

namespace {

using namespace mailkeeper;
using milter::Config;

constexpr int kExitConfig = 78;  // EX_CONFIG
constexpr int kExitSoftware = 70;

enum class LogTo { config, syslog };

void set_up_logging(const Config& config, LogTo to) {
    std::shared_ptr<spdlog::logger> logger;
    if (config.log.target == "syslog" || to == LogTo::syslog)
        logger = std::make_shared<spdlog::logger>("mailkeeper", std::make_shared<spdlog::sinks::syslog_sink_mt>(
                                                                    "mailkeeper-milter", LOG_PID, LOG_MAIL, false));
    else
        logger = std::make_shared<spdlog::logger>("mailkeeper", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_pattern(config.log.target == "syslog" || to == LogTo::syslog ? "%v" : "%Y-%m-%d %H:%M:%S.%e [%l] %v");
    logger->set_level(spdlog::level::from_str(config.log.level));
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
}

bool drop_privileges(const std::string& user, std::string& error) {
    if (user.empty() || getuid() != 0) return true;
    const passwd* pw = getpwnam(user.c_str());
    if (!pw) return error = "milter.user: no such user '" + user + "'", false;
    if (initgroups(pw->pw_name, pw->pw_gid) != 0 || setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0)
        return error = "cannot become user '" + user + "': " + std::strerror(errno), false;
    if (setuid(0) == 0 || getuid() != pw->pw_uid || getgid() != pw->pw_gid)
        return error = "privileges still held after switching to '" + user + "'", false;
    return true;
}

// Permissions and group of a unix socket, so that the MTA (user postfix) can connect.
bool prepare_socket(const Config& config, std::string& error) {
    const std::string& s = config.milter.socket;
    std::string path;
    if (s.starts_with("unix:")) path = s.substr(5);
    else if (s.starts_with("local:")) path = s.substr(6);
    else return true;
    if (!config.milter.socket_group.empty()) {
        const group* gr = getgrnam(config.milter.socket_group.c_str());
        if (!gr) return error = "milter.socket_group: no such group '" + config.milter.socket_group + "'", false;
        if (chown(path.c_str(), static_cast<uid_t>(-1), gr->gr_gid) != 0)
            return error = path + ": " + std::strerror(errno), false;
    }
    if (chmod(path.c_str(), static_cast<mode_t>(std::stoi(config.milter.socket_mode, nullptr, 8))) != 0)
        return error = path + ": " + std::strerror(errno), false;
    return true;
}

// Forks into the background; the parent waits until the child says it is ready (or why not) so
// that a start-up error still reaches the admin's terminal and exit status.
int g_ready_fd = -1;
void daemonize() {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid > 0) {
        close(fds[1]);
        std::string said;
        char buf[512];
        ssize_t n;
        while ((n = read(fds[0], buf, sizeof buf)) > 0) said.append(buf, static_cast<std::size_t>(n));
        if (said == "ok") _exit(0);
        std::cerr << (said.empty() ? "mailkeeper-milter: the daemon exited during start-up\n" : said);
        _exit(said.empty() ? kExitSoftware : kExitConfig);
    }
    close(fds[0]);
    g_ready_fd = fds[1];
    setsid();
    if (chdir("/") != 0) {
    }
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) dup2(null, 0), close(null);
}

void report_ready(const std::string& error) {
    if (g_ready_fd < 0) return;
    const std::string msg = error.empty() ? "ok" : error;
    if (write(g_ready_fd, msg.data(), msg.size()) < 0) {
    }
    close(g_ready_fd);
    g_ready_fd = -1;
    // the terminal that started the daemon may go away; the daemon logs to syslog
    if (int null = open("/dev/null", O_WRONLY); null >= 0) dup2(null, 1), dup2(null, 2), close(null);
}

std::string g_pid_file;

int fail_start(int code, const std::string& message) {
    spdlog::critical("{}", message);
    if (!g_pid_file.empty()) unlink(g_pid_file.c_str());
    report_ready("mailkeeper-milter: " + message + "\n");
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"mailkeeper-milter: bounces, dead contacts and the outbound guard on a Postfix or Sendmail gateway"};
    std::string config_path = "/etc/mailkeeper/mailkeeper.yaml";
    bool foreground = false, check = false;
    app.add_option("-c,--config", config_path, "Configuration file")->capture_default_str();
    app.add_flag("-f,--foreground", foreground, "Stay in the foreground (systemd, tests); default: run as a daemon");
    app.add_flag("--check", check, "Check the configuration and the alert templates, then exit");
    app.set_version_flag("--version", std::string(MAILKEEPER_VERSION));
    app.footer(
        "Signals: SIGHUP reloads the configuration, templates and DLP rules (a file with errors keeps the\n"
        "old settings); the rules directory is also watched (dlp.watch_interval); SIGTERM stops accepting connections and waits for the sessions in progress.\n"
        "As root it needs milter.user: root only opens the socket. A daemon logs to syslog.\n"
        "Exit status: 0 on a clean stop, 78 on a configuration error, 70 on another start-up error.");
    CLI11_PARSE(app, argc, argv);

    std::error_code ec;
    config_path = std::filesystem::absolute(config_path, ec).string();  // a reload after chdir("/") finds it
    auto loaded = milter::load_config(config_path);
    if (!loaded) {
        std::cerr << loaded.error().text();
        return kExitConfig;
    }
    std::shared_ptr<const Config> config = *loaded;
    auto templates = milter::load_templates(config->alerts.templates_dir, config->alerts.language);
    if (!templates) {
        std::cerr << templates.error().text();
        return kExitConfig;
    }
    std::shared_ptr<const rules::RuleSet> rule_set;
    std::string rules_fingerprint;
    if (config->dlp.enabled) {
        rules_fingerprint = milter::rule_dir_fingerprint(config->dlp.rules_dir);
        auto loaded_rules = milter::load_rule_dir(config->dlp.rules_dir);
        if (!loaded_rules) {
            for (const auto& e : loaded_rules.error()) std::cerr << e.text() << '\n';
            return kExitConfig;
        }
        rule_set = *loaded_rules;
    }
    if (check) {
        std::cout << config_path << ": OK";
        if (rule_set) std::cout << "; " << config->dlp.rules_dir << ": " << rule_set->rules().size() << " DLP rules";
        std::cout << '\n';
        return 0;
    }
    if (getuid() == 0 && config->milter.user.empty()) {
        // Hostile MIME is parsed here; root is needed only to open the socket.
        std::cerr << config_path << ": milter.user is empty and this is root: set milter.user (e.g. mailkeeper) so "
                  << "that mailkeeper-milter drops root once its socket is open\n";
        return kExitConfig;
    }

    // A daemon has no terminal to write to: it logs to syslog (facility mail) whatever log.target says.
    set_up_logging(*config, foreground ? LogTo::config : LogTo::syslog);
    // Block the signals before any thread starts, so that only the dedicated threads see them:
    // SIGTERM/SIGINT go to libmilter's signal thread, SIGHUP to ours.
    // (nohup and some service managers start us with SIGHUP ignored: reload must still work)
    signal(SIGHUP, SIG_DFL);
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGHUP);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    try {
        if (!foreground) daemonize();
    } catch (const std::exception& e) {
        return fail_start(kExitSoftware, e.what());
    }
    if (!config->milter.pid_file.empty()) {
        std::ofstream pid(config->milter.pid_file, std::ios::trunc);
        pid << getpid() << '\n';
        if (!pid) return fail_start(kExitSoftware, "milter.pid_file: cannot write " + config->milter.pid_file);
        g_pid_file = config->milter.pid_file;
    }

    std::string socket = config->milter.socket;
    if (smfi_setconn(socket.data()) != MI_SUCCESS) return fail_start(kExitConfig, "milter.socket: cannot use " + socket);
    smfi_settimeout(config->milter.timeout_seconds);
    if (smfi_register(*milter::filter_description()) != MI_SUCCESS) return fail_start(kExitSoftware, "smfi_register failed");
    if (smfi_opensocket(true) != MI_SUCCESS) return fail_start(kExitSoftware, "cannot open the milter socket " + socket);
    std::string error;
    if (!prepare_socket(*config, error) || !drop_privileges(config->milter.user, error)) return fail_start(kExitConfig, error);
    // The rules were read as the starting user; reloads read them as milter.user.
    if (config->dlp.enabled)
        if (auto files = milter::read_rule_files(config->dlp.rules_dir); !files)
            return fail_start(kExitConfig, files.error().text() + " (as milter.user " + config->milter.user +
                                               ": reloads could never read the rules)");

    storage::SqliteOptions db;
    db.path = config->database.path;
    db.busy_timeout_ms = config->database.busy_timeout_ms;
    db.max_queue = config->database.max_queue;
    db.max_batch = config->database.max_batch;
    auto store = storage::open_sqlite_store(db);
    if (!store) return fail_start(kExitSoftware, "database: " + store.error().message);

    milter::Runtime runtime;
    runtime.config.store(config);
    runtime.templates.store(std::make_shared<const milter::AlertTemplates>(std::move(*templates)));
    runtime.rules.store(rule_set);
    runtime.store = store->get();
    milter::Notifier notifier(
        **store, [&] { return runtime.config.load(); }, [&] { return runtime.templates.load(); }, milter::submit_to_mta);
    runtime.notifier = &notifier;
    milter::install_runtime(&runtime);
    notifier.start();

    // The rules: compiled aside and swapped in whole; a file with errors keeps the running set.
    std::string pending_fingerprint;
    const auto reload_rules = [&](const Config& c, bool always) {
        if (!c.dlp.enabled) {
            if (runtime.rules.load()) spdlog::info("reload: DLP disabled");
            runtime.rules.store(nullptr);
            rules_fingerprint.clear();
            return;
        }
        const std::string fingerprint = milter::rule_dir_fingerprint(c.dlp.rules_dir);
        if (!always) {
            if (fingerprint == rules_fingerprint) return;
            // an editor may be half-way through writing a file: load once nothing moved for one interval
            if (fingerprint != pending_fingerprint) {
                pending_fingerprint = fingerprint;
                return;
            }
        }
        rules_fingerprint = fingerprint;
        const auto t0 = std::chrono::steady_clock::now();
        auto next = milter::load_rule_dir(c.dlp.rules_dir);
        if (!next) {
            std::string text;
            for (const auto& e : next.error()) text += e.text() + "\n";
            spdlog::error("reload: DLP rules in {} have errors, the running rules stay:\n{}", c.dlp.rules_dir, text);
            return;
        }
        runtime.rules.store(*next);
        spdlog::info("reload: {} DLP rules from {} compiled in {} ms; new connections use them", (*next)->rules().size(),
                     c.dlp.rules_dir,
                     std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count());
    };

    // SIGHUP: the configuration, the templates and the rules, each checked before anything changes.
    const auto reload_all = [&] {
        auto next = milter::load_config(config_path);
        if (!next) {
            spdlog::error("reload: {} has errors, the running settings stay:\n{}", config_path, next.error().text());
            return;
        }
        auto next_templates = milter::load_templates((*next)->alerts.templates_dir, (*next)->alerts.language);
        if (!next_templates) {
            spdlog::error("reload: alert templates have errors, the running settings stay:\n{}",
                          next_templates.error().text());
            return;
        }
        const auto old = runtime.config.load();
        const auto& n = **next;
        if (n.milter.socket != old->milter.socket || n.milter.user != old->milter.user ||
            n.milter.socket_mode != old->milter.socket_mode || n.milter.socket_group != old->milter.socket_group ||
            n.milter.pid_file != old->milter.pid_file || n.milter.timeout_seconds != old->milter.timeout_seconds ||
            n.database.path != old->database.path || n.database.busy_timeout_ms != old->database.busy_timeout_ms ||
            n.database.max_queue != old->database.max_queue || n.database.max_batch != old->database.max_batch)
            spdlog::warn("reload: changes to milter.socket/socket_mode/socket_group/user/pid_file/timeout and "
                         "database.* take effect at the next restart");
        spdlog::set_level(spdlog::level::from_str((*next)->log.level));
        reload_rules(**next, true);
        runtime.templates.store(std::make_shared<const milter::AlertTemplates>(std::move(*next_templates)));
        runtime.config.store(*next);
        spdlog::info("reload: {} loaded; new connections use it", config_path);
        notifier.wake();
    };

    std::atomic<bool> stopping = false;
    std::thread reloader([&] {
        sigset_t hup;
        sigemptyset(&hup);
        sigaddset(&hup, SIGHUP);
        for (;;) {
            // SIGHUP reloads everything; between signals the rules directory is watched
            const auto current = runtime.config.load();
            const timespec wait{current->dlp.watch_interval_seconds, 0};
            const int sig = sigtimedwait(&hup, nullptr, &wait);
            if (stopping) return;
            try {
                if (sig < 0) {
                    if (errno == EAGAIN) reload_rules(*current, false);
                    continue;
                }
                if (sig != SIGHUP) continue;
                reload_all();
            } catch (const std::exception& e) {
                // a reload that fails for want of memory or a file keeps what runs
                spdlog::error("reload failed: {}; the running settings and rules stay", e.what());
            }
        }
    });

    spdlog::info("mailkeeper-milter {} listening on {} (database {}, guard {}, alerts {}, DLP {})", MAILKEEPER_VERSION,
                 socket, config->database.path, milter::to_string(config->guard.mode), config->alerts.enabled ? "on" : "off",
                 rule_set ? std::to_string(rule_set->rules().size()) + " rules" + (config->dlp.monitor ? " in monitor mode" : "")
                          : std::string("off"));
    report_ready("");
    const int rc = smfi_main();

    // The listener is closed; sessions in progress finish (bounded by the MTA timeout) before the
    // store and the outbox go away.
    const auto grace = std::chrono::seconds(std::min(config->milter.timeout_seconds, 60));
    const bool quiet = milter::wait_for_sessions(grace);
    stopping = true;
    pthread_kill(reloader.native_handle(), SIGHUP);
    reloader.join();
    notifier.stop();
    (*store)->flush();
    if (!g_pid_file.empty()) unlink(g_pid_file.c_str());
    if (!quiet) {
        // Sessions that outlived the grace period still reach the runtime and the store: leave
        // without destroying them (their MTA applies milter_default_action to what is left).
        spdlog::warn("mailkeeper-milter stopped with {} session(s) still open after {} s", milter::open_sessions(),
                     grace.count());
        spdlog::default_logger()->flush();
        _exit(0);
    }
    spdlog::info("mailkeeper-milter stopped");
    return rc == MI_SUCCESS ? 0 : kExitSoftware;
}
