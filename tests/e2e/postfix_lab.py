"""A private Postfix instance on loopback for mailkeeper's end-to-end tests.

Standard library only. Needs root, Postfix (postfix, postconf, postqueue,
smtp-sink) installed; Debian 12 / Postfix 3.7 is what this was written on.

    from postfix_lab import PostfixLab

    with PostfixLab(milter="unix:/run/mk/milter.sock") as lab:
        code, text = lab.send("alice@our-trade.test", ["buyer@live-buyer.test"],
                              "Subject: hi\\r\\n\\r\\nbody\\r\\n")
        msg = lab.wait_for_sink(lambda m: m["Subject"] == "hi")

Everything lives under one temporary directory that is removed at exit
(set KEEP_LAB=1 to keep it; its path is printed then). Everything the lab
started (Postfix master and its children, smtp-sink, the buyer MX thread) is
stopped at exit, also when the test raised.

Topology
--------
* Postfix smtpd listens on 127.0.0.1:<lab.smtp_port> (chosen free at start).
  mynetworks = 127.0.0.0/8, so a plain client counts as an internal
  ("authenticated") rep. Pass ``client=("203.0.113.7", "mx.example.net")`` to
  send()/send_raw_smtp() to appear as an outside server (done with XCLIENT).
* our-trade.test is delivered by virtual(8) to Maildirs under
  <lab.dir>/mail/<user>/ (read with mailbox()/wait_for_mail()).
* Every other domain is relayed to an smtp-sink on loopback that accepts
  everything and dumps each message (sink_messages()/wait_for_sink()).
* The domains in ``dead_domains`` (default: dead-buyer.test) are routed by
  transport_maps to a small Python SMTP server ("dead buyer MX") that answers
  every RCPT with
  ``550 5.1.1 <addr>: Recipient address rejected: User unknown``,
  so Postfix writes its own DSN back to the sender.
"""

from __future__ import annotations

import atexit
import email
import email.message
import email.policy
import json
import os
import pwd
import grp
import re
import shutil
import signal
import smtplib
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from typing import Callable, Iterable, Optional, Sequence

__all__ = [
    "PostfixLab",
    "LabError",
    "SmtpReply",
    "DeadBuyerMX",
    "dsn_recipients",
    "lab_prerequisites",
    "free_port",
]

COMPANY_DOMAIN = "our-trade.test"
DEFAULT_USERS = ("alice", "bob", "mailkeeper", "postmaster")
DEFAULT_DEAD_DOMAINS = ("dead-buyer.test",)

POSTFIX = "/usr/sbin/postfix"
POSTCONF = "/usr/sbin/postconf"
POSTQUEUE = "/usr/sbin/postqueue"
POSTSUPER = "/usr/sbin/postsuper"
SENDMAIL = "/usr/sbin/sendmail"
SMTP_SINK = "/usr/sbin/smtp-sink"

# The macros Postfix sends to milters (postconf -d gives the first part of
# each list; {client_addr}/{client_name}/{client_port} are added so that a
# milter can read them as macros too, not only from the connect callback).
DEFAULT_MILTER_MACROS = {
    "milter_connect_macros":
        "j {daemon_name} {daemon_addr} v _ {client_addr} {client_name} {client_port}",
    "milter_helo_macros":
        "{tls_version} {cipher} {cipher_bits} {cert_subject} {cert_issuer}",
    "milter_mail_macros":
        "i {auth_type} {auth_authen} {auth_author} {mail_addr} {mail_host}"
        " {mail_mailer} {client_addr}",
    "milter_rcpt_macros": "i {rcpt_addr} {rcpt_host} {rcpt_mailer}",
    "milter_data_macros": "i",
    "milter_end_of_header_macros": "i",
    "milter_end_of_data_macros": "i {auth_authen} {client_addr}",
}


class LabError(RuntimeError):
    """Something in the lab itself failed (start, check, timeout...)."""


class SmtpReply(tuple):
    """(code, text) of the final SMTP reply; unpacks as a 2-tuple.

    Extra attributes: ``queue_id`` (from "250 2.0.0 Ok: queued as ID", else
    None), ``stage`` (the SMTP stage that gave this reply: "connect", "xclient",
    "ehlo", "mail", "rcpt", "data"), ``rcpt_replies`` ({rcpt: (code, text)}).
    """

    def __new__(cls, code: int, text: str, *, stage: str = "data",
                rcpt_replies: Optional[dict] = None):
        self = super().__new__(cls, (code, text))
        self.stage = stage
        self.rcpt_replies = dict(rcpt_replies or {})
        self.queue_id = None
        marker = "queued as "
        if code == 250 and marker in text:
            self.queue_id = text.split(marker, 1)[1].split()[0].strip()
        return self

    @property
    def code(self) -> int:
        return self[0]

    @property
    def text(self) -> str:
        return self[1]

    def __repr__(self):
        return "SmtpReply(%r, %r, stage=%r, queue_id=%r)" % (
            self[0], self[1], self.stage, self.queue_id)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def lab_prerequisites() -> Optional[str]:
    """None when the lab can run here, else a sentence saying why not."""
    if os.geteuid() != 0:
        return "the Postfix lab needs root (postfix start, smtp-sink -u postfix)"
    for tool in (POSTFIX, POSTCONF, POSTQUEUE, SMTP_SINK):
        if not os.access(tool, os.X_OK):
            return "%s is not installed (apt-get install postfix)" % tool
    try:
        pwd.getpwnam("postfix")
        grp.getgrnam("postdrop")
    except KeyError:
        return "the postfix user or postdrop group is missing"
    return None


