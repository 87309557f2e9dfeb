#!/usr/bin/env python3
"""Measures migcheck on a large registry against the libyaml parse-only floor.

Every figure is measured in this run; each wall time is the median of --repeat runs.
"""
import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import time


def measure(command, stdin=None):
    """Wall seconds, CPU seconds (user + system, every thread) and peak resident bytes of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if stdin is not None:
        process.stdin.write(stdin)
        process.stdin.close()
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def median_of(command, stdin=None, repeat=5):
    """The medians of `measure` over `repeat` runs: (wall, cpu, peak)."""
    runs = [measure(command, stdin) for _ in range(repeat)]
    return tuple(statistics.median(run[index] for run in runs) for index in range(3))


def wall(command, stdin=None, repeat=5):
    """Median wall seconds of running `command`, its output discarded."""
    return median_of(command, stdin, repeat)[0]


def instructions(command, stdin=None):
    """Instructions executed, every thread, counted by callgrind (does not vary with the machine's load)."""
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command], input=stdin,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False).stderr.decode()
    for line in out.splitlines():
        if "Collected :" in line:
            return int(line.split("Collected :")[1].strip())
    raise RuntimeError("callgrind printed no total:\n" + out[-2000:])


def target(ok, text):
    return f"(target {text}: {'met' if ok else 'NOT met'})"


def yaml_files(directory):
    found = []
    for base, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [os.path.join(base, f) for f in sorted(files) if f.endswith((".yaml", ".yml")) and not f.startswith(".")]
    return found


def registry_contents(directory):
    """Model ids with their version names, and implementation ids, read from the files' lines."""
    models, implementations = [], []
    for path in yaml_files(directory):
        with open(path) as f:
            text = f.read()
        for line in text.splitlines():
            if line.startswith("model: "):
                models.append([line[len("model: "):].strip().strip('"'), []])
            elif line.startswith("implementation: "):
                implementations.append(line[len("implementation: "):].strip().strip('"'))
            elif line.startswith("  - version: ") and models:
                models[-1][1].append(line.split('"')[1])
    return models, implementations


