#!/usr/bin/env python3
"""Postfix throughput without and with mailkeeper-milter, in one run (see postfix-milter-throughput.sh).

Usage: postfix_throughput.py MAILKEEPER_MILTER REPO_ETC_DIR
Env: MESSAGES (3000), SIZE (20000 bytes), SESSIONS (20), ROUNDS (3), LATENCY_MESSAGES (200),
     WARMUP (300 messages per mode), MILTER_LOG_LEVEL (info), MILTER_COUNTERS (0; 1: count the
     milter's context switches, new threads and syscalls per message with perf stat).
Exit 0 with the figures, 1 on a failure, 77 without root or Postfix.

smtp-source -> private Postfix (tests/e2e/postfix_lab.py) -> smtp-sink. The messages are outbound
for mailkeeper (client 127.0.0.1 in direction.internal_networks, sender in internal_domains), so the
milter records each one in its SQLite database. One lab and one milter process for the whole run;
the milter is switched in and out of Postfix (smtpd_milters) with a reload, and the modes alternate:
warm-up alone, warm-up with, then ROUNDS x (alone, with). Medians are printed.
"""

from __future__ import annotations

import os
import pwd
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Optional

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "e2e"))
from postfix_lab import DeadBuyerMX, LabError, PostfixLab, SMTP_SINK, free_port, lab_prerequisites, _wait_port  # noqa: E402
from mailkeeper_lab import Milter, write_config  # noqa: E402

SMTP_SOURCE = "/usr/sbin/smtp-source"
SENDER = "rep@our-trade.test"
RECIPIENT = "buyer@live-buyer.test"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def env_int(name: str, default: int) -> int:
    v = os.environ.get(name, "")
    try:
        return int(v) if v.strip() else default
    except ValueError:
        sys.exit("bench: %s=%r is not a number" % (name, v))


class CountingLab(PostfixLab):
    """The lab with a sink that counts instead of dumping.

    The lab's own smtp-sink writes every message to a file (and sink_messages() parses them all),
    which costs disk writes and a directory listing per poll. Here smtp-sink runs with -c (a running
    "sess=N quit=N mesg=N" counter on stdout, updated at each ".") and no -d; sink_count() reads the
    last counter from its output file. -R puts the lab directory on its command line, so the lab's
    watchdog still finds and kills it if this process dies.
    """

    def _start_downstream(self):
        self.sink_port = free_port()
        root = os.path.join(self.dir, "sink-root")
        os.makedirs(root, exist_ok=True)
        self.sink_counter_path = os.path.join(self.dir, "log", "smtp-sink.counter")
        cmd = [SMTP_SINK, "-u", "postfix", "-R", root, "-4", "-c", "-h", "sink.internet.test",
               "127.0.0.1:%d" % self.sink_port, "1000"]
        self._sink_log = open(self.sink_counter_path, "wb")
        self._sink_proc = subprocess.Popen(cmd, stdout=self._sink_log, stderr=subprocess.STDOUT,
                                           stdin=subprocess.DEVNULL)
        _wait_port(self.sink_port, 5, self._sink_proc, "smtp-sink")
        # _write_config() routes dead_domains to this one; nothing is sent there in the bench.
        self.dead_mx = DeadBuyerMX(hostname="mx." + (self.dead_domains or ["dead-buyer.test"])[0])
        self.dead_mx.start()

    def sink_count(self) -> int:
        """Messages the sink has received so far ("." seen)."""
        with open(self.sink_counter_path, "rb") as f:
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - 256))
            tail = f.read()
        found = re.findall(rb"mesg=(\d+)\r", tail)
        return int(found[-1]) if found else 0


class BenchMilter(Milter):
    """mailkeeper-milter as the tests run it, with its CPU time read from /proc."""

    def __init__(self, binary: str, config: str, log: str, socket_path: str):
        super().__init__(binary, config, log)
        self.socket = socket_path

    def cpu_ticks(self) -> int:
        """utime + stime of the whole process (all threads), in clock ticks."""
        return process_ticks(self.proc.pid)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, n: int) -> str:
        return "\n".join(self.log_text().splitlines()[-n:])


def proc_stat(pid: int) -> list:
    """Fields of /proc/PID/stat after the command name (index 0 is field 3, the state)."""
    with open("/proc/%d/stat" % pid) as f:
        return f.read().rsplit(")", 1)[1].split()


