"""A standalone OpenAI-compatible LLM server (llama.cpp via xllamacpp) for multi-process deployments.

Amity's app workers talk to it with ``AMITY_MODEL=openai:local@http://HOST:PORT/v1`` - the same client they
use for vLLM, Ollama or any other OpenAI-compatible server. It serves a model Amity already knows (the
bundled default, or ``smollm2-135m`` for tests) with ``--parallel`` concurrent slots, so one model in
memory serves every worker. For many users on a GPU use vLLM instead (docs/DEPLOY.md).

    python deploy/llm_server.py --model qwen2.5-coder-0.5b --port 8081 --parallel 4
"""

from __future__ import annotations

import argparse
import os
import signal
import threading

from amity.config import load_config
from amity.llm.models import resolve_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="qwen2.5-coder-0.5b", help="a model name Amity knows, or a GGUF path")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--parallel", type=int, default=4, help="concurrent generation slots")
    parser.add_argument("--ctx", type=int, default=4096, help="context tokens per slot")
    parser.add_argument("--threads", type=int, default=max(1, min(os.cpu_count() or 2, 8)))
    parser.add_argument("--api-key", default=os.environ.get("AMITY_OPENAI_API_KEY", ""), help="require this key")
    args = parser.parse_args()

    import xllamacpp as xlc

    params = xlc.CommonParams()
    params.model.path = str(resolve_model(args.model, load_config().models_dir))
    params.model_alias = "local"
    params.n_parallel = args.parallel
    params.n_ctx = args.ctx * args.parallel  # llama.cpp splits the context between the slots
    params.cpuparams.n_threads = args.threads
    params.cpuparams_batch.n_threads = args.threads
    params.cache_prompt = True
    params.warmup = False
    params.hostnames = [args.host]
    params.port = args.port
    if args.api_key:
        params.api_keys = [args.api_key]
    server = xlc.Server(params)
    print(f"OpenAI-compatible server for {args.model} at {server.listening_address}/v1", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()


if __name__ == "__main__":
    main()
