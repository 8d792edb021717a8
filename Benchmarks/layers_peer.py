#!/usr/bin/env python3
"""PyTorch peer of `nbrun-bench layers`: the same cases, same sizes, same output format.

    python3 Benchmarks/layers_peer.py --threads 1 [--dtype float64|float32] [--seconds 2]
"""

import argparse
import time

import torch
from torch import nn

parser = argparse.ArgumentParser()
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--dtype", default="float64", choices=["float64", "float32"])
parser.add_argument("--seconds", type=float, default=2.0)
args = parser.parse_args()

torch.set_num_threads(args.threads)
torch.set_default_dtype(getattr(torch, args.dtype))
torch.manual_seed(0)


def median_ms(body):
    """Median wall and process-CPU milliseconds (all threads) per call, after 3 warm-up calls."""
    for _ in range(3):
        body()
    times, cpu_times = [], []
    start = time.perf_counter()
    while len(times) < 5 or time.perf_counter() - start < args.seconds:
        t0, c0 = time.perf_counter(), time.process_time()
        body()
        cpu_times.append(time.process_time() - c0)
        times.append(time.perf_counter() - t0)
    times.sort()
    cpu_times.sort()
    return times[len(times) // 2] * 1000, cpu_times[len(cpu_times) // 2] * 1000


def report(name, body):
    wall, cpu = median_ms(body)
    print(f"{name} {wall:.3f}")
    print(f"{name}_cpu {cpu:.3f}")


print(f"# PyTorch {torch.__version__} ({args.dtype}), threads {torch.get_num_threads()}")

lstm = nn.LSTM(32, 64)
sequence = torch.randn(50, 64, 32)


def lstm_forward():
    with torch.no_grad():
        lstm(sequence)


def lstm_training():
    lstm.zero_grad()
    lstm(sequence)[0].sum().backward()


report("lstm_forward", lstm_forward)
report("lstm_forward_backward", lstm_training)

attention = nn.MultiheadAttention(64, 8, batch_first=True)
tokens = torch.randn(32, 65, 64)


def attention_forward():
    with torch.no_grad():
        attention(tokens, tokens, tokens, need_weights=True, average_attn_weights=False)


def attention_training():
    attention.zero_grad()
    out, _ = attention(tokens, tokens, tokens, need_weights=True, average_attn_weights=False)
    out.sum().backward()


report("attention_forward", attention_forward)
report("attention_forward_backward", attention_training)
