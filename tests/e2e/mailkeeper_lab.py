"""mailkeeper-milter beside a PostfixLab: its config, its process, and small helpers shared by the
end-to-end test (gateway_e2e.py) and the demo (scripts/demo.sh)."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
from email.header import decode_header, make_header


def step(text: str) -> None:
    """A scenario step, printed as the test goes."""
    print("--", text, flush=True)


def check(cond: bool, what: str, detail: str = "") -> None:
    """An expectation of the scenario: printed when it holds, the test's failure when not."""
    if not cond:
        raise AssertionError(what + ("\n" + detail if detail else ""))
    print("   ok:", what, flush=True)


def wait_until(pred, timeout: float, what: str):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = pred()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def message(sender: str, to: str, subject: str, msgid: str, body: str = "Hello,\r\n\r\nPlease see our offer.\r\n") -> str:
    return (f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{msgid}>\r\n"
            f"Date: Mon, 23 Nov 2026 09:12:39 +0800\r\nMIME-Version: 1.0\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}")


def unfolded(msg) -> str:
    return re.sub(r"\r?\n[ \t]+", " ", msg.as_string())


def subject_of(msg) -> str:
    return str(make_header(decode_header(msg.get("Subject", ""))))


def write_config(path: str, *, sock: str, db: str, smtp_port: int, templates_dir: str,
                 guard: str = "reject", language: str = "en", log_level: str = "debug",
                 rules_dir: str | None = None, postfix_config_dir: str = "/etc/postfix") -> None:
    """A gateway for our-trade.test: reps on 10.20.0.0/16, alerts submitted over SMTP to the lab's
    Postfix (as a non-root milter would: Postfix's sendmail refuses -C to unprivileged users), and
    root dropped to nobody once the socket is open. DLP runs only with a rules_dir."""
    dlp = (f"dlp:\n  rules_dir: {rules_dir}\n  watch_interval: 1s\n  postfix_config_dir: {postfix_config_dir}\n"
           if rules_dir else "dlp:\n  enabled: false\n")
    with open(path, "w") as f:
        f.write(f"""
milter:
  socket: unix:{sock}
  socket_mode: "0666"
  user: nobody
log:
  level: {log_level}
direction:
  internal_domains: [our-trade.test]
  internal_networks: [10.20.0.0/16, 127.0.0.1/32]
database:
  path: {db}
alerts:
  language: {language}
  submit: smtp
  smtp_url: smtp://127.0.0.1:{smtp_port}
  templates_dir: {templates_dir}
  poll_interval: 1s
guard:
  mode: {guard}
{dlp}""")


def work_dir(prefix: str) -> str:
    """A directory for the milter's socket and database: Postfix (user postfix) reaches the socket,
    the milter (user nobody, after start-up) writes the database and removes the socket."""
    import pwd
    path = tempfile.mkdtemp(prefix=prefix)
    nobody = pwd.getpwnam("nobody")
    os.chown(path, nobody.pw_uid, nobody.pw_gid)
    os.chmod(path, 0o755)
    return path


class Milter:
    """mailkeeper-milter in the foreground, its log in a file."""

    def __init__(self, binary: str, config: str, log: str):
        self.binary, self.config, self.log = binary, config, log
        self.proc = None

    def start(self, socket_path: str) -> None:
        if os.path.exists(socket_path):
            os.unlink(socket_path)
        self.proc = subprocess.Popen([self.binary, "-f", "-c", self.config], stdout=subprocess.DEVNULL,
                                     stderr=open(self.log, "ab"))
        wait_until(lambda: os.path.exists(socket_path) or self.proc.poll() is not None, 10, "the milter socket")
        if self.proc.poll() is not None:
            raise AssertionError("mailkeeper-milter exited at start:\n" + open(self.log, errors="replace").read())

    def send_signal(self, sig) -> None:
        self.proc.send_signal(sig)

    def stop(self, sig) -> int:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                return self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                return self.proc.wait()
        return self.proc.returncode if self.proc else 0

    def log_text(self) -> str:
        return open(self.log, errors="replace").read()


class Scenario:
    """What every end-to-end scenario starts from: the command line MAILKEEPER_MILTER MAILKEEPER
    REPO_ETC_DIR, the prerequisites (root, Postfix), a work folder with the socket, database and
    config paths, and the milter (not started). `exit_status` is set when the scenario cannot run:
    2 for a wrong command line (the usage printed), 77 (ctest: skipped) without root or Postfix."""

    def __init__(self, argv: list, usage: str, prefix: str):
        from postfix_lab import lab_prerequisites
        self.exit_status = None
        if len(argv) != 4:
            print(usage)
            self.exit_status = 2
            return
        reason = lab_prerequisites()
        if reason:
            print("SKIP:", reason)
            self.exit_status = 77
            return
        self.milter_bin, self.cli_bin, self.etc_dir = (os.path.abspath(a) for a in argv[1:])
        self.work = work_dir(prefix)
        self.sock = os.path.join(self.work, "milter.sock")
        self.db = os.path.join(self.work, "mailkeeper.db")
        self.config_path = os.path.join(self.work, "mailkeeper.yaml")
        self.templates_dir = os.path.join(self.etc_dir, "templates")
        self.milter = Milter(self.milter_bin, self.config_path, os.path.join(self.work, "milter.log"))

    def run(self, lab, body) -> None:
        """Starts the milter, runs body(); on failure prints the tails of the milter's and
        Postfix's logs; always kills the milter."""
        self.milter.start(self.sock)
        try:
            body()
        except BaseException:
            print("== milter log (tail)\n" + "\n".join(self.milter.log_text().splitlines()[-60:]))
            print("== postfix maillog (tail)\n" + lab.maillog_tail(60))
            raise
        finally:
            import signal
            self.milter.stop(signal.SIGKILL)
