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
import torch
from torch.utils.data import DataLoader

from runner_common import Training, arguments, load, seed_everything

data, seed, out, epochs = arguments()
seed_everything(seed)
train, val = load(data, "train_target"), load(data, "val_target")
run = Training()
loader = DataLoader(train, batch_size=512, shuffle=True)


def loss(x1):
    """Sources, times, then the plan's pairs, in the order CFMLitModule.step draws them."""
    x0 = torch.randn_like(x1)
    t = torch.rand(x1.shape[0])
    return run.loss(*run.plan.sample_plan(x0, x1), t)


for epoch in range(epochs):
    run.net.train()
    for x1 in loader:
        value = loss(x1)
        run.step(value)
    if (epoch + 1) % 10 == 0:
        with torch.no_grad():
            batches = [val[:512], val[512:]]
            v = sum(loss(b).item() * len(b) for b in batches) / len(val)
        run.validated(epoch + 1, value.item(), v)

run.write_samples(out, torch.randn(10000, 2))
