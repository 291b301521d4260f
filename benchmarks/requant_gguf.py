"""Requantise a bundled GGUF's weight matrices to Q8_0 or Q4_0 (experiment for ``llm_prefill.py``).

llama.cpp's CPU backend has repacked AVX2 kernels for some types; this converts the K-quant (and other)
matrices of an installed model to one type so its prompt-eval speed can be compared with the original
(``python benchmarks/llm_prefill.py --extra-model OUT``). The token embedding is copied unchanged. Needs
the ``gguf`` package (not an Amity dependency). Nothing is downloaded: the input is the model file the
wheels installed.

    python benchmarks/requant_gguf.py SRC.gguf OUT.gguf --type Q8_0
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np


def requantise(src: Path, dst: Path, target_name: str) -> None:
    import gguf  # type: ignore[import-not-found,unused-ignore]

    target = getattr(gguf.GGMLQuantizationType, target_name)
    reader = gguf.GGUFReader(src)
    arch = reader.get_field(gguf.Keys.General.ARCHITECTURE)
    writer = gguf.GGUFWriter(dst, arch=arch.contents(), endianess=reader.endianess)
    for field in reader.fields.values():
        if field.name == gguf.Keys.General.ARCHITECTURE or field.name.startswith("GGUF."):
            continue
        if field.name == gguf.Keys.General.FILE_TYPE:
            continue
        val_type = field.types[0]
        sub_type = field.types[-1] if val_type == gguf.GGUFValueType.ARRAY else None
        writer.add_key_value(field.name, field.contents(), val_type, sub_type=sub_type)
    writer.add_file_type({"Q8_0": 7, "Q4_0": 2}[target_name])
    keep = {gguf.GGMLQuantizationType.F32, gguf.GGMLQuantizationType.F16, target}
    out: list[tuple[str, Any, Any]] = []
    for tensor in reader.tensors:
        data: Any = tensor.data
        qtype = tensor.tensor_type
        if qtype not in keep and tensor.name != "token_embd.weight":
            weights = gguf.dequantize(np.asarray(data), qtype)
            data = gguf.quantize(weights.astype(np.float32), target)
            qtype = target
        out.append((tensor.name, data, qtype))
        writer.add_tensor_info(tensor.name, data.shape, data.dtype, data.nbytes, qtype)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    for _name, data, _qtype in out:
        writer.write_tensor_data(data, tensor_endianess=reader.endianess)
    writer.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("src", type=Path)
    parser.add_argument("dst", type=Path)
    parser.add_argument("--type", choices=["Q8_0", "Q4_0"], default="Q8_0")
    args = parser.parse_args()
    start = time.perf_counter()
    requantise(args.src, args.dst, args.type)
    print(f"{args.dst}: {args.dst.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
