"""Regenerates the pooling test models and onnxruntime's outputs on them (expected.json).

Run from this folder with onnx, onnxruntime and numpy installed:  python3 make_pooling_models.py
Each case is a tiny model x -> ... -> y (y flattened to [1, n]); expected.json holds, per case, the file,
what it exercises, one input (float32 values) and onnxruntime's output there. Read by
PoolingLoweringEqualsStoredOnnxRuntimeOutputsTest and OnnxPoolingBoundsContainSampledOutputsTest.
"""
import json

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

OPSET = 19  # AveragePool has dilations from opset 19 on
rng = np.random.default_rng(11)


def pool(op, src, out, kernel, strides=None, pads=None, ceil=0, cip=None, dilations=None):
    attrs = {"kernel_shape": kernel, "ceil_mode": ceil}
    if strides:
        attrs["strides"] = strides
    if pads:
        attrs["pads"] = pads
    if dilations:
        attrs["dilations"] = dilations
    if cip is not None:
        attrs["count_include_pad"] = cip
    return helper.make_node(op, [src], [out], name=out, **attrs)


def weights(name, *shape):
    return numpy_helper.from_array(rng.uniform(-0.5, 0.5, shape).astype(np.float32), name)


def build(shape, nodes, inits=()):
    """x of the given shape -> nodes (the last writes 'p') -> Flatten -> y, with y's size from onnxruntime."""
    def model(n):
        graph = helper.make_graph(
            nodes + [helper.make_node("Flatten", ["p"], ["y"], name="flatten")], "pooling",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, n])], list(inits))
        return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], ir_version=9)
    x = rng.uniform(-1, 1, shape).astype(np.float32)
    ort.set_default_logger_severity(3)
    probe = run(model(1), x)
    m = model(probe.size)
    return m, x, run(m, x)


def run(m, x):
    session = ort.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(None, {"x": x})[0]


