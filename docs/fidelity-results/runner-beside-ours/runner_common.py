"""What train_runner.py and train_runner_gaussian.py share: the runner's modules, the seeding,
the network and optimizer of model/cfm.yaml, the average of the weights, the checkpoint kept by
the lowest validation loss and the 100 Euler steps of the test.

RUNNER is the directory holding the runner's runner/src and torchcfm (commit cacd4dc; default
/work/scratch/runner).
"""
import copy
import os
import random
import sys

import numpy as np
import torch

RUNNER = os.environ.get("RUNNER", "/work/scratch/runner")
sys.path.insert(0, os.path.join(RUNNER, "runner"))
sys.path.insert(0, RUNNER)
from src.models.components.simple_mlp import VelocityNet  # noqa: E402
from torchcfm.optimal_transport import OTPlanSampler  # noqa: E402

SIGMA = 0.1


def arguments():
    """DATA_DIR SEED OUT_PREFIX [EPOCHS] from the command line."""
    epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    return sys.argv[1], int(sys.argv[2]), sys.argv[3], epochs


def seed_everything(seed):
    """One thread, and Python's, NumPy's and torch's generators seeded as Lightning does."""
    torch.set_num_threads(1)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def load(data, name):
    """DATA_DIR/name.csv (rows "x,y") as a float32 tensor."""
    rows = np.loadtxt(f"{data}/{name}.csv", delimiter=",")
    return torch.tensor(rows, dtype=torch.float32)


class Training:
    """The network, AdamW, the exact plan sampler, the averaged weights and the kept checkpoint."""

    def __init__(self):
        self.net = VelocityNet(dim=2, hidden_dims=[64, 64, 64], batch_norm=False, activation="selu")
        self.optimizer = torch.optim.AdamW(self.net.parameters(), lr=1e-3, weight_decay=1e-5)
        self.plan = OTPlanSampler(method="exact")
        self.mse = torch.nn.MSELoss()
        self.ema = copy.deepcopy(self.net)
        self.best, self.best_state, self.best_epoch = float("inf"), None, -1

    def loss(self, x0, x1, t):
        """MSE of v(t, x) against x1 - x0 at x = t x1 + (1 - t) x0 + sigma eps."""
        x = t[:, None] * x1 + (1 - t[:, None]) * x0 + SIGMA * torch.randn_like(x0)
        return self.mse(self.net(t, x), x1 - x0)

    def step(self, value):
        """One AdamW update from the loss value, then the average (decay 0.999)."""
        self.optimizer.zero_grad()
        value.backward()
        self.optimizer.step()
        with torch.no_grad():
            for pe, p in zip(self.ema.parameters(), self.net.parameters()):
                pe.mul_(0.999).add_(p, alpha=0.001)

    def validated(self, epoch, train_loss, val_loss):
        """Keeps the weights with the lowest validation loss so far and prints the epoch."""
        if val_loss < self.best:
            self.best, self.best_epoch = val_loss, epoch
            self.best_state = copy.deepcopy(self.net.state_dict())
        print(f"epoch {epoch} train {train_loss:.4f} val {val_loss:.4f}", flush=True)

    def write_samples(self, out, sources):
        """100 Euler steps from the sources with the last, averaged and kept weights."""
        np.savetxt(f"{out}-last.csv", euler(self.net, sources), delimiter=",")
        np.savetxt(f"{out}-ema.csv", euler(self.ema, sources), delimiter=",")
        self.net.load_state_dict(self.best_state)
        np.savetxt(f"{out}-bestval.csv", euler(self.net, sources), delimiter=",")
        print(f"best epoch {self.best_epoch} val {self.best:.4f}")


def euler(model, sources):
    """x_{k+1} = x_k + v(k / 100, x_k) / 100 for k = 0..99."""
    x = sources.clone()
    with torch.no_grad():
        for k in range(100):
            x = x + 0.01 * model(torch.tensor(k / 100.0), x)
    return x.numpy()
