#!/usr/bin/python3
"""Builds the small ONNX graphs that the org.grl4j.sampler.onnx tests load.

The generated files are committed under sampler/src/test/resources/onnx/, so the Java build
needs no Python. Rerun this script after changing it:

    apt-get install -y python3-onnx        # Debian's package; use /usr/bin/python3
    /usr/bin/python3 sampler/src/test/python/make_fixtures.py

Every graph follows the grl4j ONNX contract (DESIGN.md section 3): IR version 8, opset 17,
float32 tensors, a symbolic batch dimension named N, inputs t [N], x [N, D], optionally
condition [N, C] and x_tangent [N, D], outputs h [N, D] and optionally h_tangent [N, D].
The Java tests recompute each graph in double precision from the formulas documented here,
so keep the constants below in step with the tests.
"""

import json
import math
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

IR_VERSION = 8
OPSET = 17
BATCH = "N"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "onnx")

# Gaussian data N(GAUSS_MEAN, diag(GAUSS_VAR)) under linear_vp_sde(BETA_0, BETA_1).
BETA_0 = 0.1
BETA_1 = 20.0
GAUSS_MEAN = [1.0, -2.0, 0.5]
GAUSS_VAR = [0.25, 1.0, 4.0]

# The fixed-weight MLP: h = W2 tanh(W1 [x, t, condition] + b1) + b2.
MLP_X_SIZE = 2
MLP_HIDDEN = 16
MLP_CONDITION_SIZE = 3


def mlp_weights(x_size, condition_size, hidden):
    """Weights given by closed formulas so that the Java test can rebuild them exactly.

    in_size = x_size + 1 + condition_size, with input column j ordered as x, t, condition.
    W1[i][j] = 0.5 sin(0.7 i + 1.3 j + 0.1)      (shape [hidden, in_size], like torch Linear)
    b1[i]    = 0.1 cos(i)
    W2[k][i] = 0.4 cos(0.5 k - 0.9 i + 0.2)      (shape [x_size, hidden])
    b2[k]    = 0.05 k - 0.02
    """
    in_size = x_size + 1 + condition_size
    w1 = np.array([[0.5 * math.sin(0.7 * i + 1.3 * j + 0.1) for j in range(in_size)]
                   for i in range(hidden)], dtype=np.float32)
    b1 = np.array([0.1 * math.cos(i) for i in range(hidden)], dtype=np.float32)
    w2 = np.array([[0.4 * math.cos(0.5 * k - 0.9 * i + 0.2) for i in range(hidden)]
                   for k in range(x_size)], dtype=np.float32)
    b2 = np.array([0.05 * k - 0.02 for k in range(x_size)], dtype=np.float32)
    return w1, b1, w2, b2


def value(name, *dims):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, [BATCH, *dims])


def const(name, array):
    return numpy_helper.from_array(np.asarray(array, dtype=np.float32), name)


def card(model, parameterization, path, time, x_size, condition_size, normalization=None,
         config=None, training=None, fmt="1"):
    """The grl4j metadata of DESIGN.md section 3.3: every value a string, JSON where structured."""
    if normalization is None:
        normalization = {"mean": [0.0] * x_size, "scale": [1.0] * x_size}
    return {
        "grl4j.format": fmt,
        "grl4j.model": model,
        "grl4j.parameterization": parameterization,
        "grl4j.path": json.dumps(path),
        "grl4j.time": time,
        "grl4j.x_size": str(x_size),
        "grl4j.condition_size": str(condition_size),
        "grl4j.normalization": json.dumps(normalization),
        "grl4j.config": json.dumps(config if config is not None else {}),
        "grl4j.training": json.dumps(training if training is not None else {}),
    }


