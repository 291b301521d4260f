"""Face channel latency: one camera frame → ``ChannelAffect``, per stage and per ensemble member.

A 640×480 BGR frame is built from a FER2013 face crop pasted at 192 px on a gray background (a synthetic but
realistic size for a webcam face), then :meth:`FaceExpression.predict` runs ``--frames`` times after one
unmeasured warm-up (lazy weight load). Reported (median and 90th percentile, milliseconds):

* ``detect`` — Haar cascade on the full frame;
* ``classify`` — the full ensemble on the face crop (each network on the face and its mirror image);
* ``member:<name>`` — each network alone (face + mirror), to see what the ensemble costs;
* ``predict`` — the whole call, what the live channel pays per frame.

numpy's BLAS threads are whatever the environment says (set ``OMP_NUM_THREADS=1`` to pin one core). The load
average is printed because this machine is shared; run under ``flock /tmp/amity-bench.lock``.

    flock /tmp/amity-bench.lock python benchmarks/face_latency.py [--frames 50] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from amity.senses.face import FaceExpression, read_image

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "fer2013" / "PublicTest"


def frame_from(crop: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    import cv2

    frame = np.full((480, 640), 128, dtype=np.uint8)
    frame[144:336, 224:416] = cv2.resize(crop, (192, 192))
    return np.asarray(cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR))


def timed(fn: Callable[[], object], n: int) -> dict[str, float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"median_ms": round(statistics.median(times), 2), "p90_ms": round(times[int(0.9 * (n - 1))], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=50)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="FER2013 folder (one happy crop is used)")
    args = parser.parse_args()
    crop = read_image(sorted((args.data / "happy").glob("*.jpg"))[0])
    frame = frame_from(crop)
    model = FaceExpression()
    model.predict(frame)  # warm-up: weights, cascade
    boxes = model.detect(frame)
    if not boxes:
        raise SystemExit("The cascade found no face in the benchmark frame.")
    face = model.crop(frame, boxes[0])
    result: dict[str, Any] = {
        "frame": list(frame.shape),
        "load_before": os.getloadavg(),
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
        "detect": timed(lambda: model.detect(frame), args.frames),
        "classify": timed(lambda: model.classify_crops([face]), args.frames),
    }
    for member in model.members:
        result[f"member:{member.name}"] = timed(lambda m=member: m([face], True), args.frames)  # type: ignore[misc]
    result["predict"] = timed(lambda: model.predict(frame), args.frames)
    result["load_after"] = os.getloadavg()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
