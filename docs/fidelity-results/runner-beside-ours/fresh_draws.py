"""Draws moons -> 8gaussians as the torchcfm runner's TwoDimDataModule does, with fixed seeds.

The runner calls data_distrib(12000, "moon", seed) and data_distrib(12000, "8gaussians", seed)
with seed None (fresh entropy per run) and splits each draw [10000, 1000, 1000] with a generator
seeded 42. Here the moons are drawn with numpy seed 600 + K and the 8 Gaussians with 700 + K; the
test sets are separate 10 000-point draws (moons 900 + K, 8 Gaussians 800 + K), since the paper's
W2 is a 10 000-point one.

usage: fresh_draws.py K OUT_DIR   (RUNNER as in runner_common.py)
"""
import os
import sys

import numpy as np
import torch
from torch.utils.data import random_split

import runner_common  # noqa: F401  (puts the runner's source on the path)
from src.datamodules.components.two_dim import data_distrib  # noqa: E402

k, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)


def split(x):
    generator = torch.Generator().manual_seed(42)
    parts = random_split(x, [10000, 1000, 1000], generator=generator)
    return [x[p.indices].numpy() for p in parts]


source = split(data_distrib(12000, "moon", 600 + k))
target = split(data_distrib(12000, "8gaussians", 700 + k))
sets = {
    "train_source": source[0],
    "train_target": target[0],
    "val_source": source[1],
    "val_target": target[1],
    "test_source": data_distrib(10000, "moon", 900 + k).numpy(),
    "test_target": data_distrib(10000, "8gaussians", 800 + k).numpy(),
}
for name, rows in sets.items():
    np.savetxt(f"{out}/{name}.csv", rows, delimiter=",")
