"""The DLCore benchmarks in PyTorch and NumPy, for a side-by-side comparison.

Usage: python3 Benchmarks/dlcore_peer.py --threads N [--seconds S]
Set OPENBLAS_NUM_THREADS / OMP_NUM_THREADS to N before starting Python (run-dlcore.sh does) so
NumPy's BLAS uses N threads; PyTorch's intra-op threads are set with torch.set_num_threads.
Prints one line per measurement in the same format as `nbrun-bench dlcore`.
"""
import argparse
import time

import numpy as np
import torch
import torch.nn.functional as F


def rate(seconds, body, warmup=5):
    """Calls per wall-clock second and per second of this process's CPU time."""
    for _ in range(warmup):
        body()
    calls = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    while True:
        body()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return calls / elapsed, calls / (time.process_time() - cpu_start)


def moons(count, noise, rng):
    outer = count // 2
    inner = count - outer
    t0 = np.linspace(0, np.pi, outer)
    t1 = np.linspace(0, np.pi, inner)
    x = np.concatenate([np.stack([np.cos(t0), np.sin(t0)], 1), np.stack([1 - np.cos(t1), 0.5 - np.sin(t1)], 1)])
    y = np.concatenate([np.zeros(outer), np.ones(inner)])
    return x + noise * rng.standard_normal(x.shape), y


def training_rate(widths, dtype, seconds):
    torch.manual_seed(0)
    x, y = moons(10_000, 0.1, np.random.default_rng(1))
    inputs = torch.tensor(x, dtype=dtype)
    labels = torch.tensor(y, dtype=torch.long)
    layers = []
    for i in range(len(widths) - 1):
        if i > 0:
            layers.append(torch.nn.ReLU())
        layers.append(torch.nn.Linear(widths[i], widths[i + 1], dtype=dtype))
    net = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    last = [0.0]

    def step():
        loss = F.cross_entropy(net(inputs), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
        last[0] = loss.item()

    return rate(seconds, step), last[0]


def matmul_rate(n, seconds):
    rng = np.random.default_rng(1)
    a = rng.standard_normal((n, n))
    b = rng.standard_normal((n, n))
    wall, cpu = rate(seconds, lambda: a @ b, warmup=2)
    return wall * 2 * n ** 3 / 1e9, cpu * 2 * n ** 3 / 1e9


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"PyTorch {torch.__version__} / NumPy {np.__version__}, threads: {args.threads}")
    for widths in ([2, 4, 3, 2], [2, 64, 64, 2]):
        name = "-".join(map(str, widths))
        for dtype, label in ((torch.float64, "float64"), (torch.float32, "float32")):
            steps, loss = training_rate(widths, dtype, args.seconds)
            print(f"train {name} Adam+CE 10000 pts ({label}): {steps[0]:8.1f} steps/s  "
                  f"({steps[1]:8.1f} per CPU-s, loss {loss:.4f})")
    for n in (256, 512, 1024):
        wall, cpu = matmul_rate(n, args.seconds)
        print(f"numpy matmul {n:4d} x {n:4d}: {wall:6.1f} GFLOP/s  ({cpu:6.1f} per CPU-s)")


if __name__ == "__main__":
    main()
