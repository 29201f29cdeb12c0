#include "quarantine_command.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

#include <mailkeeper/milter/config.h>
#include <mailkeeper/milter/pipeline.h>

extern char** environ;

#include "json_lines.h"

namespace mailkeeper::cli {
namespace {

using nlohmann::json;

struct Output {
    int status = -1;
    std::string out, err;
};

// Runs a Postfix command (absolute path under /usr/sbin, else found in PATH) without a shell,
// collecting its output.
Output run(std::vector<std::string> argv) {
    Output r;
    const std::string sbin = "/usr/sbin/" + argv[0];
    if (access(sbin.c_str(), X_OK) == 0) argv[0] = sbin;
    int out_pipe[2], err_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0) return r;
    if (pipe2(err_pipe, O_CLOEXEC) != 0) {
        close(out_pipe[0]);
        close(out_pipe[1]);
        return r;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (rc != 0) {
        close(out_pipe[0]);
        close(err_pipe[0]);
        r.err = argv[0] + ": " + std::strerror(rc);
        return r;
    }
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&r.out, &r.err};
    int open_fds = 2;
    char buf[65536];
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            // the child may block on a full pipe: close our ends so that it ends before waitpid
            for (auto& f : fds)
                if (f.fd >= 0) close(f.fd);
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                sinks[i]->append(buf, static_cast<std::size_t>(n));
            } else {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
            }
        }
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    return r;
}

struct Held {
    std::string queue_id;
    std::int64_t arrival = 0;
    std::int64_t size = 0;
    std::string sender;
    std::vector<std::string> recipients;
};

std::string postfix_dir(const QuarantineOptions& o) {
    if (!o.postfix_config.empty()) return o.postfix_config;
    std::error_code ec;
    if (std::filesystem::exists(o.db.config, ec))
        if (auto config = milter::load_config(o.db.config)) return (*config)->dlp.postfix_config_dir;
    return "/etc/postfix";
}

// The hold queue, from `postqueue -j` (one JSON object per queued message, Postfix >= 3.1).
std::expected<std::vector<Held>, std::string> hold_queue(const std::string& dir) {
    const Output r = run({"postqueue", "-c", dir, "-j"});
    if (r.status != 0) return std::unexpected("postqueue -c " + dir + " -j failed: " + (r.err.empty() ? "status " + std::to_string(r.status) : r.err));
    std::vector<Held> out;
    std::size_t start = 0;
    while (start < r.out.size()) {
        std::size_t end = r.out.find('\n', start);
        if (end == std::string::npos) end = r.out.size();
        auto j = json::parse(r.out.substr(start, end - start), nullptr, false);
        start = end + 1;
        if (!j.is_object() || j.value("queue_name", "") != "hold") continue;
        Held h;
        h.queue_id = j.value("queue_id", "");
        h.arrival = j.value("arrival_time", std::int64_t{0});
        h.size = j.value("message_size", std::int64_t{0});
        h.sender = j.value("sender", "");
        if (auto rc = j.find("recipients"); rc != j.end() && rc->is_array())
            for (const auto& x : *rc) h.recipients.push_back(x.value("address", ""));
        out.push_back(std::move(h));
    }
    return out;
}

bool valid_queue_id(const std::string& id) {
    return !id.empty() && id.size() <= 64 &&
           std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c); });
}

std::string rules_of(storage::Store* store, const std::string& queue_id) {
    if (!store) return "-";
    auto found = store->incidents(queue_id, 5);
    if (!found || found->empty()) return "-";
    std::vector<std::string> rules;
    for (const auto& m : found->front().incident.matches)
        if (std::find(rules.begin(), rules.end(), m.rule) == rules.end()) rules.push_back(m.rule);
    std::string out;
    for (const auto& r : rules) out += (out.empty() ? "" : ",") + r;
    return out.empty() ? "-" : out;
}


}  // namespace