def write_vm(path, name, devices):
    lines = [f"vm: {name}", "devices:"]
    for index, (model, version) in enumerate(devices):
        lines += [f"  - id: dev{index}", f"    model: {model}", f'    version: "{version}"']
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--migcheck", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--registry", required=True)
    ap.add_argument("--shipped", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--instructions", action="store_true",
                    help="also count instructions with callgrind (about two minutes more)")
    args = ap.parse_args()
    rng = random.Random(7)
    mc, big, shipped = args.migcheck, args.registry, args.shipped

    files = yaml_files(big)
    total_bytes = sum(os.path.getsize(f) for f in files)
    file_list = ("\n".join(files) + "\n").encode()
    models, implementations = registry_contents(big)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
    print(f"registry: {len(files)} files, {total_bytes / 2**20:.1f} MiB, {len(models)} models, {len(implementations)} implementations")
    print()

    # The floor and validate in turns, and the ratio the median of each pair's: the machine's speed
    # drifts over seconds (other guests on its host), and a block of floors measured before a block
    # of validates would carry the drift into the ratio, either way.
    pairs = [(measure([args.floor], stdin=file_list), measure([mc, "validate", big])) for _ in range(2 * args.repeat + 1)]
    floor_wall, floor_cpu = (statistics.median(floor[index] for floor, _ in pairs) for index in range(2))
    validate_wall, validate_cpu, validate_peak = (statistics.median(run[index] for _, run in pairs) for index in range(3))
    ratio = statistics.median(run[1] / floor[1] for floor, run in pairs)
    print(f"validate, CPU time          {validate_cpu:8.3f} s   floor (libyaml parse only) {floor_cpu:.3f} s   "
          f"ratio {ratio:5.2f}   {target(ratio <= 1.5, '<= 1.5, moonshot 1.2')}")
    print(f"validate, wall time         {validate_wall:8.3f} s   floor {floor_wall:.3f} s   "
          f"ratio {statistics.median(run[0] / floor[0] for floor, run in pairs):5.2f}"
          f"   (on {os.cpu_count()} cores; the floor uses one)")
    if args.instructions:
        floor_count = instructions([args.floor], stdin=file_list)
        validate_count = instructions([mc, "validate", big])
        ratio = validate_count / floor_count
        print(f"validate, instructions      {validate_count / 1e9:8.2f} G   floor {floor_count / 1e9:.2f} G   "
              f"ratio {ratio:5.2f}   {target(ratio <= 1.5, '<= 1.5')}")
    ratio = validate_peak / total_bytes
    print(f"validate, peak memory       {validate_peak / 2**20:8.1f} MiB  registry YAML {total_bytes / 2**20:.1f} MiB   "
          f"ratio {ratio:5.2f}   {target(ratio <= 1.5, '<= 1.5')}")

    # One VM's questions: an 8-device VM against one destination; the registry is read in part.
    vm_big = os.path.join(args.work, "vm-big.yaml")
    write_vm(vm_big, "bench-8", [(m, rng.choice(v)) for m, v in rng.sample(models, 8)])
    destination = ["--to", implementations[1]]
    for name, command in [("check", [mc, "check", vm_big, *destination]), ("baseline", [mc, "baseline", vm_big, *destination]),
                          ("expand", [mc, "expand", models[0][0], "--for", implementations[1]])]:
        seconds = wall([*command, "--registry", big], repeat=args.repeat)
        print(f"{name + ', one VM':<27} {seconds * 1000:8.1f} ms  {seconds / floor_wall:5.2f} x the floor's wall time   "
              f"{target(seconds < 0.1, '< 100 ms')}")
    vm_shipped = os.path.join(args.work, "vm-shipped.yaml")
    write_vm(vm_shipped, "bench-8", [("qemu.org/devices/virtio-net-pci", "8.2")] * 4 + [("qemu.org/devices/virtio-blk-pci", "7.2")] * 3
             + [("vendor-a.com/my-nic", "2")])
    check_shipped = wall([mc, "check", vm_shipped, "--registry", shipped, "--to", "qemu.org/qemu/10.2,vendor-a.com/my-nic-driver/3.1"],
                         repeat=args.repeat)
    print(f"check, one VM, shipped      {check_shipped * 1000:8.1f} ms")

    # batch: 10,000 check requests. Answers stream as they are ready, so the rate after
    # loading is measured between the first answer line and the last one.
    shipped_models, shipped_implementations = registry_contents(shipped)
    for name, registry, (some_models, some_implementations), goal in [
            ("large", big, (models, implementations), 50_000),
            ("shipped", shipped, (shipped_models, shipped_implementations), 100_000)]:
        some_models = [(m, v) for m, v in some_models if v]
        requests_path = os.path.join(args.work, f"requests-{name}.jsonl")
        with open(requests_path, "w") as f:
            for index in range(10_000):
                model, versions = rng.choice(some_models)
                f.write(json.dumps({"id": index, "command": "check", "model": model, "version": rng.choice(versions),
                                    "to": [[rng.choice(some_implementations)]]}) + "\n")
        rates, loads = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            with open(requests_path, "rb") as stdin:
                process = subprocess.Popen([mc, "batch", "--registry", registry], stdin=stdin, stdout=subprocess.PIPE,
                                           stderr=subprocess.DEVNULL)
                first = process.stdout.readline()
                first_at = time.perf_counter()
                answers = 1 if first else 0
                for _ in process.stdout:
                    answers += 1
                last_at = time.perf_counter()
                process.wait()
            loads.append(first_at - start)
            rates.append((answers - 1) / max(last_at - first_at, 1e-9))
        rate = statistics.median(rates)
        print(f"batch, 10,000 checks, {name:<8}{rate:7.0f} answers/s after loading "
              f"(first answer after {statistics.median(loads):.2f} s)   {target(rate >= goal, f'>= {goal:,}/s')}")

    # matrix: 1,000 VMs x 100 hosts, timed; 4,000 VMs x 400 hosts, its memory.
    vm_dir = os.path.join(args.work, "vms")
    os.makedirs(vm_dir, exist_ok=True)
    vm_files = []
    for index in range(4000):
        path = os.path.join(vm_dir, f"vm{index:04}.yaml")
        write_vm(path, f"vm{index:04}", [(m, rng.choice(v)) for m, v in rng.sample(models, 4)])
        vm_files.append(path)
    for count in (100, 400):
        with open(os.path.join(args.work, f"hosts-{count}.yaml"), "w") as f:
            f.write("hosts:\n")
            for index in range(count):
                chosen = rng.sample(implementations, 2)
                f.write(f"  host{index:03}: [{', '.join(chosen)}]\n")
    matrix = wall([mc, "matrix", *vm_files[:1000], "--hosts", os.path.join(args.work, "hosts-100.yaml"), "--registry", big,
                   "--format", "csv"], repeat=max(1, args.repeat // 2))
    print(f"matrix, 1,000 VMs x 100 hosts {matrix:6.2f} s   {matrix / floor_wall:5.2f} x the floor's wall time")
    _, _, peak = measure([mc, "matrix", *vm_files, "--hosts", os.path.join(args.work, "hosts-400.yaml"), "--registry", big,
                          "--format", "csv"])
    print(f"matrix, 4,000 VMs x 400 hosts {peak / 2**20:6.1f} MiB peak memory   {target(peak < 100 * 2**20, '< 100 MiB')}")

if __name__ == "__main__":
    main()