AVG, MAX = "AveragePool", "MaxPool"
cases = [
    ("avg_exclude_pad_k3_s1_p1", "count_include_pad=0, pads 1: border divisors 4 and 6",
     [1, 2, 5, 5], [pool(AVG, "x", "p", [3, 3], [1, 1], [1, 1, 1, 1], cip=0)]),
    ("avg_exclude_pad_asymmetric", "count_include_pad=0, asymmetric pads 1 0 0 1, 2x2 stride 2 on 6x7",
     [1, 2, 6, 7], [pool(AVG, "x", "p", [2, 2], [2, 2], [1, 0, 0, 1], cip=0)]),
    ("avg_ceil_partial_window", "ceil_mode=1, no pads: the last window has one row/column",
     [1, 1, 5, 5], [pool(AVG, "x", "p", [2, 2], [2, 2], ceil=1)]),
    ("avg_ceil_include_pad", "ceil_mode=1, count_include_pad=1: pads counted, cells past the padded end not",
     [1, 2, 6, 6], [pool(AVG, "x", "p", [3, 3], [2, 2], [1, 1, 1, 1], ceil=1, cip=1)]),
    ("avg_ceil_exclude_pad", "ceil_mode=1, count_include_pad=0, pads 1",
     [1, 2, 6, 6], [pool(AVG, "x", "p", [3, 3], [2, 2], [1, 1, 1, 1], ceil=1, cip=0)]),
    ("avg_ceil_drops_window_in_end_pad", "ceil_mode=1: a window that would start in the end padding is dropped",
     [1, 1, 5, 5], [pool(AVG, "x", "p", [2, 2], [2, 2], [1, 1, 1, 1], ceil=1, cip=1)]),
    ("avg_ceil_dilated", "ceil_mode=1, count_include_pad=0, dilation 2, pads 1",
     [1, 1, 7, 7], [pool(AVG, "x", "p", [2, 2], [2, 2], [1, 1, 1, 1], ceil=1, cip=0, dilations=[2, 2])]),
    ("avg_ceil_stride_3_2", "ceil_mode=1, count_include_pad=0, 3x3 strides 3 2, pads 2 2 1 0",
     [1, 2, 7, 4], [pool(AVG, "x", "p", [3, 3], [3, 2], [2, 2, 1, 0], ceil=1, cip=0)]),
    ("avg_1d_ceil_exclude_pad", "1-D, ceil_mode=1, count_include_pad=0, kernel 3 stride 2 pads 1",
     [1, 2, 8], [pool(AVG, "x", "p", [3], [2], [1, 1], ceil=1, cip=0)]),
    ("avg_include_pad_full_windows", "count_include_pad=1, pads 1, no ceil: every divisor is the kernel size",
     [1, 2, 6, 6], [pool(AVG, "x", "p", [3, 3], [2, 2], [1, 1, 1, 1], cip=1)]),
    ("avg_ceil_without_partial_window", "ceil_mode=1 where the windows fit exactly (same as floor)",
     [1, 1, 6, 6], [pool(AVG, "x", "p", [2, 2], [2, 2], ceil=1)]),
    ("avg_exclude_pad_then_relu_gemm", "count_include_pad=0 pool, Relu, Gemm: the divisors before a ReLU",
     [1, 2, 5, 5], [pool(AVG, "x", "a", [3, 3], [1, 1], [1, 1, 1, 1], cip=0),
                    helper.make_node("Relu", ["a"], ["r"], name="r"),
                    helper.make_node("Flatten", ["r"], ["f"], name="f"),
                    helper.make_node("Gemm", ["f", "W", "B"], ["p"], name="gemm", transB=1)],
     [weights("W", 4, 50), weights("B", 4)]),
    ("conv_then_avg_ceil_then_gemm", "Conv, ceil_mode=1 pool, Gemm: the divisors fold into the Gemm",
     [1, 1, 6, 6], [helper.make_node("Conv", ["x", "K"], ["c"], name="conv", pads=[1, 1, 1, 1]),
                    pool(AVG, "c", "a", [2, 2], [2, 2], ceil=1, cip=0),
                    helper.make_node("Flatten", ["a"], ["f"], name="f"),
                    helper.make_node("Gemm", ["f", "W"], ["p"], name="gemm", transB=1)],
     [weights("K", 2, 1, 3, 3), weights("W", 3, 18)]),
    ("avg_ceil_then_conv", "ceil_mode=1, count_include_pad=0 pool, then a Conv reading it",
     [1, 2, 5, 5], [pool(AVG, "x", "a", [2, 2], [2, 2], [1, 1, 0, 0], ceil=1, cip=0),
                    helper.make_node("Conv", ["a", "K"], ["p"], name="conv")],
     [weights("K", 2, 2, 2, 2)]),
    ("pad_op_then_avg_exclude_pad", "Pad operator then count_include_pad=0 pool: padded zeros count as input",
     [1, 1, 4, 4], [helper.make_node("Pad", ["x", "pads"], ["z"], name="pad"),
                    pool(AVG, "z", "p", [3, 3], [2, 2], [1, 1, 1, 1], ceil=1, cip=0)],
     [numpy_helper.from_array(np.array([0, 0, 1, 0, 0, 0, 0, 1], dtype=np.int64), "pads")]),
    ("max_ceil_partial_window", "MaxPool ceil_mode=1, no pads",
     [1, 1, 5, 5], [pool(MAX, "x", "p", [2, 2], [2, 2], ceil=1)]),
    ("max_ceil_pads", "MaxPool ceil_mode=1, pads 1, 3x3 stride 2",
     [1, 2, 6, 7], [pool(MAX, "x", "p", [3, 3], [2, 2], [1, 1, 1, 1], ceil=1)]),
    ("max_ceil_drops_window_in_end_pad", "MaxPool ceil_mode=1: a window starting in the end padding is dropped",
     [1, 1, 5, 5], [pool(MAX, "x", "p", [2, 2], [2, 2], [1, 1, 1, 1], ceil=1)]),
    ("max_ceil_dilated", "MaxPool ceil_mode=1, dilation 2, pads 1",
     [1, 1, 7, 7], [pool(MAX, "x", "p", [2, 2], [2, 2], [1, 1, 1, 1], ceil=1, dilations=[2, 2])]),
    ("max_1d_ceil_pads", "MaxPool 1-D ceil_mode=1, pads 1 0",
     [1, 2, 8], [pool(MAX, "x", "p", [3], [2], [1, 0], ceil=1)]),
    ("avg_exclude_pad_then_relu_conv_maxpool", "count_include_pad=0 ceil_mode=1 pool, Relu, Conv, MaxPool",
     [1, 2, 6, 6], [pool(AVG, "x", "a", [3, 3], [2, 2], [1, 1, 1, 1], ceil=1, cip=0),
                    helper.make_node("Relu", ["a"], ["r"], name="r"),
                    helper.make_node("Conv", ["r", "K"], ["c"], name="conv", pads=[1, 1, 1, 1]),
                    pool(MAX, "c", "p", [2, 2], [2, 2], ceil=1)],
     [weights("K", 3, 2, 3, 3)]),
]

expected = []
for name, what, shape, nodes, *inits in cases:
    m, x, y = build(shape, nodes, inits[0] if inits else ())
    onnx.save(m, name + ".onnx")
    expected.append({"name": name, "what": what, "file": name + ".onnx",
                     "input": [float(v) for v in x.reshape(-1)], "output": [float(v) for v in y.reshape(-1)]})
with open("expected.json", "w") as f:
    json.dump({"generator": "make_pooling_models.py", "onnxruntime": ort.__version__, "cases": expected}, f,
              indent=1)
    f.write("\n")
print(len(expected), "cases")