def finish(name, nodes, inputs, outputs, initializers, metadata):
    graph = helper.make_graph(nodes, name, inputs, outputs, initializers)
    model = helper.make_model(graph, producer_name="grl4j-test-fixtures",
                              opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = IR_VERSION
    if metadata:
        helper.set_model_props(model, metadata)
    onnx.checker.check_model(model, full_check=True)
    path = os.path.join(OUT_DIR, name + ".onnx")
    onnx.save(model, path)
    print(f"wrote {os.path.relpath(path)} ({os.path.getsize(path)} bytes)")


def gaussian_noise_network(name, with_tangent, fmt="1"):
    """The exact predicted noise for Gaussian data under linear_vp_sde(BETA_0, BETA_1).

    s(t) = exp(-(beta_1 - beta_0) t^2 / 4 - beta_0 t / 2), sigma = sqrt(1 - s^2),
    h = sigma (x - s m) / (s^2 v + sigma^2)         (= -sigma * score of N(s m, s^2 v + sigma^2))
    h_tangent = sigma / (s^2 v + sigma^2) * x_tangent  (the Jacobian is diagonal).
    """
    nodes = [
        helper.make_node("Unsqueeze", ["t", "axis_1"], ["t_col"]),
        helper.make_node("Mul", ["t_col", "t_col"], ["t_sq"]),
        helper.make_node("Mul", ["t_sq", "quad_coef"], ["quad"]),
        helper.make_node("Mul", ["t_col", "lin_coef"], ["lin"]),
        helper.make_node("Add", ["quad", "lin"], ["log_s"]),
        helper.make_node("Exp", ["log_s"], ["s"]),
        helper.make_node("Mul", ["s", "s"], ["s_sq"]),
        helper.make_node("Sub", ["one", "s_sq"], ["sigma_sq"]),
        helper.make_node("Sqrt", ["sigma_sq"], ["sigma"]),
        helper.make_node("Mul", ["s", "mean"], ["s_mean"]),
        helper.make_node("Sub", ["x", "s_mean"], ["centered"]),
        helper.make_node("Mul", ["s_sq", "var"], ["s_sq_var"]),
        helper.make_node("Add", ["s_sq_var", "sigma_sq"], ["marginal_var"]),
        helper.make_node("Div", ["sigma", "marginal_var"], ["gain"]),
        helper.make_node("Mul", ["gain", "centered"], ["h"]),
    ]
    initializers = [
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis_1"),
        const("quad_coef", -(BETA_1 - BETA_0) / 4.0),
        const("lin_coef", -BETA_0 / 2.0),
        const("one", 1.0),
        const("mean", GAUSS_MEAN),
        const("var", GAUSS_VAR),
    ]
    d = len(GAUSS_MEAN)
    inputs = [value("t"), value("x", d)]
    outputs = [value("h", d)]
    if with_tangent:
        nodes.append(helper.make_node("Mul", ["gain", "x_tangent"], ["h_tangent"]))
        inputs.append(value("x_tangent", d))
        outputs.append(value("h_tangent", d))
    metadata = card(
        "diffusion", "noise_function",
        {"type": "linear_vp_sde", "beta_0": BETA_0, "beta_1": BETA_1},
        "data_at_0", d, 0,
        config={"diffusion_model": {"x_size": d, "path": {"type": "linear_vp_sde",
                "beta_0": BETA_0, "beta_1": BETA_1}, "model": {"type": "noise_function"}}},
        training={"steps": 0, "note": "closed-form network for N(m, diag(v))",
                  "mean": GAUSS_MEAN, "var": GAUSS_VAR},
        fmt=fmt)
    finish(name, nodes, inputs, outputs, initializers, metadata)


def mlp_network(name, condition_size, with_tangent=False, names=None, metadata=True):
    """h = W2 tanh(W1 [x, t, condition] + b1) + b2 with the weights of mlp_weights.

    h_tangent = W2 ((1 - tanh^2(z1)) * (W1_x x_tangent)), W1_x the first x_size columns of W1.
    names maps the contract names t, x, condition, h to the graph's own names.
    """
    names = names or {}
    t, x, c, h = (names.get(k, k) for k in ("t", "x", "condition", "h"))
    w1, b1, w2, b2 = mlp_weights(MLP_X_SIZE, condition_size, MLP_HIDDEN)
    parts = [x, "t_col"] + ([c] if condition_size else [])
    nodes = [
        helper.make_node("Unsqueeze", [t, "axis_1"], ["t_col"]),
        helper.make_node("Concat", parts, ["features"], axis=1),
        helper.make_node("Gemm", ["features", "w1", "b1"], ["z1"], transB=1),
        helper.make_node("Tanh", ["z1"], ["a1"]),
        helper.make_node("Gemm", ["a1", "w2", "b2"], [h], transB=1),
    ]
    initializers = [
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis_1"),
        const("w1", w1), const("b1", b1), const("w2", w2), const("b2", b2),
    ]
    inputs = [value(t), value(x, MLP_X_SIZE)]
    if condition_size:
        inputs.append(value(c, condition_size))
    outputs = [value(h, MLP_X_SIZE)]
    if with_tangent:
        nodes += [
            helper.make_node("MatMul", ["x_tangent", "w1_x_t"], ["z1_tangent"]),
            helper.make_node("Mul", ["a1", "a1"], ["a1_sq"]),
            helper.make_node("Sub", ["one", "a1_sq"], ["tanh_slope"]),
            helper.make_node("Mul", ["tanh_slope", "z1_tangent"], ["a1_tangent"]),
            helper.make_node("MatMul", ["a1_tangent", "w2_t"], ["h_tangent"]),
        ]
        initializers += [
            const("w1_x_t", w1[:, :MLP_X_SIZE].T), const("w2_t", w2.T), const("one", 1.0),
        ]
        inputs.append(value("x_tangent", MLP_X_SIZE))
        outputs.append(value("h_tangent", MLP_X_SIZE))
    props = None
    if metadata:
        props = card(
            "icfm", "velocity_function", {"type": "icfm", "sigma": 0.0}, "data_at_1",
            MLP_X_SIZE, condition_size,
            normalization={"mean": [0.5, -1.0], "scale": [2.0, 0.25]},
            config={"model": {"type": "MLP", "hidden_sizes": [MLP_HIDDEN],
                              "activation": "tanh"}},
            training={"steps": 1000, "final_loss": 0.125, "seed": 7,
                      "date": "2025-01-01", "grl4j_version": "0.1.0-SNAPSHOT"})
    finish(name, nodes, inputs, outputs, initializers, props)


def foreign_sidecar():
    """The sidecar JSON that lets the metadata-free foreign.onnx load (see OnnxNetwork docs)."""
    sidecar = {
        "format": "1",
        "model": "icfm",
        "parameterization": "velocity_function",
        "path": {"type": "icfm", "sigma": 0.0},
        "time": "data_at_1",
        "x_size": MLP_X_SIZE,
        "condition_size": 0,
        "tensor_names": {"t": "time", "x": "state", "h": "velocity"},
    }
    path = os.path.join(OUT_DIR, "foreign.grl4j.json")
    with open(path, "w") as f:
        json.dump(sidecar, f, indent=2)
        f.write("\n")
    print(f"wrote {os.path.relpath(path)}")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    gaussian_noise_network("gaussian_vp", with_tangent=False)
    gaussian_noise_network("gaussian_vp_tangent", with_tangent=True)
    mlp_network("mlp", condition_size=0)
    mlp_network("mlp_tangent", condition_size=0, with_tangent=True)
    mlp_network("mlp_conditional", condition_size=MLP_CONDITION_SIZE)
    gaussian_noise_network("format_999", with_tangent=False, fmt="999")
    mlp_network("foreign", condition_size=0, metadata=False,
                names={"t": "time", "x": "state", "h": "velocity"})
    foreign_sidecar()


if __name__ == "__main__":
    main()
