#!/usr/bin/env python3
"""Record real QEMU live-migration outcomes for the pairs in this folder.

Each pair is a folder NN-short-name/ holding source.args and destination.args
(QEMU arguments, one per line, no binary name, no -qmp/-incoming). For each
pair this script:

  1. starts the destination with its args plus
     -incoming defer -qmp unix:/tmp/mig-dst.sock,server=on,wait=off
  2. starts the source with its args plus
     -qmp unix:/tmp/mig-src.sock,server=on,wait=off
  3. over QMP (qmp_capabilities first): destination migrate-incoming
     {"uri": "unix:/tmp/mig.sock"}, source migrate {"uri": "unix:/tmp/mig.sock"}
  4. polls query-migrate on the source until completed/failed/cancelled, and
     query-status on the destination until it leaves "inmigrate" or the
     destination process exits (a failed incoming load makes it exit with
     an error on stderr), all within TIMEOUT seconds
  5. quits both QEMUs (QMP quit, kill after a grace period), waits for them,
     removes the sockets, and writes NN-short-name/outcome.txt

Accepted = source query-migrate status "completed" AND the destination is
still alive AND its query-status is not "inmigrate" AND its stderr holds no
load error. Everything else is refused.

outcome.txt: first line "accepted" or "refused", then "key: value" lines:
source-migrate (final query-migrate status on the source), source-status
(query-status), destination-migrate / destination-status (or "(destination
gone)" plus destination-exit when the destination QEMU exited), then every
destination-stderr line. The source's error-desc and stderr are printed
but not recorded: their wording is a race on how the socket closed.

Usage:  python3 run.py            # every pair, rewrites every outcome.txt
        python3 run.py NN-name    # one (or more) pairs
Python 3 standard library only. Pairs run one at a time (fixed socket paths).
"""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

QEMU = os.environ.get("QEMU", "qemu-system-x86_64")
HERE = os.path.dirname(os.path.abspath(__file__))
DST_SOCK = "/tmp/mig-dst.sock"
SRC_SOCK = "/tmp/mig-src.sock"
MIG_SOCK = "/tmp/mig.sock"
MIG_URI = "unix:" + MIG_SOCK
# The "return-path" migration capability is switched on on both sides, so the
# source hears back from the destination: without it the source's final
# status for a stream the destination rejects near its end (device state) is
# a race between "completed" and "failed". MIG_RETURN_PATH=0 switches it off.
RETURN_PATH = os.environ.get("MIG_RETURN_PATH", "1") != "0"
TIMEOUT = 20.0      # seconds for the whole migration (source + destination)
START_TIMEOUT = 10.0  # seconds for a QEMU to open its QMP socket
QUIT_GRACE = 5.0    # seconds between QMP quit and kill

# Lines a destination prints when it rejects the incoming stream.
LOAD_ERROR = re.compile(
    r"load of migration failed|error while loading state|Unknown savevm section"
    r"|Bad config data|Length mismatch|Missing section footer|Failed to load"
    r"|Unknown ramblock|Invalid argument|Operation not permitted|Input/output error",
    re.IGNORECASE,
)


class HarnessError(Exception):
    pass


class QMP:
    """Minimal line-oriented QMP client over a UNIX socket."""

    def __init__(self, path, proc, name):
        self.name = name
        self.proc = proc
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                raise HarnessError(f"{name} QEMU exited with {proc.returncode} before QMP was up")
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(path)
                break
            except OSError:
                s.close()
                if time.monotonic() > deadline:
                    raise HarnessError(f"{name} QMP socket {path} never came up")
                time.sleep(0.05)
        s.settimeout(TIMEOUT)
        self.sock = s
        self.buf = b""
        greeting = self._read()
        if greeting is None or "QMP" not in greeting:
            raise HarnessError(f"{name}: no QMP greeting")
        self.cmd("qmp_capabilities")

    def _read(self):
        """One JSON message, or None on EOF."""
        while b"\n" not in self.buf:
            try:
                chunk = self.sock.recv(65536)
            except (ConnectionResetError, socket.timeout, OSError):
                return None
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        line = line.strip()
        if not line:
            return self._read()
        return json.loads(line)

    def cmd(self, execute, arguments=None):
        """Returns ("return", value), ("error", desc) or (None, None) if the peer is gone."""
        msg = {"execute": execute}
        if arguments is not None:
            msg["arguments"] = arguments
        try:
            self.sock.sendall(json.dumps(msg).encode() + b"\n")
        except OSError:
            return None, None
        while True:
            reply = self._read()
            if reply is None:
                return None, None
            if "return" in reply:
                return "return", reply["return"]
            if "error" in reply:
                return "error", reply["error"].get("desc", str(reply["error"]))
            # else: an asynchronous event; skip it

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def read_args(path):
    with open(path) as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def remove_sockets():
    for p in (DST_SOCK, SRC_SOCK, MIG_SOCK):
        try:
            os.unlink(p)
        except FileNotFoundError:
            pass


def stop(proc, qmp):
    """QMP quit, then kill after QUIT_GRACE; always wait for the process."""
    if proc.poll() is None and qmp is not None:
        qmp.cmd("quit")
    if qmp is not None:
        qmp.close()
    try:
        proc.wait(timeout=QUIT_GRACE)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def migrate_status(qmp):
    kind, value = qmp.cmd("query-migrate")
    if kind is None:
        return None, None
    if kind == "error":
        return "error: " + value, None
    return value.get("status", "none"), value.get("error-desc")