def process_ticks(pid: int, children: bool = False) -> int:
    """utime + stime (all threads) of pid, plus cutime + cstime (its reaped children) if asked."""
    try:
        f = proc_stat(pid)
    except OSError:
        return 0
    t = int(f[11]) + int(f[12])
    return t + int(f[13]) + int(f[14]) if children else t


def postfix_ticks(master_pid: int) -> int:
    """CPU ticks used so far by this Postfix instance: master with the daemons it has reaped
    (cutime/cstime), plus the daemons still alive (their own and their reaped children's). Taken
    before and after a run, the difference is what Postfix spent on it, exited smtpd included,
    whatever else the machine is doing."""
    total = process_ticks(master_pid, children=True)
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            f = proc_stat(int(name))
        except OSError:
            continue
        if int(f[1]) == master_pid:
            total += int(f[11]) + int(f[12]) + int(f[13]) + int(f[14])
    return total


# What MILTER_COUNTERS=1 counts in the milter process during the timed runs with it (perf stat -p).
COUNTERS = [("context-switches", "context switches"), ("syscalls:sys_enter_clone3", "new threads"),
            ("syscalls:sys_enter_poll", "poll"), ("syscalls:sys_enter_read", "read"),
            ("syscalls:sys_enter_writev", "writev"), ("syscalls:sys_enter_futex", "futex")]


