"""End to end in real headless Chromium (Debian's ``/usr/bin/chromium``) driven by Playwright.

One server (uvicorn on 127.0.0.1, FakeLLM, fresh database) and one browser for the module; each test uses a
new browser context (fresh sessionStorage) and its own account. The microphone is Chromium's fake capture
device fed from a generated WAV (a voiced, amplitude-modulated tone), so the whole push-to-talk path runs:
getUserMedia -> Web Audio -> 16 kHz WAV in the page -> POST /senses/voice.
"""

from __future__ import annotations

import math
import struct
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.profile import ProfileStage
from amity.server import create_app
from amity.server.app import ServerSettings
from amity.server.testing import build_test_app, serve_in_thread
from amity.stages import Stage
from amity.store.conversations import ConversationStore

pytestmark = pytest.mark.heavy  # ~35 s: run with `pytest tests/e2e -m heavy`
CHROMIUM = Path("/usr/bin/chromium")
playwright_api = pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed (apt-get install chromium chromium-driver)", allow_module_level=True)

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]
TIMEOUT_MS = 8000


def write_voice_wav(path: Path, seconds: float = 3.0, rate: int = 16000) -> Path:
    """A speech-like test signal: 1.8 s of a 180 Hz voiced tone with harmonics and syllable-rate amplitude
    modulation, then 1.2 s of silence (a pause that ends an utterance in hands-free mode); Chromium loops it."""
    frames = bytearray()
    for i in range(int(seconds * rate)):
        t = i / rate
        envelope = 0.5 * (1 + math.sin(2 * math.pi * 4 * t)) if t < 1.8 else 0.0
        tone = sum(math.sin(2 * math.pi * 180 * k * t) / k for k in (1, 2, 3))
        frames += struct.pack("<h", int(9000 * envelope * tone / 1.8))
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(bytes(frames))
    return path


def _stages(app_db: Any, store: ConversationStore) -> list[Stage]:
    stages: list[Stage] = []
    try:
        from amity.safety.stage import SafetyStage

        stages.append(SafetyStage(app_db))
    except ImportError:
        pass
    stages.append(ProfileStage(store))
    return stages


SECOND_MODEL = "fake:This is the second model speaking."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    llm = FakeLLM(default="That sounds like a lot. What part of it is on your mind most?")
    llm.delay_s = 0.01  # visible streaming
    app = build_test_app(tmp_path_factory.mktemp("e2e") / "e2e.db", llm, Config())
    app.companion.stages = _stages(app.db, app.store)
    settings = ServerSettings(
        hash_profile="test", login_burst=100, chat_burst=100, speech_to_text=False, models=(SECOND_MODEL,)
    )
    api = create_app(app, settings=settings)
    with serve_in_thread(api) as url:
        yield url, app
    app.db.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    wav = write_voice_wav(tmp_path_factory.mktemp("audio") / "voice.wav")
    with playwright_api.sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=[*FLAGS, f"--use-file-for-fake-audio-capture={wav}"]
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, server: tuple[str, Any], request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(base_url=server[0])
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/")
    name = request.node.name.replace("test_", "")[:20].replace("_", "-")
    page.fill("#username", name)
    page.fill("#password", "a long password")
    page.click("#register-btn")
    page.wait_for_selector("#app-view:not([hidden])")
    page.wait_for_selector("#conn-status:has-text('connected')")
    yield page
    context.close()
    assert not errors, errors


def send(page: Any, text: str) -> Any:
    before = page.locator(".msg.assistant[data-done='1']").count()
    page.fill("#chat-input", text)
    page.click("#send-btn")
    reply = page.locator(".msg.assistant[data-done='1']").nth(before)
    reply.wait_for()
    return reply


def test_login_shows_ai_disclosure_and_rejects_bad_password(browser: Any, server: tuple[str, Any]) -> None:
    context = browser.new_context(base_url=server[0])
    page = context.new_page()
    page.goto("/")
    page.fill("#username", "loginuser")
    page.fill("#password", "a long password")
    page.click("#register-btn")
    page.wait_for_selector("#app-view:not([hidden])")
    assert "AI" in page.inner_text("#ai-disclosure")
    page.click("#logout-btn")
    page.wait_for_selector("#auth-view:not([hidden])")
    page.fill("#username", "loginuser")
    page.fill("#password", "the wrong password")
    page.click("#login-btn")
    page.wait_for_selector("#auth-error:not([hidden])")
    assert "Wrong username or password" in page.inner_text("#auth-error")
    page.fill("#password", "a long password")
    page.click("#login-btn")
    page.wait_for_selector("#app-view:not([hidden])")
    context.close()


def test_chat_streams_reply_and_face_follows_affect(page: Any) -> None:
    reply = send(page, "Work has been so much this week.")
    assert reply.inner_text().startswith("That sounds like a lot.")
    assert page.locator(".msg.user").last.inner_text() == "Work has been so much this week."
    assert page.get_attribute("#face", "data-expression")
    assert page.get_attribute("#face", "data-pleasure") is not None
    page.reload()  # history survives a reload (the token lives in sessionStorage)
    page.wait_for_selector(".msg.user")
    assert "Work has been so much" in page.inner_text("#messages")