def _decode(b: bytes) -> str:
    return b.decode("utf-8", "replace")


def _parse_message(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def dsn_recipients(msg: email.message.Message) -> list:
    """Per-recipient fields of a multipart/report DSN, as a list of dicts.

    Keys are lower-cased field names ("final-recipient", "action", "status",
    "diagnostic-code", ...). Empty list if msg is not a delivery report.
    """
    out = []
    for part in msg.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        payload = part.get_payload()
        blocks = payload if isinstance(payload, list) else []
        # The first block holds per-message fields (Reporting-MTA...).
        for block in blocks[1:]:
            out.append({k.lower(): str(v) for k, v in block.items()})
    return out


# --------------------------------------------------------------------------
# The dead buyer's MX: answers RCPT with 550 5.1.1.
# --------------------------------------------------------------------------

class _DeadMXHandler(socketserver.StreamRequestHandler):
    timeout = 60

    def _reply(self, line: str):
        self.wfile.write(line.encode("ascii") + b"\r\n")
        self.wfile.flush()

    def handle(self):
        srv: "DeadBuyerMX" = self.server.owner  # type: ignore[attr-defined]
        self._reply("220 %s ESMTP buyer-mx" % srv.hostname)
        rcpts_ok = []
        while True:
            raw = self.rfile.readline(4096)
            if not raw:
                return
            line = _decode(raw).rstrip("\r\n")
            verb = line.split(" ", 1)[0].split(":", 1)[0].upper()
            if verb == "EHLO":
                self._reply("250-%s" % srv.hostname)
                self._reply("250-PIPELINING")
                self._reply("250-ENHANCEDSTATUSCODES")
                self._reply("250 8BITMIME")
            elif verb == "HELO":
                self._reply("250 %s" % srv.hostname)
            elif verb == "MAIL":
                rcpts_ok = []
                self._reply("250 2.1.0 Ok")
            elif verb == "RCPT":
                addr = line.split(":", 1)[1].strip() if ":" in line else ""
                addr = addr.split(" ", 1)[0]          # drop ESMTP params
                addr = addr.strip("<>")
                if srv.is_known(addr):
                    rcpts_ok.append(addr)
                    self._reply("250 2.1.5 Ok")
                else:
                    reply = srv.reject_template.format(addr=addr)
                    with srv.lock:
                        srv.rejections.append((addr, reply))
                    self._reply(reply)
            elif verb == "DATA":
                if not rcpts_ok:
                    self._reply("554 5.5.1 Error: no valid recipients")
                    continue
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                chunks = []
                while True:
                    raw = self.rfile.readline(1 << 20)
                    if not raw or raw in (b".\r\n", b".\n"):
                        break
                    if raw.startswith(b".."):
                        raw = raw[1:]
                    chunks.append(raw)
                with srv.lock:
                    srv.accepted.append((list(rcpts_ok), b"".join(chunks)))
                rcpts_ok = []
                self._reply("250 2.0.0 Ok: queued")
            elif verb == "RSET":
                rcpts_ok = []
                self._reply("250 2.0.0 Ok")
            elif verb == "NOOP":
                self._reply("250 2.0.0 Ok")
            elif verb == "QUIT":
                self._reply("221 2.0.0 Bye")
                return
            else:
                self._reply("502 5.5.2 Error: command not recognized")


class _ThreadingServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


class DeadBuyerMX:
    """Tiny SMTP server on loopback that rejects recipients at RCPT.

    Every recipient not in ``known`` gets ``reject_template`` (``{addr}`` is
    replaced by the address). Rejections are recorded in ``rejections`` as
    (addr, reply). Mail for known recipients is accepted into ``accepted``.
    """

    DEFAULT_REJECT = "550 5.1.1 <{addr}>: Recipient address rejected: User unknown"

    def __init__(self, host: str = "127.0.0.1", port: int = 0,
                 hostname: str = "mx.dead-buyer.test",
                 reject_template: str = DEFAULT_REJECT,
                 known: Iterable[str] = ()):
        self.hostname = hostname
        self.reject_template = reject_template
        self.known = {a.lower() for a in known}
        self.lock = threading.Lock()
        self.rejections: list = []
        self.accepted: list = []
        self._server = _ThreadingServer((host, port), _DeadMXHandler)
        self._server.owner = self  # type: ignore[attr-defined]
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name="dead-buyer-mx", daemon=True)

    def is_known(self, addr: str) -> bool:
        return addr.lower() in self.known

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        try:
            self._server.shutdown()
        finally:
            self._server.server_close()


