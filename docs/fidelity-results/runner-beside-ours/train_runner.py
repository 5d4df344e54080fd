"""Trains OT-CFM on moons -> 8gaussians with the torchcfm runner's own modules and rules.

The runner (atong01/conditional-flow-matching, runner/, commit cacd4dc) needs Lightning, Hydra
and torchdyn to start; this driver replaces only that loop. It uses the runner's network
(VelocityNet: [t, x] -> 3 x 64 SELU, no batch norm, as model/cfm.yaml) and torchcfm's exact
OTPlanSampler (runner_common.py), and follows CFMLitModule for a two-marginal data module:

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
"""
import torch
from torch.utils.data import DataLoader

from runner_common import Training, arguments, load, seed_everything

data, seed, out, epochs = arguments()
seed_everything(seed)
tr0, tr1 = load(data, "train_source"), load(data, "train_target")
va0, va1 = load(data, "val_source"), load(data, "val_target")
te0 = load(data, "test_source")
run = Training()
l0 = DataLoader(tr0, batch_size=512, shuffle=True, drop_last=True)
l1 = DataLoader(tr1, batch_size=512, shuffle=True, drop_last=True)


def loss(x0, x1):
    return run.loss(x0, x1, torch.rand(x0.shape[0]))


for epoch in range(epochs):
    run.net.train()
    for b0, b1 in zip(l0, l1):
        value = loss(*run.plan.sample_plan(b0, b1))
        run.step(value)
    if (epoch + 1) % 10 == 0:
        with torch.no_grad():
            v = loss(va0[:512], va1[:512]).item()
        run.validated(epoch + 1, value.item(), v)

run.write_samples(out, te0)
