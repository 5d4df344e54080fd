"""Trains OT-CFM on moons -> 8gaussians with the torchcfm runner's own modules and rules.

The runner (atong01/conditional-flow-matching, runner/, commit cacd4dc) needs Lightning, Hydra
and torchdyn to start; this driver replaces only that loop. It imports the runner's network
(VelocityNet: [t, x] -> 3 x 64 SELU, no batch norm, as model/cfm.yaml) and torchcfm's exact
OTPlanSampler, and follows CFMLitModule for a two-marginal data module:

  training: two shuffled loaders of 512 with drop_last (19 batches per epoch), 1000 epochs;
            pairs drawn from the exact plan, t ~ U(0, 1), x = t x1 + (1 - t) x0 + 0.1 eps,
            MSE of v(t, x) against x1 - x0, AdamW lr 1e-3, weight decay 1e-5
  validation: every 10 epochs, the same loss on the first 512 validation points with
            independent pairs; the weights with the lowest value are kept (ModelCheckpoint)
  test: 100 Euler steps from the test sources with the last, the kept and, as an extra, an
            exponential moving average (decay 0.999) of the weights

usage: train_runner.py DATA_DIR SEED OUT_PREFIX [EPOCHS]
  DATA_DIR holds train_source.csv, train_target.csv, val_source.csv, val_target.csv and
  test_source.csv (rows "x,y"); writes OUT_PREFIX-last.csv, -bestval.csv and -ema.csv.
  RUNNER is the directory holding the runner's runner/src and torchcfm (default
  /work/scratch/runner).
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


tr0, tr1 = load("train_source"), load("train_target")
va0, va1 = load("val_source"), load("val_target")
te0 = load("test_source")
net = VelocityNet(dim=2, hidden_dims=[64, 64, 64], batch_norm=False, activation="selu")
opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-5)
ot = OTPlanSampler(method="exact")
sigma = 0.1
mse = torch.nn.MSELoss()
ema = copy.deepcopy(net)
l0 = DataLoader(tr0, batch_size=512, shuffle=True, drop_last=True)
l1 = DataLoader(tr1, batch_size=512, shuffle=True, drop_last=True)


def loss(x0, x1):
    t = torch.rand(x0.shape[0])
    x = t[:, None] * x1 + (1 - t[:, None]) * x0 + sigma * torch.randn_like(x0)
    return mse(net(t, x), x1 - x0)


best, best_state, best_epoch = float("inf"), None, -1
for epoch in range(epochs):
    net.train()
    for b0, b1 in zip(l0, l1):
        x0, x1 = ot.sample_plan(b0, b1)
        opt.zero_grad()
        value = loss(x0, x1)
        value.backward()
        opt.step()
        with torch.no_grad():
            for pe, p in zip(ema.parameters(), net.parameters()):
                pe.mul_(0.999).add_(p, alpha=0.001)
    if (epoch + 1) % 10 == 0:
        with torch.no_grad():
            v = loss(va0[:512], va1[:512]).item()
        if v < best:
            best, best_state, best_epoch = v, copy.deepcopy(net.state_dict()), epoch + 1
        print(f"epoch {epoch + 1} train {value.item():.4f} val {v:.4f}", flush=True)


def sample(model):
    x = te0.clone()
    with torch.no_grad():
        for k in range(100):
            x = x + 0.01 * model(torch.tensor(k / 100.0), x)
    return x.numpy()


np.savetxt(f"{out}-last.csv", sample(net), delimiter=",")
np.savetxt(f"{out}-ema.csv", sample(ema), delimiter=",")
net.load_state_dict(best_state)
np.savetxt(f"{out}-bestval.csv", sample(net), delimiter=",")
print(f"best epoch {best_epoch} val {best:.4f}")
