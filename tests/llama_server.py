"""Runs llama.cpp's OpenAI-compatible server (xllamacpp) in its own process, for tests and benchmarks.

Usage: python tests/llama_server.py MODEL.gguf API_KEY  -> prints the listening URL, serves until killed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path


def main() -> None:
    import xllamacpp as xlc

    params = xlc.CommonParams()
    params.model.path = sys.argv[1]
    params.n_ctx = 2048
    params.cpuparams.n_threads = 2
    params.cpuparams_batch.n_threads = 2
    params.warmup = False
    params.verbosity = -1
    params.api_keys = [sys.argv[2]]
    params.port = 0
    server = xlc.Server(params)
    print(server.listening_address, flush=True)
    while True:
        time.sleep(3600)


def start(model: Path, api_key: str) -> tuple[subprocess.Popen[str], str]:
    """Start the server process; returns (process, base URL ending in /v1)."""
    proc = subprocess.Popen(
        [sys.executable, __file__, str(model), api_key],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("http://127.0.0.1:"):
        proc.kill()
        raise RuntimeError(f"llama server did not start: {line!r}")
    return proc, line + "/v1"


if __name__ == "__main__":
    main()