def run_status(qmp):
    kind, value = qmp.cmd("query-status")
    if kind is None:
        return None
    if kind == "error":
        return "error: " + value
    return value.get("status")


def run_pair(name):
    folder = os.path.join(HERE, name)
    src_args = read_args(os.path.join(folder, "source.args"))
    dst_args = read_args(os.path.join(folder, "destination.args"))

    remove_sockets()
    dst_err = tempfile.TemporaryFile()
    src_err = tempfile.TemporaryFile()
    dst = src = None
    dq = sq = None
    facts = []          # (key, value) lines for outcome.txt
    noise = []          # racy details (socket error wording): printed, not recorded
    src_state = None
    dst_alive_after = False
    dst_state = None
    harness_error = None
    try:
        dst = subprocess.Popen(
            [QEMU] + dst_args + ["-incoming", "defer",
                                 "-qmp", f"unix:{DST_SOCK},server=on,wait=off"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=dst_err)
        src = subprocess.Popen(
            [QEMU] + src_args + ["-qmp", f"unix:{SRC_SOCK},server=on,wait=off"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=src_err)
        dq = QMP(DST_SOCK, dst, "destination")
        sq = QMP(SRC_SOCK, src, "source")

        if RETURN_PATH:
            caps = {"capabilities": [{"capability": "return-path", "state": True}]}
            for q in (dq, sq):
                kind, value = q.cmd("migrate-set-capabilities", caps)
                if kind != "return":
                    raise HarnessError(f"{q.name}: migrate-set-capabilities failed: {value}")
        kind, value = dq.cmd("migrate-incoming", {"uri": MIG_URI})
        if kind != "return":
            raise HarnessError(f"migrate-incoming failed: {value}")
        kind, value = sq.cmd("migrate", {"uri": MIG_URI})
        if kind == "error":
            facts.append(("source-migrate-command", "error: " + value))

        deadline = time.monotonic() + TIMEOUT
        src_desc = None
        while True:
            src_state, src_desc = migrate_status(sq)
            if src_state in ("completed", "failed", "cancelled", None) or src_state.startswith("error"):
                break
            if time.monotonic() > deadline:
                src_state = f"timeout ({src_state})"
                break
            time.sleep(0.1)

        while True:
            if dst.poll() is not None:
                break
            dst_state = run_status(dq)
            if dst_state is None:            # QMP connection dropped: destination exiting
                try:
                    dst.wait(timeout=QUIT_GRACE)
                except subprocess.TimeoutExpired:
                    pass
                break
            if dst_state != "inmigrate":
                break
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        # Let a destination that is about to exit (failed load) finish exiting.
        time.sleep(0.5)

        facts.append(("source-migrate", src_state if src_state else "(source gone)"))
        if src_desc:
            noise.append(("source-migrate-error", src_desc))
        s_run = run_status(sq) if src.poll() is None else None
        facts.append(("source-status", s_run if s_run else "(source gone)"))

        if dst.poll() is None:
            d_mig, d_desc = migrate_status(dq)
            d_run = run_status(dq)
            dst_alive_after = d_run is not None and dst.poll() is None
            dst_state = d_run
            facts.append(("destination-migrate", d_mig if d_mig else "(destination gone)"))
            if d_desc:
                facts.append(("destination-migrate-error", d_desc))
            facts.append(("destination-status", d_run if d_run else "(destination gone)"))
        else:
            facts.append(("destination-migrate", "(destination gone)"))
            facts.append(("destination-status", "(destination gone)"))
            facts.append(("destination-exit", str(dst.returncode)))
    except HarnessError as e:
        harness_error = e
    finally:
        if src is not None:
            stop(src, sq)
        if dst is not None:
            stop(dst, dq)
        remove_sockets()

    dst_err.seek(0)
    src_err.seek(0)
    dst_lines = [l for l in dst_err.read().decode(errors="replace").splitlines() if l.strip()]
    src_lines = [l for l in src_err.read().decode(errors="replace").splitlines() if l.strip()]
    dst_err.close()
    src_err.close()
    if harness_error is not None:
        raise HarnessError("\n    ".join([str(harness_error)]
                                          + ["destination-stderr: " + l for l in dst_lines]
                                          + ["source-stderr: " + l for l in src_lines]))

    load_error = any(LOAD_ERROR.search(l) for l in dst_lines)
    accepted = (src_state == "completed" and dst_alive_after
                and dst_state not in (None, "inmigrate") and not load_error)

    out = ["accepted" if accepted else "refused"]
    out += [f"{k}: {v}" for k, v in facts]
    out += [f"destination-stderr: {l}" for l in dst_lines]
    with open(os.path.join(folder, "outcome.txt"), "w") as f:
        f.write("\n".join(out) + "\n")
    # The source's error text and stderr depend on how the socket was torn
    # down (broken pipe, bad file descriptor, connection reset ...) and change
    # from run to run, so they go to the console only.
    noise += [("source-stderr", l) for l in src_lines]
    return out, [f"{k}: {v}" for k, v in noise]


def pairs():
    return sorted(d for d in os.listdir(HERE)
                  if re.match(r"^\d\d-", d) and os.path.isdir(os.path.join(HERE, d)))


def main(argv):
    names = argv[1:] or pairs()
    failed = False
    for name in names:
        name = name.rstrip("/")
        try:
            out, noise = run_pair(name)
        except HarnessError as e:
            print(f"{name}: HARNESS ERROR: {e}", file=sys.stderr)
            failed = True
            continue
        print(f"{name}: {out[0]}")
        for line in out[1:]:
            print(f"    {line}")
        for line in noise:
            print(f"    (not recorded) {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