# A watchdog process: if the test process dies without stop() (SIGKILL, a
# ctest timeout...), it stops this lab's Postfix and smtp-sink and removes
# the lab directory. stop() ends it first.
_REAPER = r"""
import os, shutil, signal, subprocess, sys, time
ppid, confdir, labdir, keep = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4] == "1"
signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
signal.signal(signal.SIGINT, signal.SIG_IGN)
def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
while alive(ppid):
    time.sleep(0.5)
if not os.path.isdir(labdir):
    sys.exit(0)
subprocess.run(["/usr/sbin/postfix", "-c", confdir, "abort"], capture_output=True)
env = ("MAIL_CONFIG=" + confdir).encode()
for n in os.listdir("/proc"):
    if not n.isdigit() or int(n) == os.getpid():
        continue
    try:
        cmd = open("/proc/%s/cmdline" % n, "rb").read()
        envs = open("/proc/%s/environ" % n, "rb").read().split(b"\0")
    except OSError:
        continue
    if env in envs or labdir.encode() in cmd:
        try:
            os.kill(int(n), signal.SIGKILL)
        except OSError:
            pass
if not keep:
    shutil.rmtree(labdir, ignore_errors=True)
"""


# --------------------------------------------------------------------------
# The lab
# --------------------------------------------------------------------------

