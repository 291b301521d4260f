"""LLM backends against real llama.cpp servers on loopback (SmolLM2 from its wheel), no mocks."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from amity.errors import BackendUnavailable, ConfigError
from amity.llm.base import GenerationOptions, complete
from amity.llm.embedded import EmbeddedLLM, native_build_failed, unused_cpu_features
from amity.llm.openai_compat import OpenAICompatibleLLM, parse_spec
from amity.llm.registry import BackendSpec, available_schemes, create_llm
from amity.types import Message
from tests import llama_server

pytestmark = pytest.mark.model
KEY = "test-key-123"


@pytest.fixture(scope="module")
def server(smollm2: Path) -> Iterator[str]:
    proc, url = llama_server.start(smollm2, KEY)
    yield url
    proc.kill()
    proc.wait()


async def test_openai_backend_streams_from_a_real_server(server: str) -> None:
    llm = OpenAICompatibleLLM(server, "smollm2", KEY)
    pieces = [
        p
        async for p in llm.stream(
            [Message("user", "Say hello to Sam.")], GenerationOptions(max_tokens=16, temperature=0.0)
        )
    ]
    await llm.aclose()
    assert len(pieces) > 3
    assert "".join(pieces).strip()


async def test_json_schema_constrains_output(server: str) -> None:
    llm = OpenAICompatibleLLM(server, "smollm2", KEY)
    schema = {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
        "additionalProperties": False,
    }
    text = await complete(
        llm,
        [Message("user", "I live in Lisbon. Reply with JSON giving my city.")],
        GenerationOptions(max_tokens=40, temperature=0.0, json_schema=schema),
    )
    await llm.aclose()
    assert set(json.loads(text)) == {"city"}


async def test_wrong_key_and_unreachable_server_give_clear_errors(server: str) -> None:
    llm = OpenAICompatibleLLM(server, "smollm2", "wrong")
    with pytest.raises(ConfigError, match="rejected the API key"):
        await complete(llm, [Message("user", "hi")])
    await llm.aclose()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dead = OpenAICompatibleLLM(f"http://127.0.0.1:{port}/v1", "x")
    with pytest.raises(BackendUnavailable, match="Cannot reach"):
        await complete(dead, [Message("user", "hi")])
    await dead.aclose()


def test_cli_say_json_on_an_openai_compatible_server(server: str, amity_home: Path) -> None:
    env = {**os.environ, "AMITY_MODEL": f"openai:smollm2@{server}", "AMITY_OPENAI_API_KEY": KEY}
    subprocess.run(
        [sys.executable, "-m", "amity.cli.main", "config", "set", "max_reply_tokens", "24"],
        env=env,
        check=True,
    )
    out = subprocess.run(
        [sys.executable, "-m", "amity.cli.main", "say", "Hello, my name is Ada.", "--json", "--user", "ada"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    assert data["user"] == "ada" and data["turn"] == 1 and data["reply"]
    assert set(data["timings_ms"]) == {"first_token", "total"}


async def test_embedded_backend_streams_and_reuses_its_server(smollm2: Path) -> None:
    llm = EmbeddedLLM(smollm2, n_ctx=1024, n_threads=2)
    first = await complete(llm, [Message("user", "Hi!")], GenerationOptions(max_tokens=8, temperature=0.0))
    url = llm.base_url
    second = await complete(llm, [Message("user", "Hi!")], GenerationOptions(max_tokens=8, temperature=0.0))
    assert llm.base_url == url and url.startswith("http://127.0.0.1:")
    assert first == second and first.strip()
    await llm.aclose()


def _nice_of_threads() -> dict[int, int]:
    tids = [int(t) for t in os.listdir("/proc/self/task")]
    return {t: os.getpriority(os.PRIO_PROCESS, t) for t in tids}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice values are a Linux feature")
async def test_lower_priority_reaches_llama_cpps_threads_and_nothing_else(smollm2: Path) -> None:
    before = _nice_of_threads()
    llm = EmbeddedLLM(smollm2, n_ctx=1024, n_threads=2)
    llm.lower_priority(7)  # before the start, as the voice loop does
    first = await complete(llm, [Message("user", "Hi!")], GenerationOptions(max_tokens=8, temperature=0.0))
    after = _nice_of_threads()
    python_threads = {t.native_id for t in threading.enumerate()}
    server = {t for t in after if t not in before and t not in python_threads}
    assert server and all(after[t] == 7 for t in server)  # the server and its compute workers (spawned later)
    assert all(after[t] == nice for t, nice in before.items() if t in after)  # nothing that was there before
    assert all(after[t] == before.get(t, 0) for t in python_threads if t in after)  # Python's threads untouched
    llm.lower_priority(3)  # only ever lowers priority: 7 stays
    assert all(_nice_of_threads().get(t, 7) == 7 for t in server)
    second = await complete(llm, [Message("user", "Hi!")], GenerationOptions(max_tokens=8, temperature=0.0))
    assert first == second and first.strip()
    await llm.aclose()


async def test_prefill_puts_a_prefix_in_llama_cpps_cache(smollm2: Path, server: str) -> None:
    llm = EmbeddedLLM(smollm2, n_ctx=2048, n_threads=2)
    history = [Message("system", "You are a kind companion. " * 20)]
    for i in range(4):
        history += [Message("user", f"Tell me about day {i}."), Message("assistant", f"Day {i} was calm and sunny.")]
    turn = [*history, Message("system", "For this reply: be brief."), Message("user", "And today?")]
    options = GenerationOptions(max_tokens=4, temperature=0.0)
    assert await llm.prefill(history) is True
    await complete(llm, turn, options)
    timings = llm.last_timings
    assert timings["cache_n"] > 150 and timings["prompt_n"] < 40  # only the late message and the question
    await llm.aclose()
    remote = OpenAICompatibleLLM(server, "smollm2", KEY)  # no prompt_cache flag: prefill is a no-op
    assert await remote.prefill(history) is False
    await remote.aclose()


def test_registry_parses_specs(smollm2: Path, amity_home: Path) -> None:
    assert {"embedded", "openai"} <= set(available_schemes())
    llm = create_llm(BackendSpec.parse(f"embedded:{smollm2}", {"models_dir": str(amity_home / "m")}))
    assert isinstance(llm, EmbeddedLLM)
    with pytest.raises(ConfigError):
        BackendSpec.parse("nonsense")
    with pytest.raises(ConfigError, match="No model backend"):
        create_llm(BackendSpec.parse("martian:x"))
    with pytest.raises(ConfigError):
        parse_spec("model-without-url")


WHEEL_INFO = "CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | BMI2 = 1 | LLAMAFILE = 1 | "
NATIVE_INFO = WHEEL_INFO.replace("BMI2 = 1 |", "BMI2 = 1 | AVX512 = 1 | AVX512_VBMI = 1 | AVX512_VNNI = 1 |")


def test_unused_cpu_features_name_what_a_native_llama_build_would_add() -> None:
    epyc = {"avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "avx512_bf16"}
    assert unused_cpu_features(WHEEL_INFO, epyc) == ["AVX512", "AVX512_VNNI"]
    assert unused_cpu_features(NATIVE_INFO, epyc) == []
    assert unused_cpu_features(WHEEL_INFO, {"avx2", "fma"}) == []  # an AVX2-only CPU gains nothing
    assert unused_cpu_features(WHEEL_INFO, {"avx2", "avx_vnni"}) == ["AVX_VNNI"]


def test_a_native_build_that_failed_its_check_is_remembered_per_version(tmp_path: Path) -> None:
    assert not native_build_failed("2026.10.11549", tmp_path)
    broken = tmp_path / "amity" / "native-llama" / "2026.10.11549-8a44f76f099ec5ea"
    broken.mkdir(parents=True)
    (broken / "xllamacpp-2026.10.11549-cp310-abi3-linux_x86_64.whl").write_bytes(b"")
    assert not native_build_failed("2026.10.11549", tmp_path)  # a cached build alone is fine
    (broken / "BROKEN").write_text("its check failed on 2026-11-28\n")
    assert native_build_failed("2026.10.11549", tmp_path)
    assert not native_build_failed("2026.11.1", tmp_path)  # a new version is tried again