class PerfStat:
    """perf stat -p PID over a run; stop() returns {event: count}."""

    def __init__(self, pid: int):
        self.proc = subprocess.Popen(["perf", "stat", "-x", ",", "-e", ",".join(e for e, _ in COUNTERS),
                                      "-p", str(pid)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        time.sleep(0.2)     # attached before the run starts

    def stop(self) -> dict:
        self.proc.send_signal(signal.SIGINT)
        _, err = self.proc.communicate(timeout=30)
        out = {}
        for line in err.splitlines():
            f = line.split(",")
            if len(f) > 2 and re.fullmatch(r"[0-9.]+", f[0]):
                out[f[2]] = float(f[0])
        return out


def perf_stat_works() -> Optional[str]:
    """None if perf can count the milter's events here, else why not."""
    try:
        r = subprocess.run(["perf", "stat", "-x", ",", "-e", ",".join(e for e, _ in COUNTERS), "true"],
                           capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as e:
        return str(e)
    bad = [l for l in r.stderr.splitlines() if "<not supported>" in l or "<not counted>" in l]
    return None if r.returncode == 0 and not bad else (r.stderr.strip().splitlines() or ["perf stat failed"])[-1]


class Bench:
    def __init__(self, lab: CountingLab, milter: Milter, size: int, counters: bool = False):
        self.lab, self.milter, self.size, self.counters = lab, milter, size, counters
        self.milter_on = None
        self.sent_with_milter = 0

    def mode(self, with_milter: bool) -> None:
        if self.milter_on is with_milter:
            return
        if with_milter and not self.milter.alive():
            raise LabError("mailkeeper-milter is not running:\n" + self.milter.log_tail(30))
        self.lab.set_milter("unix:" + self.milter.socket if with_milter else None)
        self.milter_on = with_milter

    def smtp_source(self, n: int, sessions: int) -> float:
        """Runs smtp-source; returns the CPU seconds it used."""
        cmd = [SMTP_SOURCE, "-c", "-s", str(sessions), "-m", str(n), "-l", str(self.size), "-S", "Price list 2027",
               "-f", SENDER, "-t", RECIPIENT, "127.0.0.1:%d" % self.lab.smtp_port]
        with tempfile.TemporaryFile() as err:
            p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(p.pid, 0)
            p.returncode = os.waitstatus_to_exitcode(status)
            err.seek(0)
            text = err.read().decode(errors="replace").strip()
        if p.returncode != 0:
            raise LabError("smtp-source failed (rc=%d): %s\n---- maillog ----\n%s\n---- milter ----\n%s"
                           % (p.returncode, text, self.lab.maillog_tail(20), self.milter.log_tail(10)))
        return usage.ru_utime + usage.ru_stime

    def path_ticks(self) -> int:
        """CPU ticks of Postfix and the sink so far (smtp-source is counted from its own rusage)."""
        return postfix_ticks(self.lab._master_pid) + process_ticks(self.lab._sink_proc.pid)

    def drain(self, target: int, timeout: float) -> None:
        """Until the sink has `target` messages in all and the queue is empty."""
        deadline = time.monotonic() + timeout
        while self.lab.sink_count() < target:
            if time.monotonic() > deadline:
                raise LabError("the sink has %d of %d messages after %ss\n%s"
                               % (self.lab.sink_count(), target, timeout, self.lab.maillog_tail(20)))
            time.sleep(0.01)
        while any(m.get("queue_name") != "hold" for m in self.lab.queue()):
            if time.monotonic() > deadline:
                raise LabError("queue not empty after %ss" % timeout)
            time.sleep(0.02)
        if self.lab.held_messages():
            raise LabError("messages in the hold queue: %s" % self.lab.held_messages()[:3])

    def settle(self) -> None:
        """Let the previous run's processes go quiet (qmgr, exiting smtpd) before a timed run."""
        self.drain(self.lab.sink_count(), 60)
        time.sleep(0.5)

    def throughput(self, with_milter: bool, n: int, sessions: int) -> dict:
        self.mode(with_milter)
        self.settle()
        base = self.lab.sink_count()
        perf = PerfStat(self.milter.proc.pid) if self.counters and with_milter else None
        path0, mk0 = self.path_ticks(), self.milter.cpu_ticks()
        t0 = time.monotonic()
        source_cpu = self.smtp_source(n, sessions)
        self.drain(base + n, 60 + n / 20)
        wall = time.monotonic() - t0
        path1, mk1 = self.path_ticks(), self.milter.cpu_ticks()
        counts = perf.stop() if perf else {}
        if with_milter:
            self.sent_with_milter += n
        milter_ms = (mk1 - mk0) * 1000.0 / CLK_TCK / n
        path_ms = (path1 - path0) * 1000.0 / CLK_TCK / n + source_cpu * 1000.0 / n
        return {"n": n, "wall": wall, "rate": n / wall, "path_ms": path_ms,
                "cpu_ms": path_ms + (milter_ms if with_milter else 0.0), "milter_ms": milter_ms,
                "counts": {k: v / n for k, v in counts.items()}}

    def latency(self, with_milter: bool, n: int) -> dict:
        """One session at a time (a connection per message, as a rep's mail client does)."""
        self.mode(with_milter)
        self.settle()
        base = self.lab.sink_count()
        t0 = time.monotonic()
        self.smtp_source(n, 1)
        wall = time.monotonic() - t0
        self.drain(base + n, 60 + n / 5)
        if with_milter:
            self.sent_with_milter += n
        return {"n": n, "ms": wall * 1000.0 / n}


def machine_busy(seconds: float = 1.0) -> float:
    """Share of all cores busy over `seconds` (from /proc/stat): other work skews the figures."""
    def sample():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
        return sum(v), v[3] + v[4]       # total, idle + iowait
    t0, i0 = sample()
    time.sleep(seconds)
    t1, i1 = sample()
    return 1.0 - (i1 - i0) / max(1, t1 - t0)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def recorded(db: str, expected: int, timeout: float = 10) -> int:
    """Rows in the milter's outbound table, waiting a little for its writer thread to catch up."""
    deadline = time.monotonic() + timeout
    count = -1
    while True:
        try:
            con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=5)
            try:
                count = con.execute("SELECT COUNT(*) FROM outbound WHERE sender = ?", (SENDER,)).fetchone()[0]
            finally:
                con.close()
        except sqlite3.Error:
            pass
        if count >= expected or time.monotonic() > deadline:
            return count
        time.sleep(0.2)


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    why = lab_prerequisites()
    if why:
        print("SKIP:", why)
        return 77
    if not os.access(SMTP_SOURCE, os.X_OK):
        print("SKIP: %s is not installed (apt-get install postfix)" % SMTP_SOURCE)
        return 77
    milter_bin, etc_dir = (os.path.abspath(a) for a in sys.argv[1:])
    messages = env_int("MESSAGES", 3000)
    size = env_int("SIZE", 20000)
    sessions = env_int("SESSIONS", 20)
    rounds = env_int("ROUNDS", 3)
    lat_n = env_int("LATENCY_MESSAGES", 200)
    warmup = env_int("WARMUP", 300)
    counters = os.environ.get("MILTER_COUNTERS", "0") == "1"
    if counters and perf_stat_works():
        print("MILTER_COUNTERS=1: perf stat cannot count here (%s); counters left out" % perf_stat_works())
        counters = False
    log_level = os.environ.get("MILTER_LOG_LEVEL", "info")
    if min(messages, size, sessions, rounds, lat_n) < 1 or warmup < 0:
        sys.exit("bench: MESSAGES, SIZE, SESSIONS, ROUNDS, LATENCY_MESSAGES must be >= 1, WARMUP >= 0")

    started = time.monotonic()
    # tempfail: if the milter dies or misbehaves, smtp-source fails and the run stops, rather than
    # timing mail that went past a dead milter.
    with CountingLab(milter=None, milter_default_action="tempfail") as lab:
        print("machine: %s, %d cores, %s %s, Postfix %s" % (cpu_model(), os.cpu_count(), os.uname().sysname,
                                                            os.uname().release, lab.postconf_get("mail_version")))
        print("load: smtp-source %d sessions, %d messages of %d bytes per run; single session: %d messages; "
              "%d rounds alternating, warm-up %d per mode" % (sessions, messages, size, lat_n, rounds, warmup),
              flush=True)
        print("machine busy before the run: %.0f%% of all cores (other work makes the figures noisy)"
              % (100 * machine_busy()), flush=True)
        # The milter's files live in the lab directory, so the lab's watchdog also stops the milter
        # (its command line names its config there) and removes them if this process is killed;
        # KEEP_LAB=1 keeps them. The milter drops root for milter.user (nobody) once its socket is
        # open: the directory is nobody's (database, removing the socket at stop) and open to
        # Postfix's smtpd (user postfix).
        work = os.path.join(lab.dir, "mailkeeper")
        os.mkdir(work, 0o755)
        nobody = pwd.getpwnam("nobody")
        os.chown(work, nobody.pw_uid, nobody.pw_gid)
        sock = os.path.join(work, "milter.sock")
        db = os.path.join(work, "mailkeeper.db")
        config = os.path.join(work, "mailkeeper.yaml")
        milter = BenchMilter(milter_bin, config, os.path.join(work, "milter.log"), sock)
        write_config(config, sock=sock, db=db, smtp_port=lab.smtp_port, templates_dir=os.path.join(etc_dir, "templates"),
                     guard="header", log_level=log_level)
        milter.start(sock)
        bench = Bench(lab, milter, size, counters)
        try:
            if warmup:
                for with_milter in (False, True):
                    bench.throughput(with_milter, warmup, sessions)
                    bench.latency(with_milter, min(lat_n, 50))
            alone, withm, lat_alone, lat_with = [], [], [], []
            for r in range(1, rounds + 1):
                for with_milter in (False, True):
                    t = bench.throughput(with_milter, messages, sessions)
                    l = bench.latency(with_milter, lat_n)
                    (withm if with_milter else alone).append(t)
                    (lat_with if with_milter else lat_alone).append(l)
                    print("round %d %-12s %6.1f msg/s (%d in %.2f s), cpu %.2f ms/msg%s; single session %.2f ms/msg"
                          % (r, "with milter:" if with_milter else "alone:", t["rate"], t["n"], t["wall"],
                             t["cpu_ms"], ", milter cpu %.2f ms/msg" % t["milter_ms"] if with_milter else "",
                             l["ms"]), flush=True)
        except BaseException:
            print("---- milter log (tail) ----\n" + milter.log_tail(30))
            raise
        finally:
            milter.stop(signal.SIGTERM)
        rec = recorded(db, bench.sent_with_milter)

    med = lambda runs, k: statistics.median(x[k] for x in runs)
    x, y = med(alone, "rate"), med(withm, "rate")
    a, b = med(lat_alone, "ms"), med(lat_with, "ms")
    print("postfix alone: %.0f msg/s; with mailkeeper-milter: %.0f msg/s; ratio Y/X = %.2f (target >= 0.90)"
          % (x, y, y / x))
    print("single session: alone %.2f ms/msg, with milter %.2f ms/msg, added %.2f ms/msg" % (a, b, b - a))
    print("cpu per message: alone %.2f ms; with milter %.2f ms = Postfix, sink and source %.2f ms + "
          "mailkeeper-milter %.2f ms" % (med(alone, "cpu_ms"), med(withm, "cpu_ms"), med(withm, "path_ms"),
                                         med(withm, "milter_ms")))
    if counters:
        print("mailkeeper-milter per message: " + ", ".join(
            "%.1f %s" % (statistics.median(r["counts"].get(e, 0.0) for r in withm), label) for e, label in COUNTERS))
    print("recorded by the milter: %d of %d messages sent through it" % (rec, bench.sent_with_milter))
    print("bench time: %.0f s" % (time.monotonic() - started))
    if rec != bench.sent_with_milter:
        print("FAIL: the milter did not record every message")
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except LabError as e:
        print("FAIL:", e)
        sys.exit(1)