int run_quarantine_list(const QuarantineOptions& o, std::ostream& out, std::ostream& err) {
    auto held = hold_queue(postfix_dir(o));
    if (!held) return err << held.error() << '\n', 1;
    auto store = open_store(o.db, false);
    if (!store) err << "note: without the database the rules are not shown: " << store.error();
    storage::Store* s = store ? store->get() : nullptr;
    if (!o.json) out << "QUEUE_ID     HELD SINCE        SIZE     SENDER -> RECIPIENTS  [RULES]\n";
    for (const auto& h : *held) {
        const std::string rules = rules_of(s, h.queue_id);
        if (o.json) {
            json ids = json::array();
            for (std::size_t start = 0; rules != "-" && start <= rules.size();) {
                const std::size_t comma = std::min(rules.find(',', start), rules.size());
                ids.push_back(rules.substr(start, comma - start));
                start = comma + 1;
            }
            out << dump_json(json{{"queue_id", h.queue_id}, {"arrival_time", h.arrival}, {"size", h.size}, {"sender", h.sender},
                             {"recipients", h.recipients}, {"rules", ids}})
                << '\n';
            continue;
        }
        std::string rcpts;
        for (const auto& r : h.recipients) rcpts += (rcpts.empty() ? "" : ", ") + r;
        out << h.queue_id << "  " << milter::format_local_time(h.arrival) << "  " << h.size << "  "
            << (h.sender.empty() ? "<>" : h.sender) << " -> " << rcpts << "  [" << rules << "]\n";
    }
    if (!o.json) out << held->size() << " held\n";
    return 0;
}

int run_quarantine_show(const QuarantineOptions& o, std::ostream& out, std::ostream& err) {
    if (!valid_queue_id(o.queue_id)) return err << "not a queue id: " << o.queue_id << '\n', 1;
    const std::string dir = postfix_dir(o);
    auto store = open_store(o.db, false);
    if (store) {
        if (auto found = (*store)->incidents(o.queue_id, 10); found && !found->empty()) {
            for (const auto& si : *found) {
                const auto& i = si.incident;
                out << "Incident " << si.id << " at " << milter::format_local_time(i.at) << ": " << i.action << " ("
                    << i.direction << ")\n";
                for (const auto& m : i.matches)
                    out << "  " << m.rule << " [" << m.severity << "] " << m.action << (m.monitor ? " (monitor)" : "")
                        << (m.description.empty() ? "" : " - " + m.description) << "\n    " << m.where << " x" << m.count
                        << ": " << m.excerpt << '\n';
            }
        } else {
            out << "No DLP incident recorded for " << o.queue_id << '\n';
        }
        if (auto decisions = (*store)->quarantine_decisions(o.queue_id); decisions)
            for (const auto& d : *decisions)
                out << "Decision: " << d.decision << " by " << d.by << " at " << milter::format_local_time(d.at) << '\n';
    } else {
        err << "note: without the database the rules are not shown: " << store.error();
    }
    const Output r = run({"postcat", "-c", dir, "-h", "-b", "-q", o.queue_id});
    if (r.status != 0) return err << "postcat -q " << o.queue_id << ": " << r.err << '\n', 1;
    out << "\n" << r.out;
    return 0;
}

int run_quarantine_decide(const QuarantineOptions& o, const std::string& decision, std::ostream& out, std::ostream& err) {
    if (!valid_queue_id(o.queue_id)) return err << "not a queue id: " << o.queue_id << '\n', 1;
    const std::string dir = postfix_dir(o);
    auto held = hold_queue(dir);
    if (!held) return err << held.error() << '\n', 1;
    if (std::none_of(held->begin(), held->end(), [&](const Held& h) { return h.queue_id == o.queue_id; }))
        return err << o.queue_id << " is not in the hold queue of " << dir << '\n', 1;
    auto store = open_store(o.db, true);
    if (!store) return err << store.error(), 1;
    const std::string by = o.by.empty() ? login_name() : o.by;
    // postsuper says how many messages it changed ("Released from hold: 1 message", "Deleted: 1
    // message") and exits 0 even when another reviewer was faster: the count decides
    const Output r = decision == "release" ? run({"postsuper", "-c", dir, "-H", o.queue_id})
                                           : run({"postsuper", "-c", dir, "-d", o.queue_id, "hold"});
    const std::string said = r.out + r.err;
    const std::string done = decision == "release" ? "Released from hold: 1 message" : "Deleted: 1 message";
    if (r.status != 0 || said.find(done) == std::string::npos)
        return err << "postsuper did not " << decision << " " << o.queue_id << ": " << said << '\n', 1;
    // the decision is recorded once it happened
    if (auto rec = (*store)->record_quarantine_decision(
            {o.queue_id, decision, by, static_cast<storage::Timestamp>(std::time(nullptr))});
        !rec)
        err << o.queue_id << ": " << decision << " done, but not recorded: " << rec.error().message << '\n';
    if (decision == "release") {
        // -H moves the message to the deferred queue; deliver it now rather than at the next queue run
        const Output flush = run({"postqueue", "-c", dir, "-i", o.queue_id});
        if (flush.status != 0) err << "note: postqueue -i " << o.queue_id << ": " << flush.err << '\n';
    }
    out << o.queue_id << ": " << (decision == "release" ? "released for delivery" : "deleted") << " by " << by << '\n';
    return 0;
}

}  // namespace mailkeeper::cli
