#!/usr/bin/env python3
"""Real-QEMU benchmark (SPEC 10): reading a running guest over QMP, probe, probe --verify, and the
shipped registry's size and the latency of validate, check and expand on it.

Each figure is printed with a baseline measured in the same run: the cost of one bare QMP session
(connect, greeting, qmp_capabilities) for the QMP read, and `qemu-system-x86_64 -machine none`
starting and quitting for probe. Usage: bash bench/run-qemu (builds, then runs this).
"""
import argparse, json, os, socket, statistics, subprocess, tempfile, time

def median_time(command, runs=5, **kwargs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, **kwargs)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

def bare_qmp_session(path):
    start = time.perf_counter()
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    f = s.makefile("rw")
    f.readline()
    f.write('{"execute":"qmp_capabilities"}\n'); f.flush(); f.readline()
    s.close()
    return time.perf_counter() - start

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--migcheck", required=True)
    parser.add_argument("--root", required=True)
    args = parser.parse_args()
    fixtures = os.path.join(args.root, "Tests/QEMUAdapterTests/Fixtures/libvirt/runnable")
    registry = os.path.join(args.root, "registry")
    env = dict(os.environ, MIGCHECK_REGISTRY=registry)
    print("real QEMU (qemu-system-x86_64 %s)" % subprocess.run(
        ["qemu-system-x86_64", "--version"], capture_output=True, text=True).stdout.split("\n")[0].split("version ")[-1])
    for guest in ["q35guest", "pcguest"]:
        with tempfile.TemporaryDirectory() as work:
            sock = os.path.join(work, "qmp.sock")
            arguments = open(os.path.join(fixtures, guest + ".args")).read().split("\n")
            qemu = subprocess.Popen(["qemu-system-x86_64"] + [a for a in arguments if a] +
                                    ["-qmp", "unix:%s,server=on,wait=off" % sock],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                while not os.path.exists(sock):
                    time.sleep(0.02)
                devices = len(json.loads(subprocess.run([args.migcheck, "vm", "qmp:" + sock, "--format", "json"],
                                                        capture_output=True, text=True, env=env).stdout)["devices"])
                floor = statistics.median(bare_qmp_session(sock) for _ in range(5))
                read = median_time([args.migcheck, "vm", "qmp:" + sock], env=env)
                check = median_time([args.migcheck, "check", "qmp:" + sock, "--to", "qemu.org/qemu/7.2"], env=env)
                print("  %-9s %2d devices: vm qmp: %.3f s (target < 1 s), check qmp: %.3f s; bare QMP session %.4f s (x%.0f)"
                      % (guest, devices, read, check, floor, read / floor))
            finally:
                qemu.terminate(); qemu.wait()
    start_quit = median_time(["qemu-system-x86_64", "-machine", "none", "-nodefaults", "-S", "-display", "none",
                              "-qmp", "stdio"], runs=5, input=b'{"execute":"qmp_capabilities"}\n{"execute":"quit"}\n')
    probe = median_time([args.migcheck, "probe"], env=env)
    print("  probe: %.3f s (target < 5 s); QEMU start and quit alone %.3f s (x%.1f)" % (probe, start_quit, probe / start_quit))
    start = time.perf_counter()
    verify = subprocess.run([args.migcheck, "probe", "--verify", "qemu.org/qemu/7.2"], capture_output=True, text=True, env=env)
    print("  probe --verify qemu.org/qemu/7.2: %.1f s (target < 60 s), exit %d: %s" % (
        time.perf_counter() - start, verify.returncode, verify.stderr.strip().split("\n")[-1]))
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(registry) for f in fs if f.endswith(".yaml"))
    files = sum(1 for d, _, fs in os.walk(registry) for f in fs if f.endswith(".yaml"))
    print("shipped registry: %d files, %.0f KiB of YAML" % (files, size / 1024))
    print("  validate: %.1f ms" % (1000 * median_time([args.migcheck, "validate", registry], runs=9)))
    vm = os.path.join(args.root, "Tests/QEMUAdapterTests/Fixtures/libvirt/q35guest.log")
    print("  check qemu-args:q35guest.log --to qemu.org/qemu/7.2: %.1f ms (target < 30 ms)" % (
        1000 * median_time([args.migcheck, "check", "qemu-args:" + vm, "--to", "qemu.org/qemu/7.2"], runs=9, env=env)))
    print("  expand virtio-net-pci --version 7.2: %.1f ms" % (1000 * median_time(
        [args.migcheck, "expand", "qemu.org/devices/virtio-net-pci", "--version", "7.2"], runs=9, env=env)))
    print("  bare process (migcheck --version): %.1f ms" % (1000 * median_time([args.migcheck, "--version"], runs=9)))

if __name__ == "__main__":
    main()
