#!/usr/bin/env python3
"""Turn a libvirt QEMU log (NAME.log) into runnable/NAME.args.

Usage: python3 make_runnable.py NAME.log > runnable/NAME.args

Reads the command line libvirt logged (the shell-quoted lines from the
`/usr/bin/qemu-system-x86_64 \\` line up to the first line that does not end
in a backslash), and prints QEMU arguments, one per line, that start the same
guest without libvirt, root, swtpm, disk images or a display.  Every -device
argument is copied byte for byte, except the TPM device (see README.md).
"""
import json
import shlex
import sys

# Options that are dropped together with their value.
DROP_WITH_VALUE = {
    "-name", "-uuid", "-mon", "-sandbox", "-msg", "-display", "-vnc",
    "-spice", "-accel", "-qmp", "-monitor",
}
# Options without a value that are dropped (re-added below where needed).
DROP_FLAG = {"-S", "-no-user-config", "-nodefaults"}
# Options without a value that are kept.
KEEP_FLAG = {"-no-hpet", "-no-shutdown"}

PREFIX = ["-S", "-accel", "tcg", "-nodefaults", "-display", "none"]


def logged_argv(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("/usr/bin/qemu-system"))
    cmd = []
    for line in lines[start:]:
        if line.endswith(" \\"):
            cmd.append(line[:-2])
        else:
            cmd.append(line)
            break
    return shlex.split(" ".join(cmd))[1:]  # without the binary


def opt_id(value):
    """id= of a QEMU option value, JSON or key=value form."""
    if value.startswith("{"):
        return json.loads(value).get("id")
    for part in value.split(","):
        if part.startswith("id="):
            return part[3:]
    return None


def main(path):
    argv = logged_argv(path)
    pairs = []  # (option, value-or-None)
    i = 0
    while i < len(argv):
        opt = argv[i]
        if opt in DROP_FLAG or opt in KEEP_FLAG:
            pairs.append((opt, None))
            i += 1
        else:
            pairs.append((opt, argv[i + 1]))
            i += 2

    # Node names the -device options attach (drive=...), and TPM wiring.
    drives = {}
    tpm_chardevs, tpm_devs = set(), set()
    for opt, val in pairs:
        if opt == "-device":
            d = json.loads(val)
            if "drive" in d:
                drives[d["drive"]] = d
        if opt == "-tpmdev":
            tpm_devs.add(opt_id(val))
            for part in val.split(","):
                if part.startswith("chardev="):
                    tpm_chardevs.add(part[len("chardev="):])
    monitor_chardevs = {
        part[len("chardev="):]
        for opt, val in pairs if opt == "-mon"
        for part in val.split(",") if part.startswith("chardev=")
    }

    out = list(PREFIX)
    for opt, val in pairs:
        if opt in DROP_WITH_VALUE or opt in DROP_FLAG:
            continue
        if opt == "-object":
            o = json.loads(val)
            if o["qom-type"] == "secret":  # libvirt's master key file
                continue
            if o["qom-type"] == "rng-random":
                o["filename"] = "/dev/urandom"
                val = json.dumps(o, separators=(",", ":"))
            out += [opt, val]
        elif opt == "-blockdev":
            b = json.loads(val)
            node = b["node-name"]
            if node not in drives:  # the protocol (file) layer: dropped
                continue
            nb = {"driver": "null-co", "node-name": node}
            if b.get("read-only") or drives[node]["driver"] in ("ide-cd", "scsi-cd"):
                nb["read-only"] = True
            out += [opt, json.dumps(nb, separators=(",", ":"))]
        elif opt == "-netdev":
            out += [opt, json.dumps({"type": "user", "id": opt_id(val)}, separators=(",", ":"))]
        elif opt == "-chardev":
            cid = opt_id(val)
            if cid in monitor_chardevs or cid in tpm_chardevs:
                continue
            out += [opt, "null,id=" + cid]
        elif opt == "-tpmdev":
            continue
        elif opt == "-device":
            d = json.loads(val)
            if d.get("tpmdev") in tpm_devs:
                continue
            out += [opt, val]  # byte for byte
        elif opt == "-audiodev":
            a = json.loads(val)
            out += [opt, json.dumps({"id": a["id"], "driver": "none"}, separators=(",", ":"))]
        elif val is None:
            out.append(opt)
        else:
            out += [opt, val]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