def test_model_backend_can_be_switched_in_settings(page: Any) -> None:
    page.click("#tab-settings")
    page.wait_for_selector(f"#model-choice option[value='{SECOND_MODEL}']", state="attached")
    page.select_option("#model-choice", SECOND_MODEL)
    page.click("#settings-save")
    page.wait_for_selector("#settings-status:has-text('Saved')")
    page.click("#tab-chat")
    assert send(page, "Who is this?").inner_text() == "This is the second model speaking."


def test_crisis_message_shows_resources(page: Any, server: tuple[str, Any]) -> None:
    if not any(type(s).__name__ == "SafetyStage" for s in server[1].companion.stages):
        pytest.skip("the safety area is not installed")
    send(page, "I want to kill myself tonight")
    page.wait_for_selector("#crisis-panel:not([hidden])")
    assert page.locator("#crisis-resources li").count() >= 1


def test_memory_add_edit_and_forget(page: Any) -> None:
    page.click("#tab-memories")
    status = page.inner_text("#memory-status")
    if "not available" in status:
        pytest.skip("the facts memory area is not installed")
    page.fill("#memory-key", "likes")
    page.fill("#memory-value", "sea swimming")
    page.click("#memory-add button[type=submit]")
    item = page.locator(".memory-item", has_text="sea swimming")
    item.wait_for()
    page.once("dialog", lambda dialog: dialog.accept("cold sea swimming"))
    item.locator("button.edit").click()
    page.locator(".memory-item", has_text="cold sea swimming").wait_for()
    page.locator(".memory-item", has_text="cold sea swimming").locator("button.forget").click()
    page.wait_for_selector("#memory-status:has-text('Forgotten')")
    page.click("#tab-chat")
    page.click("#tab-memories")  # reload from the server: it is really gone
    page.wait_for_selector("#memory-status:has-text('Nothing remembered yet')")
    assert page.locator(".memory-item").count() == 0


def test_mood_chart_draws_checkins(page: Any) -> None:
    page.click("#tab-mood")
    if "not available" in page.inner_text("#mood-status"):
        pytest.skip("mood check-ins are not installed")
    for score, words in ((3, "tired"), (7, "better")):
        page.fill("#mood-score", str(score))
        page.fill("#mood-words", words)
        page.click("#mood-save")
        page.wait_for_selector(f"#mood-form[data-points='{score // 3}']")
    points = page.get_attribute("#mood-chart polyline.checkin", "points")
    assert points is not None and len(points.split()) == 2
    assert page.locator("#mood-chart circle.checkin-point").count() == 2


def test_push_to_talk_with_fake_microphone(page: Any) -> None:
    assert page.is_disabled("#ptt-btn")  # off until the user allows the microphone
    page.click("#tab-settings")
    page.check("#toggle-mic")
    page.click("#settings-save")
    page.wait_for_selector("#settings-status:has-text('Saved')")
    page.click("#tab-chat")
    assert page.is_hidden("#sensing-indicator")
    box = page.locator("#ptt-btn").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.wait_for_selector("#sensing-indicator:not([hidden])")
    assert "Microphone on" in page.inner_text("#sensing-indicator")
    page.wait_for_timeout(1500)
    page.mouse.up()
    page.wait_for_selector("#voice-result:has-text('Heard')")
    assert "speech detected" in page.inner_text("#voice-result")
    assert 1.0 <= float(page.get_attribute("#voice-result", "data-duration")) <= 3.0
    page.wait_for_selector("#sensing-indicator", state="hidden")  # the mic is released after the utterance


def test_hands_free_detects_utterances(page: Any) -> None:
    page.click("#tab-settings")
    page.check("#toggle-mic")
    page.click("#settings-save")
    page.wait_for_selector("#settings-status:has-text('Saved')")
    page.click("#tab-chat")
    page.check("#handsfree-toggle")
    page.wait_for_selector("#sensing-indicator:not([hidden])")
    page.wait_for_selector("#voice-result:has-text('speech detected')", timeout=3 * TIMEOUT_MS)
    page.uncheck("#handsfree-toggle")
    page.wait_for_selector("#sensing-indicator", state="hidden")


def test_camera_is_opt_in_with_indicator(page: Any) -> None:
    assert page.is_hidden("#camera-preview")
    page.click("#tab-settings")
    page.check("#toggle-camera")
    page.click("#settings-save")
    page.wait_for_selector("#sensing-indicator:not([hidden])")
    assert "Camera on" in page.inner_text("#sensing-indicator")
    page.click("#tab-chat")
    page.wait_for_selector("#camera-preview:not([hidden])")
    page.wait_for_selector("#face-result:not(:empty)")  # a frame went to /senses/face and was answered
    page.click("#tab-settings")
    page.uncheck("#toggle-camera")
    page.click("#settings-save")
    page.wait_for_selector("#sensing-indicator", state="hidden")
