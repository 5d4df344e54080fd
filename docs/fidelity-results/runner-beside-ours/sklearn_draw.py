"""Draws N -> scurve as the torchcfm runner's SKLearnDataModule does (datamodule/scurve.yaml).

The runner calls make_s_curve(12000, noise=0.05, random_state=42), keeps columns 0 and 2 times
1.5 and splits [10000, 1000, 1000] with a generator seeded 42, for every run. Its test split has
1 000 points; the paper's W2 is a 10 000-point one, so the test targets here are a separate draw
of 10 000 points (random_state TEST_SEED).

usage: sklearn_draw.py TEST_SEED OUT_DIR
"""
import os
import sys

import numpy as np
import sklearn.datasets
import torch
from torch.utils.data import random_split


def scurve(n, seed):
    points, _ = sklearn.datasets.make_s_curve(n_samples=n, noise=0.05, random_state=seed)
    return (np.vstack([points[:, 0], points[:, 2]]).T * 1.5).astype(np.float32)


test_seed, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
rows = torch.from_numpy(scurve(12000, 42))
parts = random_split(rows, [10000, 1000, 1000], generator=torch.Generator().manual_seed(42))
np.savetxt(f"{out}/train_target.csv", rows[parts[0].indices].numpy(), delimiter=",")
np.savetxt(f"{out}/val_target.csv", rows[parts[1].indices].numpy(), delimiter=",")
np.savetxt(f"{out}/test_target.csv", scurve(10000, test_seed), delimiter=",")