class PostfixLab:
    """A private Postfix on 127.0.0.1 with local Maildirs and fake internet.

    Construction does nothing; start() (or ``with``) builds and starts it.

    Arguments:
      milter: None, or a milter socket like "unix:/path" or
        "inet:127.0.0.1:PORT". Sets smtpd_milters AND non_smtpd_milters, with
        internal_mail_filter_classes = bounce so Postfix's own DSNs pass
        through the milter too.
      milter_default_action: what Postfix does when the milter is unreachable
        or fails ("accept", "tempfail", "reject", "quarantine").
      users: local parts with a Maildir in our-trade.test.
      dead_domains: domains whose MX rejects every RCPT with 550 5.1.1.
      main_cf: extra main.cf settings applied last (override anything).
      milter_macros: override entries of DEFAULT_MILTER_MACROS.
      keep: keep the lab directory at exit (default: env KEEP_LAB=1).
      base_dir: where to create the lab directory (default: TMPDIR or /tmp).
    """

    def __init__(self, milter: Optional[str] = None, *,
                 milter_default_action: str = "accept",
                 users: Sequence[str] = DEFAULT_USERS,
                 domain: str = COMPANY_DOMAIN,
                 myhostname: str = "gw." + COMPANY_DOMAIN,
                 dead_domains: Sequence[str] = DEFAULT_DEAD_DOMAINS,
                 main_cf: Optional[dict] = None,
                 milter_macros: Optional[dict] = None,
                 keep: Optional[bool] = None,
                 base_dir: Optional[str] = None,
                 verbose: bool = False):
        self.milter = milter
        self.milter_default_action = milter_default_action
        self.users = list(users)
        self.domain = domain
        self.myhostname = myhostname
        self.dead_domains = list(dead_domains)
        self.extra_main_cf = dict(main_cf or {})
        self.milter_macros = dict(DEFAULT_MILTER_MACROS)
        self.milter_macros.update(milter_macros or {})
        self.keep = (os.environ.get("KEEP_LAB") == "1") if keep is None else keep
        self.base_dir = base_dir
        self.verbose = verbose

        self.dir: Optional[str] = None
        self.smtp_port: Optional[int] = None
        self.sink_port: Optional[int] = None
        self.dead_mx: Optional[DeadBuyerMX] = None
        self._sink_proc: Optional[subprocess.Popen] = None
        self._master_pid: Optional[int] = None
        self._started = False
        self._stopped = False
        self._atexit = None

    # ---------------------------------------------------------- paths
    @property
    def config_dir(self) -> str:
        return os.path.join(self.dir, "etc")

    @property
    def queue_dir(self) -> str:
        return os.path.join(self.dir, "spool")

    @property
    def data_dir(self) -> str:
        return os.path.join(self.dir, "data")

    @property
    def mail_dir(self) -> str:
        return os.path.join(self.dir, "mail")

    @property
    def sink_dir(self) -> str:
        return os.path.join(self.dir, "sink")

    @property
    def maillog_path(self) -> str:
        return os.path.join(self.dir, "log", "maillog")

    def address(self, user: str) -> str:
        return user if "@" in user else "%s@%s" % (user, self.domain)

    def maildir(self, user: str) -> str:
        local = user.split("@", 1)[0]
        return os.path.join(self.mail_dir, local)

    # ---------------------------------------------------------- lifecycle
    def __enter__(self) -> "PostfixLab":
        self.start()
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and self.verbose:
            print("---- maillog tail (lab exiting on %s) ----" % exc_type.__name__)
            print(self.maillog_tail(60))
        self.stop()
        return False

    def start(self) -> "PostfixLab":
        if self._started:
            raise LabError("lab already started")
        why = lab_prerequisites()
        if why:
            raise LabError(why)
        self._started = True
        self._atexit = atexit.register(self.stop)
        try:
            self._build()
            self._start_reaper()
            self._start_downstream()
            self._write_config()
            self._postfix_check()
            self._postfix_start()
        except BaseException:
            self.stop()
            raise
        return self

    def _build(self):
        self.dir = tempfile.mkdtemp(prefix="mailkeeper-lab-", dir=self.base_dir)
        os.chmod(self.dir, 0o755)       # postfix must traverse it
        pw = pwd.getpwnam("postfix")
        self._uid, self._gid = pw.pw_uid, pw.pw_gid
        for d in (self.config_dir, self.queue_dir, os.path.dirname(self.maillog_path)):
            os.makedirs(d, mode=0o755, exist_ok=True)
        for d in (self.data_dir, self.mail_dir, self.sink_dir):
            os.makedirs(d, mode=0o755, exist_ok=True)
            os.chown(d, self._uid, self._gid)
        self.smtp_port = free_port()

    def _start_reaper(self):
        self._reaper = subprocess.Popen(
            [sys.executable, "-c", _REAPER, str(os.getpid()), self.config_dir,
             self.dir, "1" if self.keep else "0"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)

    def _start_downstream(self):
        # The accepting "internet": smtp-sink dumps every message to sink/.
        self.sink_port = free_port()
        cmd = [SMTP_SINK, "-u", "postfix", "-4", "-h", "sink.internet.test",
               "-d", os.path.join(self.sink_dir, "msg."),
               "127.0.0.1:%d" % self.sink_port, "100"]
        self._sink_log = open(os.path.join(self.dir, "log", "smtp-sink.log"), "wb")
        self._sink_proc = subprocess.Popen(cmd, stdout=self._sink_log,
                                           stderr=subprocess.STDOUT,
                                           stdin=subprocess.DEVNULL)
        _wait_port(self.sink_port, 5, self._sink_proc, "smtp-sink")
        # The dead buyer: rejects RCPT with 550 5.1.1.
        self.dead_mx = DeadBuyerMX(hostname="mx." + (self.dead_domains or
                                                     ["dead-buyer.test"])[0])
        self.dead_mx.start()

    def _main_cf(self) -> dict:
        d = self.dir
        texthash = lambda name: "texthash:" + os.path.join(self.config_dir, name)
        cf = {
            "compatibility_level": "3.6",
            "queue_directory": self.queue_dir,
            "data_directory": self.data_dir,
            "mail_owner": "postfix",
            "setgid_group": "postdrop",
            "maillog_file": self.maillog_path,
            "maillog_file_prefixes": "/var, /dev/stdout, " + d,
            "myhostname": self.myhostname,
            "mydomain": self.domain,
            "myorigin": self.domain,
            "mydestination": "",
            "mynetworks": "127.0.0.0/8",
            "inet_interfaces": "127.0.0.1",
            "inet_protocols": "ipv4",
            "alias_maps": "",
            "alias_database": "",
            "local_recipient_maps": "",
            "biff": "no",
            "append_dot_mydomain": "no",
            "smtpd_banner": "$myhostname ESMTP lab",
            "smtpd_relay_restrictions":
                "permit_mynetworks, reject_unauth_destination",
            "smtpd_authorized_xclient_hosts": "127.0.0.0/8",
            # our-trade.test: local Maildirs via virtual(8)
            "virtual_mailbox_domains": self.domain,
            "virtual_mailbox_base": self.mail_dir,
            "virtual_mailbox_maps": texthash("vmailbox"),
            "virtual_uid_maps": "static:%d" % self._uid,
            "virtual_gid_maps": "static:%d" % self._gid,
            "virtual_minimum_uid": str(min(100, self._uid)),
            # the internet: smtp-sink; dead buyers: DeadBuyerMX
            "relayhost": "[127.0.0.1]:%d" % self.sink_port,
            "transport_maps": texthash("transport"),
            "smtp_host_lookup": "native",
            "disable_dns_lookups": "yes",
            "smtp_connect_timeout": "2s",
            "smtp_tls_security_level": "",
            "smtpd_tls_security_level": "",
            # short timers so deferred mail and bounces move fast
            "queue_run_delay": "1s",
            "minimal_backoff_time": "1s",
            "maximal_backoff_time": "2s",
            "delay_warning_time": "0h",
            "in_flow_delay": "0s",
            # milter wiring (filled below)
            "smtpd_milters": "",
            "non_smtpd_milters": "",
            "milter_protocol": "6",
            "milter_default_action": self.milter_default_action,
            "internal_mail_filter_classes": "",
        }
        if self.milter:
            cf["smtpd_milters"] = self.milter
            cf["non_smtpd_milters"] = self.milter
            cf["internal_mail_filter_classes"] = "bounce"
        cf.update(self.milter_macros)
        cf.update(self.extra_main_cf)
        return cf

    def _master_cf(self) -> str:
        # service type private unpriv chroot wakeup maxproc command
        lines = [
            "127.0.0.1:%d inet n - n - - smtpd" % self.smtp_port,
            "pickup unix n - n 60 1 pickup",
            "cleanup unix n - n - 0 cleanup",
            "qmgr unix n - n 300 1 qmgr",
            "rewrite unix - - n - - trivial-rewrite",
            "bounce unix - - n - 0 bounce",
            "defer unix - - n - 0 bounce",
            "trace unix - - n - 0 bounce",
            "verify unix - - n - 1 verify",
            "flush unix n - n 1000? 0 flush",
            "proxymap unix - - n - - proxymap",
            "proxywrite unix - - n - 1 proxymap",
            "smtp unix - - n - - smtp",
            "relay unix - - n - - smtp",
            "showq unix n - n - - showq",
            "error unix - - n - - error",
            "retry unix - - n - - error",
            "discard unix - - n - - discard",
            "local unix - n n - - local",
            "virtual unix - n n - - virtual",
            "lmtp unix - - n - - lmtp",
            "anvil unix - - n - 1 anvil",
            "scache unix - - n - 1 scache",
            "postlog unix-dgram n - n - 1 postlogd",
        ]
        return "\n".join(lines) + "\n"

    def _write_config(self):
        with open(os.path.join(self.config_dir, "vmailbox"), "w") as f:
            for u in self.users:
                f.write("%s %s/\n" % (self.address(u), u.split("@", 1)[0]))
        with open(os.path.join(self.config_dir, "transport"), "w") as f:
            for dom in self.dead_domains:
                f.write("%s smtp:[127.0.0.1]:%d\n" % (dom, self.dead_mx.port))
        with open(os.path.join(self.config_dir, "master.cf"), "w") as f:
            f.write(self._master_cf())
        with open(os.path.join(self.config_dir, "main.cf"), "w") as f:
            f.write("# written by tests/e2e/postfix_lab.py\n")
        self.postconf(**self._main_cf())
        open(self.maillog_path, "a").close()

    def _postfix_cmd_or_raise(self, command: str):
        r = self._run([POSTFIX, "-c", self.config_dir, command], check=False)
        if r.returncode == 0:
            return
        text = _decode(r.stdout) + _decode(r.stderr)
        if not text.strip() and shutil.which("script"):
            # postfix(1) prints some fatal errors only to a terminal (e.g. a
            # maillog_file outside maillog_file_prefixes): rerun under a pty.
            t = self._run(["script", "-qec", "%s -c %s %s" % (POSTFIX, self.config_dir,
                                                              command), "/dev/null"],
                          check=False)
            text = "(from a rerun on a terminal) " + _decode(t.stdout) + _decode(t.stderr)
        raise LabError("postfix %s failed (rc=%d)\n%s\n---- maillog ----\n%s"
                       % (command, r.returncode, text.strip(), self.maillog_tail(40)))

    def _postfix_check(self):
        self._postfix_cmd_or_raise("check")

    def _postfix_start(self):
        self._postfix_cmd_or_raise("start")
        pidfile = os.path.join(self.queue_dir, "pid", "master.pid")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with open(pidfile) as f:
                    self._master_pid = int(f.read().strip())
                break
            except (OSError, ValueError):
                time.sleep(0.05)
        if not self._master_pid:
            raise LabError("no master.pid after postfix start\n" + self.maillog_tail(40))
        _wait_banner(self.smtp_port, 10)

    def stop(self):
        """Stop everything this lab started and remove its directory."""
        if self._stopped or not self._started:
            return
        self._stopped = True
        if self._atexit is not None:
            try:
                atexit.unregister(self.stop)
            except Exception:
                pass
        errors = []
        if getattr(self, "_reaper", None) is not None:
            _terminate(self._reaper)
        try:
            self._stop_postfix()
        except Exception as e:          # keep going: stop the rest too
            errors.append("postfix: %s" % e)
        if self._sink_proc is not None:
            _terminate(self._sink_proc)
            self._sink_log.close()
        if self.dead_mx is not None:
            try:
                self.dead_mx.stop()
            except Exception as e:
                errors.append("dead MX: %s" % e)
        leftovers = self.running_processes()
        for pid, _ in leftovers:
            _kill_pid(pid)
        if self.dir and os.path.isdir(self.dir):
            if self.keep:
                print("KEEP_LAB=1: lab directory kept at %s" % self.dir)
            else:
                shutil.rmtree(self.dir, ignore_errors=True)
        if errors:
            raise LabError("; ".join(errors))

    def _stop_postfix(self):
        if not self.dir or not os.path.isdir(self.config_dir):
            return
        pid = self._master_pid
        if pid is None:
            return
        self._run([POSTFIX, "-c", self.config_dir, "stop"], check=False)
        if _wait_gone([pid], 10):
            _wait_gone([p for p, _ in self.running_processes(postfix_only=True)], 5)
            return
        self._run([POSTFIX, "-c", self.config_dir, "abort"], check=False)
        if not _wait_gone([pid], 5):
            _kill_pid(pid)

    def running_processes(self, postfix_only: bool = False) -> list:
        """[(pid, cmdline)] of live processes that belong to this lab:
        Postfix processes whose MAIL_CONFIG is our config_dir, and (unless
        postfix_only) anything whose command line names the lab directory
        (smtp-sink). Zombies are not listed."""
        if not self.dir:
            return []
        me = os.getpid()
        want_env = ("MAIL_CONFIG=" + self.config_dir).encode()
        found = []
        for name in os.listdir("/proc"):
            if not name.isdigit() or int(name) == me:
                continue
            try:
                with open("/proc/%s/cmdline" % name, "rb") as f:
                    cmd = f.read()
                with open("/proc/%s/environ" % name, "rb") as f:
                    env = f.read().split(b"\0")
            except OSError:
                continue
            if not cmd or not _alive(int(name)):
                continue  # zombie/kernel thread
            if want_env in env or (not postfix_only and self.dir.encode() in cmd):
                found.append((int(name), _decode(cmd.replace(b"\0", b" ")).strip()))
        return found

    # ---------------------------------------------------------- config
    def postconf(self, _settings: Optional[dict] = None, **kv) -> None:
        """Set main.cf parameters (postconf -e). Call reload() afterwards if
        Postfix is running."""
        items = dict(_settings or {})
        items.update(kv)
        if not items:
            return
        args = [POSTCONF, "-c", self.config_dir, "-e"]
        args += ["%s=%s" % (k, v) for k, v in items.items()]
        self._run(args)

    def postconf_get(self, name: str) -> str:
        r = self._run([POSTCONF, "-c", self.config_dir, "-h", name])
        return _decode(r.stdout).strip()

    def set_milter(self, milter: Optional[str], default_action: Optional[str] = None,
                   reload: bool = True):
        """Point smtpd_milters and non_smtpd_milters at milter (None: off)."""
        self.milter = milter
        kv = {"smtpd_milters": milter or "", "non_smtpd_milters": milter or "",
              "internal_mail_filter_classes": "bounce" if milter else ""}
        if default_action:
            self.milter_default_action = default_action
            kv["milter_default_action"] = default_action
        self.postconf(**kv)
        if reload:
            self.reload()

    def reload(self, settle: float = 0.5):
        """postfix reload, then wait until master logged it."""
        before = self._maillog_size()
        self._run([POSTFIX, "-c", self.config_dir, "reload"])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if "reload -- version" in self._maillog_since(before):
                break
            time.sleep(0.05)
        else:
            raise LabError("no reload line in maillog\n" + self.maillog_tail(20))
        time.sleep(settle)      # let old-generation processes exit
        _wait_banner(self.smtp_port, 10)

    # ---------------------------------------------------------- logs
    def maillog(self) -> str:
        try:
            with open(self.maillog_path, "rb") as f:
                return _decode(f.read())
        except OSError:
            return ""

    def maillog_tail(self, n: int = 40) -> str:
        return "\n".join(self.maillog().splitlines()[-n:])

    def _maillog_size(self) -> int:
        try:
            return os.path.getsize(self.maillog_path)
        except OSError:
            return 0

    def _maillog_since(self, offset: int) -> str:
        try:
            with open(self.maillog_path, "rb") as f:
                f.seek(offset)
                return _decode(f.read())
        except OSError:
            return ""

    def wait_for_log(self, needle: str, timeout: float = 10,
                     since: int = 0) -> str:
        """Wait until needle appears in the maillog (from byte offset since);
        returns the first line containing it."""
        deadline = time.monotonic() + timeout
        while True:
            for line in self._maillog_since(since).splitlines():
                if needle in line:
                    return line
            if time.monotonic() >= deadline:
                raise LabError("%r not in maillog after %ss\n%s"
                               % (needle, timeout, self.maillog_tail(30)))
            time.sleep(0.1)

    def log_mark(self) -> int:
        """Current maillog size, to pass as since= to wait_for_log()."""
        return self._maillog_size()

    # ---------------------------------------------------------- sending
    def send(self, mail_from: str, rcpt_list: Sequence[str],
             message, *, helo: str = "client.our-trade.test",
             client: Optional[tuple] = None, timeout: float = 60) -> SmtpReply:
        """One SMTP transaction with the lab's smtpd; returns the final reply.

        mail_from may be "" for a null sender (MAIL FROM:<>). message is str
        or bytes (bare LF is turned into CRLF). Never raises for SMTP
        rejections: a 4xx/5xx at MAIL, at RCPT (all recipients) or at DATA is
        returned as the reply, with .stage telling where. client=(addr, name)
        makes the session look like it comes from that outside host (XCLIENT).
        """
        if isinstance(message, str):
            message = message.encode("utf-8")
        message = re.sub(rb"(?<!\r)\n", b"\r\n", message)
        rcpt_replies = {}
        try:
            s = smtplib.SMTP("127.0.0.1", self.smtp_port, local_hostname=helo,
                             timeout=timeout)
        except smtplib.SMTPConnectError as e:
            return SmtpReply(e.smtp_code, _err_text(e.smtp_error), stage="connect")
        try:
            code, text = s.ehlo(helo)
            if code != 250:
                return SmtpReply(code, _decode(text), stage="ehlo")
            if client:
                code, text = self._xclient(s, client, helo)
                if code != 250:
                    return SmtpReply(code, text, stage="xclient")
            code, text = s.mail(mail_from)
            if code != 250:
                s.rset()
                return SmtpReply(code, _decode(text), stage="mail")
            for r in rcpt_list:
                c, t = s.rcpt(r)
                rcpt_replies[r] = (c, _decode(t))
            good = [r for r, (c, _) in rcpt_replies.items() if c in (250, 251)]
            if not good:
                c, t = next(iter(rcpt_replies.values()))
                s.rset()
                return SmtpReply(c, t, stage="rcpt", rcpt_replies=rcpt_replies)
            code, text = s.data(message)
            return SmtpReply(code, _decode(text), stage="data",
                             rcpt_replies=rcpt_replies)
        except smtplib.SMTPDataError as e:      # 4xx/5xx to DATA itself
            return SmtpReply(e.smtp_code, _err_text(e.smtp_error), stage="data",
                             rcpt_replies=rcpt_replies)
        except smtplib.SMTPResponseException as e:
            return SmtpReply(e.smtp_code, _err_text(e.smtp_error), stage="?",
                             rcpt_replies=rcpt_replies)
        finally:
            try:
                s.quit()
            except Exception:
                s.close()

    def _xclient(self, s: smtplib.SMTP, client: tuple, helo: str):
        addr = client[0]
        name = client[1] if len(client) > 1 and client[1] else "[UNAVAILABLE]"
        code, text = s.docmd("XCLIENT", "ADDR=%s NAME=%s HELO=%s"
                             % (addr, name, helo))
        if code != 220:
            return code, _decode(text)
        s.ehlo_resp = None
        s.esmtp_features = {}
        code, text = s.ehlo(helo)
        return code, _decode(text)

    def send_raw_smtp(self, commands: Sequence, *, client: Optional[tuple] = None,
                      helo: str = "mx.outside.test", timeout: float = 30) -> list:
        """Run a literal SMTP dialogue; returns [(command, code, text)].

        commands: strings sent as one line each ("MAIL FROM:<>", "RCPT
        TO:<alice@our-trade.test>", "DATA", ...). After a command answered
        with 354, the next item (str or bytes) is sent as the message content
        (dot-stuffed, CRLF, terminated with "."). EHLO is sent first unless
        the first command is EHLO/HELO; QUIT is sent last. client=(addr, name)
        uses XCLIENT after EHLO to pose as an outside server. The first entry
        of the result is ("<connect>", 220, banner).
        """
        out = []
        with socket.create_connection(("127.0.0.1", self.smtp_port), timeout) as sock:
            f = sock.makefile("rb")

            def reply():
                lines = []
                while True:
                    raw = f.readline()
                    if not raw:
                        raise LabError("connection closed by server")
                    line = _decode(raw).rstrip("\r\n")
                    lines.append(line[4:])
                    if len(line) < 4 or line[3] != "-":
                        return int(line[:3]), "\n".join(lines)

            def cmd(line: str):
                sock.sendall(line.encode("utf-8") + b"\r\n")
                c, t = reply()
                out.append((line, c, t))
                return c, t

            c, t = reply()
            out.append(("<connect>", c, t))
            cmds = list(commands)
            if not cmds or cmds[0].split(" ")[0].upper() not in ("EHLO", "HELO"):
                cmd("EHLO " + helo)
            if client:
                name = client[1] if len(client) > 1 and client[1] else "[UNAVAILABLE]"
                c, _ = cmd("XCLIENT ADDR=%s NAME=%s HELO=%s" % (client[0], name, helo))
                if c == 220:
                    cmd("EHLO " + helo)
            expect_data = False
            for item in cmds:
                if expect_data:
                    body = item.encode("utf-8") if isinstance(item, str) else item
                    sock.sendall(_dot_stuff(body) + b".\r\n")
                    c, t = reply()
                    out.append(("<message>", c, t))
                    expect_data = False
                    continue
                c, _ = cmd(item)
                if c == 354:
                    expect_data = True
            try:
                cmd("QUIT")
            except (LabError, OSError):
                pass
        return out

    def submit_local(self, mail_from: str, rcpt_list: Sequence[str], message,
                     timeout: float = 30) -> subprocess.CompletedProcess:
        """Submit via the sendmail(1) command (the non_smtpd_milters path)."""
        if isinstance(message, str):
            message = message.encode("utf-8")
        return subprocess.run([SENDMAIL, "-C", self.config_dir, "-f", mail_from,
                               "-i", "--"] + list(rcpt_list), input=message,
                              capture_output=True, timeout=timeout)

    # ---------------------------------------------------------- queue
    def queue(self) -> list:
        """All queued messages as dicts from postqueue -j (queue_name is
        "maildrop", "incoming", "active", "deferred" or "hold")."""
        r = self._run([POSTQUEUE, "-c", self.config_dir, "-j"], check=False)
        items = []
        for line in _decode(r.stdout).splitlines():
            line = line.strip()
            if line.startswith("{"):
                items.append(json.loads(line))
        return items

    def held_messages(self) -> list:
        """Messages in the hold queue (postqueue -j entries)."""
        return [m for m in self.queue() if m.get("queue_name") == "hold"]

    def wait_queue_empty(self, timeout: float = 15, include_hold: bool = False):
        """Wait until no message is queued (hold queue ignored unless
        include_hold). Raises LabError with the queue on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            q = [m for m in self.queue()
                 if include_hold or m.get("queue_name") != "hold"]
            if not q:
                return
            if time.monotonic() >= deadline:
                raise LabError("queue not empty after %ss: %s\n%s"
                               % (timeout, json.dumps(q, indent=1),
                                  self.maillog_tail(30)))
            time.sleep(0.2)

    def flush(self):
        """postqueue -f: retry deferred mail now."""
        self._run([POSTQUEUE, "-c", self.config_dir, "-f"], check=False)

    def postsuper(self, *args: str) -> subprocess.CompletedProcess:
        """Run postsuper on this instance, e.g. postsuper("-H", qid)."""
        return self._run([POSTSUPER, "-c", self.config_dir] + list(args), check=False)

    # ---------------------------------------------------------- mailboxes
    def _maildir_files(self, user: str) -> list:
        base = self.maildir(user)
        files = []
        for sub in ("new", "cur"):
            d = os.path.join(base, sub)
            try:
                names = os.listdir(d)
            except FileNotFoundError:
                continue
            for n in names:
                p = os.path.join(d, n)
                try:
                    files.append((os.stat(p).st_mtime_ns, n, p))
                except FileNotFoundError:
                    pass
        files.sort()
        return [p for _, _, p in files]

    def mailbox(self, user: str) -> list:
        """Messages in user's Maildir (oldest first), parsed."""
        out = []
        for p in self._maildir_files(user):
            try:
                with open(p, "rb") as f:
                    out.append(_parse_message(f.read()))
            except FileNotFoundError:
                pass
        return out

    def wait_for_mail(self, user: str, predicate: Optional[Callable] = None,
                      timeout: float = 15) -> email.message.EmailMessage:
        """First message in user's Maildir for which predicate(msg) is true."""
        return self._wait_for(lambda: self.mailbox(user), predicate, timeout,
                              "mail for %s" % user)

    def sink_messages(self) -> list:
        """Messages the accepting internet sink received (oldest first).

        Each starts with smtp-sink's own headers: X-Client-Addr,
        X-Client-Proto, X-Helo-Args, X-Mail-Args, X-Rcpt-Args (one per
        recipient), Received. Files still being written are skipped."""
        busy = _open_files(self._sink_proc.pid) if self._sink_proc else set()
        files = []
        try:
            names = os.listdir(self.sink_dir)
        except FileNotFoundError:
            names = []
        for n in names:
            p = os.path.join(self.sink_dir, n)
            if p in busy:
                continue
            try:
                files.append((os.stat(p).st_mtime_ns, p))
            except FileNotFoundError:
                pass
        out = []
        for _, p in sorted(files):
            with open(p, "rb") as f:
                out.append(_parse_message(f.read()))
        return out

    def wait_for_sink(self, predicate: Optional[Callable] = None,
                      timeout: float = 15) -> email.message.EmailMessage:
        return self._wait_for(self.sink_messages, predicate, timeout,
                              "message at the internet sink")

    @staticmethod
    def sink_recipients(msg: email.message.Message) -> list:
        """Envelope recipients of a sink message (from X-Rcpt-Args)."""
        out = []
        for v in msg.get_all("X-Rcpt-Args", []):
            v = str(v).strip()
            if v.upper().startswith("TO:"):
                v = v[3:]
            out.append(v.split(" ", 1)[0].strip("<>"))
        return out

    def buyer_rejections(self) -> list:
        """[(addr, reply)] the dead buyer's MX answered at RCPT."""
        with self.dead_mx.lock:
            return list(self.dead_mx.rejections)

    def _wait_for(self, get, predicate, timeout, what):
        predicate = predicate or (lambda m: True)
        deadline = time.monotonic() + timeout
        while True:
            for m in get():
                if predicate(m):
                    return m
            if time.monotonic() >= deadline:
                raise LabError("no %s matched within %ss\n---- queue ----\n%s\n"
                               "---- maillog ----\n%s"
                               % (what, timeout, json.dumps(self.queue(), indent=1),
                                  self.maillog_tail(30)))
            time.sleep(0.1)

    # ---------------------------------------------------------- util
    def _run(self, args, check=True, timeout=60) -> subprocess.CompletedProcess:
        r = subprocess.run(args, capture_output=True, timeout=timeout,
                           stdin=subprocess.DEVNULL)
        if self.verbose:
            print("$ %s -> %d" % (" ".join(args), r.returncode))
        if check and r.returncode != 0:
            raise LabError("%s failed (rc=%d): %s%s" % (" ".join(args), r.returncode,
                                                       _decode(r.stdout),
                                                       _decode(r.stderr)))
        return r


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def _err_text(e) -> str:
    return _decode(e) if isinstance(e, bytes) else str(e)


def _dot_stuff(body: bytes) -> bytes:
    body = body.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if body and not body.endswith(b"\r\n"):
        body += b"\r\n"
    lines = body.split(b"\r\n")
    return b"\r\n".join(b"." + l if l.startswith(b".") else l for l in lines)


def _wait_port(port: int, timeout: float, proc=None, what="service"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise LabError("%s exited with rc=%s" % (what, proc.returncode))
        try:
            with socket.create_connection(("127.0.0.1", port), 0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise LabError("%s not listening on port %d after %ss" % (what, port, timeout))


def _wait_banner(port: int, timeout: float):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), 2) as s:
                s.settimeout(5)
                banner = s.recv(512)
                if banner.startswith(b"220"):
                    s.sendall(b"QUIT\r\n")
                    return
                last = banner
        except OSError as e:
            last = e
        time.sleep(0.1)
    raise LabError("no 220 banner on port %d: %r" % (port, last))


def _alive(pid: int) -> bool:
    try:
        with open("/proc/%d/stat" % pid) as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except (OSError, IndexError):
        return False


def _wait_gone(pids: Iterable[int], timeout: float) -> bool:
    pids = list(pids)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.05)
    return not any(_alive(p) for p in pids)


def _kill_pid(pid: int):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _terminate(proc: subprocess.Popen):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def _open_files(pid: int) -> set:
    out = set()
    d = "/proc/%d/fd" % pid
    try:
        for n in os.listdir(d):
            try:
                out.add(os.readlink(os.path.join(d, n)))
            except OSError:
                pass
    except OSError:
        pass
    return out
