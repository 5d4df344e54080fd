"""Trains OT-CFM from N(0, I) with the torchcfm runner's own modules and rules (N -> scurve).

As train_runner.py, but for a data module that is not a trajectory (SKLearnDataModule): one
shuffled loader of 512 that keeps the last, partial batch (20 batches per epoch), 1000 epochs;
each batch's sources are fresh N(0, I) draws paired with its targets by a plan drawn from the
exact OT plan, in training and in validation; the validation loss (every 10 epochs) is the mean
over the 1 000 validation points in batches of 512 and 488. The 10 000 test sources are N(0, I)
draws from the run's stream after training.

usage: train_runner_gaussian.py DATA_DIR SEED OUT_PREFIX [EPOCHS]
  DATA_DIR holds train_target.csv and val_target.csv; writes OUT_PREFIX-last.csv, -bestval.csv
  and -ema.csv.
"""
import copy
import os
import random
import sys

import numpy as np
import torch
from torch.utils.data import DataLoader

RUNNER = os.environ.get("RUNNER", "/work/scratch/runner")
sys.path.insert(0, os.path.join(RUNNER, "runner"))
sys.path.insert(0, RUNNER)
from src.models.components.simple_mlp import VelocityNet  # noqa: E402
from torchcfm.optimal_transport import OTPlanSampler  # noqa: E402

data, seed, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
torch.set_num_threads(1)
random.seed(seed)
np.random.seed(seed)
torch.manual_seed(seed)


def load(name):
    rows = np.loadtxt(f"{data}/{name}.csv", delimiter=",")
    return torch.tensor(rows, dtype=torch.float32)


train, val = load("train_target"), load("val_target")
net = VelocityNet(dim=2, hidden_dims=[64, 64, 64], batch_norm=False, activation="selu")
opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-5)
ot = OTPlanSampler(method="exact")
sigma = 0.1
mse = torch.nn.MSELoss()
ema = copy.deepcopy(net)
loader = DataLoader(train, batch_size=512, shuffle=True)


def loss(x1):
    x0 = torch.randn_like(x1)
    t = torch.rand(x1.shape[0])
    x0, x1 = ot.sample_plan(x0, x1)
    x = t[:, None] * x1 + (1 - t[:, None]) * x0 + sigma * torch.randn_like(x0)
    return mse(net(t, x), x1 - x0)


best, best_state, best_epoch = float("inf"), None, -1
for epoch in range(epochs):
    net.train()
    for x1 in loader:
        opt.zero_grad()
        value = loss(x1)
        value.backward()
        opt.step()
        with torch.no_grad():
            for pe, p in zip(ema.parameters(), net.parameters()):
                pe.mul_(0.999).add_(p, alpha=0.001)
    if (epoch + 1) % 10 == 0:
        with torch.no_grad():
            batches = [val[:512], val[512:]]
            v = sum(loss(b).item() * len(b) for b in batches) / len(val)
        if v < best:
            best, best_state, best_epoch = v, copy.deepcopy(net.state_dict()), epoch + 1
        print(f"epoch {epoch + 1} train {value.item():.4f} val {v:.4f}", flush=True)

test_sources = torch.randn(10000, 2)


def sample(model):
    x = test_sources.clone()
    with torch.no_grad():
        for k in range(100):
            x = x + 0.01 * model(torch.tensor(k / 100.0), x)
    return x.numpy()


np.savetxt(f"{out}-last.csv", sample(net), delimiter=",")
np.savetxt(f"{out}-ema.csv", sample(ema), delimiter=",")
net.load_state_dict(best_state)
np.savetxt(f"{out}-bestval.csv", sample(net), delimiter=",")
print(f"best epoch {best_epoch} val {best:.4f}")
