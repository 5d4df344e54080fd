#!/usr/bin/env python3
"""Validate grl4j ONNX exports with the reference ONNX checker (not a CI test).

Usage: check_onnx_model.py MODEL.onnx [MODEL.onnx ...]

Needs Debian's python3-onnx (`apt-get install -y python3-onnx`, then run with
/usr/bin/python3). For each file it runs the full check (structure, operator
schemas for the declared opset, strict shape inference), then prints the IR
version, the opset, the inputs and outputs with their shapes, and the metadata
keys. The exit status is the number of files that failed.

Sample files: `./mvnw -B -pl exporter -am verify -Dtest=OnnxExporterTest` writes
exporter/target/onnx-samples/{plain,conditional_tangent,activations_tangent}.onnx.
"""

import sys

import onnx


def describe(values):
    parts = []
    for value in values:
        dims = [
            d.dim_param if d.HasField("dim_param") else str(d.dim_value)
            for d in value.type.tensor_type.shape.dim
        ]
        parts.append(f"{value.name}[{', '.join(dims)}]")
    return " ".join(parts)


def check(path):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    opsets = ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
    print(f"{path}: OK")
    print(f"  ir_version {model.ir_version}; opset {opsets}; producer {model.producer_name}")
    print(f"  inputs  {describe(model.graph.input)}")
    print(f"  outputs {describe(model.graph.output)}")
    print(f"  nodes {len(model.graph.node)}, initializers {len(model.graph.initializer)}")
    print(f"  metadata {[p.key for p in model.metadata_props]}")


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    failures = 0
    for path in paths:
        try:
            check(path)
        except Exception as error:  # report every file, then fail
            failures += 1
            print(f"{path}: FAILED: {error}")
    return failures


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
