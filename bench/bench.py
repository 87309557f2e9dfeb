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


def wall(command, stdin=None, repeat=5):
    """Median wall seconds of running `command`, its output discarded."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_bytes(command):
    """Peak resident memory of one run of `command` (a child of its own, measured by wait4)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return usage.ru_maxrss * 1024


def yaml_files(directory):
    found = []
    for base, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [os.path.join(base, f) for f in sorted(files) if f.endswith((".yaml", ".yml")) and not f.startswith(".")]
    return found


def registry_contents(directory):
    """Model ids with their version names, and implementation ids, read from the generated files."""
    models, implementations = [], []
    for path in yaml_files(directory):
        with open(path) as f:
            text = f.read()
        for line in text.splitlines():
            if line.startswith("model: "):
                models.append([line[len("model: "):], []])
            elif line.startswith("implementation: "):
                implementations.append(line[len("implementation: "):])
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

    floor = wall([args.floor], stdin=file_list, repeat=args.repeat)
    validate = wall([mc, "validate", big], repeat=args.repeat)
    print(f"validate                    {validate:8.3f} s   floor (libyaml parse only) {floor:.3f} s   "
          f"ratio {validate / floor:5.2f}   (target <= 2.0)")

    peak = peak_rss_bytes([mc, "validate", big])
    print(f"validate peak memory        {peak / 2**20:8.1f} MiB  registry YAML {total_bytes / 2**20:.1f} MiB   "
          f"ratio {peak / total_bytes:5.2f}   (target <= 4)")

    # check: an 8-device VM against one destination.
    vm_big = os.path.join(args.work, "vm-big.yaml")
    write_vm(vm_big, "bench-8", [(m, rng.choice(v)) for m, v in rng.sample(models, 8)])
    check_big = wall([mc, "check", vm_big, "--registry", big, "--to", implementations[1]], repeat=args.repeat)
    vm_shipped = os.path.join(args.work, "vm-shipped.yaml")
    write_vm(vm_shipped, "bench-8", [("qemu.org/devices/virtio-net-pci", "8.2")] * 4 + [("qemu.org/devices/virtio-blk-pci", "7.2")] * 3
             + [("vendor-a.com/my-nic", "2")])
    check_shipped = wall([mc, "check", vm_shipped, "--registry", shipped, "--to", "qemu.org/qemu/10.2,vendor-a.com/my-nic-driver/3.1"],
                         repeat=args.repeat)
    print(f"check, 8 devices, 1 dest.   {check_big * 1000:8.1f} ms  on the large registry; {check_shipped * 1000:.1f} ms on the shipped one")

    # batch: 10,000 check requests. Answers stream as they are ready, so the rate after
    # loading is measured between the first answer line and the last one.
    requests_path = os.path.join(args.work, "requests.jsonl")
    with open(requests_path, "w") as f:
        for index in range(10_000):
            model, versions = rng.choice(models)
            f.write(json.dumps({"id": index, "command": "check", "model": model, "version": rng.choice(versions),
                                "to": [[rng.choice(implementations)]]}) + "\n")
    rates, loads = [], []
    for _ in range(max(1, args.repeat // 2)):
        start = time.perf_counter()
        with open(requests_path, "rb") as stdin:
            process = subprocess.Popen([mc, "batch", "--registry", big], stdin=stdin, stdout=subprocess.PIPE,
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
    print(f"batch, 10,000 checks        {statistics.median(rates):8.0f} answers/s after loading "
          f"(first answer after {statistics.median(loads):.2f} s)   (target >= 20,000/s)")

    # matrix: 1,000 VMs x 100 hosts.
    vm_dir = os.path.join(args.work, "vms")
    os.makedirs(vm_dir, exist_ok=True)
    vm_files = []
    for index in range(1000):
        path = os.path.join(vm_dir, f"vm{index:04}.yaml")
        write_vm(path, f"vm{index:04}", [(m, rng.choice(v)) for m, v in rng.sample(models, 4)])
        vm_files.append(path)
    hosts = os.path.join(args.work, "hosts.yaml")
    with open(hosts, "w") as f:
        f.write("hosts:\n")
        for index in range(100):
            chosen = rng.sample(implementations, 2)
            f.write(f"  host{index:03}: [{', '.join(chosen)}]\n")
    matrix = wall([mc, "matrix", *vm_files, "--hosts", hosts, "--registry", big, "--format", "csv"], repeat=max(1, args.repeat // 2))
    print(f"matrix, 1,000 VMs x 100 hosts {matrix:6.2f} s   (target <= 2)")


if __name__ == "__main__":
    main()
