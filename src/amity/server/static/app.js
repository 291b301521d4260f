/* Amity web app: sign-in, streamed chat over the WebSocket, face, mood chart, memories, settings, sensing.
   Plain JS against /api/v1 (no framework, no CDN). The bearer token lives in sessionStorage only. */
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const API = "/api/v1";
  let token = sessionStorage.getItem("amity.token");
  let socket = null, socketReady = false, pending = [], msgId = 0, current = null, settings = {};
  let lastUserAffect = null, reconnectDelay = 500, camera = null, cameraTimer = null;

  async function api(path, opts = {}) {
    const headers = Object.assign({}, opts.headers || {});
    if (token) headers.Authorization = "Bearer " + token;
    if (opts.json !== undefined) { headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(opts.json); }
    const res = await fetch(API + path, { method: opts.method || "GET", headers, body: opts.body });
    const data = res.headers.get("content-type")?.includes("json") ? await res.json() : null;
    if (res.status === 401 && path !== "/auth/login") { signOut(); }
    if (!res.ok) {
      const err = (data && data.error) || { message: "Request failed (" + res.status + ")", fix: "" };
      throw Object.assign(new Error(err.message), { fix: err.fix, status: res.status });
    }
    return data;
  }
  const explain = (e) => e.message + (e.fix ? " " + e.fix : "");

  // ---- sign-in ----------------------------------------------------------------------------------
  async function authenticate(kind) {
    $("auth-error").hidden = true;
    try {
      const data = await api("/auth/" + kind, { method: "POST", json: { username: $("username").value.trim(), password: $("password").value } });
      token = data.token; sessionStorage.setItem("amity.token", token);
      await start();
    } catch (e) { $("auth-error").textContent = explain(e); $("auth-error").hidden = false; }
  }
  $("login-form").addEventListener("submit", (ev) => { ev.preventDefault(); authenticate("login"); });
  $("register-btn").addEventListener("click", () => { if ($("login-form").reportValidity()) authenticate("register"); });

  function signOut() {
    token = null; sessionStorage.removeItem("amity.token");
    if (socket) { socket.onclose = null; socket.close(); socket = null; }
    stopSensing();
    $("app-view").hidden = true; $("auth-view").hidden = false;
  }
  $("logout-btn").addEventListener("click", async () => { try { await api("/auth/logout", { method: "POST" }); } catch (e) { /* already out */ } signOut(); });

  // ---- tabs -------------------------------------------------------------------------------------
  for (const btn of document.querySelectorAll("#tabs button")) {
    btn.addEventListener("click", () => {
      for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b === btn);
      for (const p of document.querySelectorAll(".panel")) p.hidden = p.id !== "panel-" + btn.dataset.tab;
      if (btn.dataset.tab === "mood") loadMood();
      if (btn.dataset.tab === "memories") loadMemories();
      if (btn.dataset.tab === "settings") loadSettings();
    });
  }

  // ---- chat over the WebSocket --------------------------------------------------------------------
  function addMessage(role, text) {
    const div = document.createElement("div");
    div.className = "msg " + role; div.textContent = text;
    $("messages").appendChild(div); $("messages").scrollTop = $("messages").scrollHeight;
    return div;
  }
  function addNotice(kind, text) {
    const div = document.createElement("div");
    div.className = "notice"; div.dataset.kind = kind; div.textContent = text;
    $("notices").appendChild(div);
  }
  function showCrisis(safety) {
    if (!safety || !safety.crisis) return;
    const list = $("crisis-resources"); list.textContent = "";
    for (const r of safety.resources || []) {
      const li = document.createElement("li");
      li.textContent = `${r.name}: ${r.contact} (${r.region}, ${r.hours})`;
      list.appendChild(li);
    }
    if (!list.children.length) { const li = document.createElement("li"); li.textContent = "Your local emergency number"; list.appendChild(li); }
    $("crisis-panel").hidden = false;
  }

  function connect() {
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(`${proto}//${location.host}${API}/ws`);
    socketReady = false; $("conn-status").textContent = "connecting";
    socket.onopen = () => socket.send(JSON.stringify({ type: "auth", token }));
    socket.onmessage = (ev) => handle(JSON.parse(ev.data));
    socket.onclose = (ev) => {
      socketReady = false; $("conn-status").textContent = "offline";
      if (ev.code === 4401) { signOut(); return; }
      if (token) { setTimeout(connect, reconnectDelay); reconnectDelay = Math.min(10000, reconnectDelay * 2); }
    };
  }

  function handle(f) {
    switch (f.type) {
      case "ready":
        socketReady = true; reconnectDelay = 500; $("conn-status").textContent = "connected";
        socket.send(JSON.stringify({ type: "open", id: "open" }));
        for (const p of pending.splice(0)) socket.send(p);
        break;
      case "opened": AmityFace.set(f.companion, lastUserAffect); break;
      case "notice": addNotice(f.kind, f.text); break;
      case "safety": showCrisis(f); break;
      case "affect": lastUserAffect = f.affect; break;
      case "delta":
        if (!current) current = addMessage("assistant", "");
        current.textContent += f.text; $("messages").scrollTop = $("messages").scrollHeight;
        break;
      case "memory": addNotice("memory", `Memory ${f.action}: ${f.text}`); break;
      case "end":
        if (!current) current = addMessage("assistant", f.reply);
        current.dataset.done = "1"; current = null;
        AmityFace.thinking(false); AmityFace.set(f.companion, f.affect || lastUserAffect);
        showCrisis(f.safety); $("send-btn").disabled = false;
        break;
      case "error":
        if (current) current = null;
        AmityFace.thinking(false); $("send-btn").disabled = false;
        addMessage("error", explain(f.error));
        break;
      default: break;
    }
  }

  function say(text, channels) {
    text = text.trim();
    if (!text) return;
    addMessage("user", text);
    const frame = JSON.stringify({ type: "say", id: String(++msgId), text, channels: channels || [] });
    AmityFace.thinking(true); $("send-btn").disabled = true;
    if (socketReady) socket.send(frame); else pending.push(frame);
  }
  $("chat-form").addEventListener("submit", (ev) => { ev.preventDefault(); say($("chat-input").value, faceChannel()); $("chat-input").value = ""; });
  $("chat-input").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); $("chat-form").requestSubmit(); }
  });

  async function loadHistory() {
    const turns = await api("/history?limit=50");
    $("messages").textContent = "";
    for (const t of turns) addMessage(t.role, t.text).dataset.done = "1";
  }

  // ---- sensing: microphone and camera ------------------------------------------------------------
  const sensing = { mic: false, camera: false };
  function showSensing() {
    const parts = [];
    if (sensing.mic) parts.push("Microphone on");
    if (sensing.camera) parts.push("Camera on");
    $("sensing-indicator").hidden = parts.length === 0;
    $("sensing-text").textContent = parts.join(" · ");
  }
  const mic = new AmityVoice.Microphone({
    onStateChange: (on) => { sensing.mic = on; showSensing(); },
    onUtterance: async (wav) => {
      try {
        const r = await api("/senses/voice", { method: "POST", body: wav, headers: { "Content-Type": "audio/wav" } });
        $("voice-result").textContent = `Heard ${r.duration_s.toFixed(1)} s of audio` + (r.speech_detected ? " (speech detected)" : " (mostly silence)");
        $("voice-result").dataset.duration = r.duration_s;
        if (r.transcript) say(r.transcript, [asChannel(r.channel), faceChannel()[0]].filter(Boolean));
        else if (r.speech_detected) $("voice-result").textContent += " - speech-to-text is not installed on this server; please type.";
      } catch (e) { $("voice-result").textContent = explain(e); }
    },
  });
  const ptt = $("ptt-btn");
  ptt.addEventListener("pointerdown", async () => {
    try { ptt.classList.add("recording"); await mic.pushStart(); } catch (e) { ptt.classList.remove("recording"); $("voice-result").textContent = "Microphone unavailable: " + e.message; }
  });
  const pttUp = async () => { if (!ptt.classList.contains("recording")) return; ptt.classList.remove("recording"); await mic.pushEnd($("handsfree-toggle").checked); };
  ptt.addEventListener("pointerup", pttUp);
  ptt.addEventListener("pointerleave", pttUp);
  $("handsfree-toggle").addEventListener("change", async (ev) => {
    try { await mic.setHandsFree(ev.target.checked); } catch (e) { ev.target.checked = false; $("voice-result").textContent = "Microphone unavailable: " + e.message; }
  });

  let lastFaceChannel = null;
  const asChannel = (c) => c && { channel: c.channel, label: c.label, valence: c.valence, arousal: c.arousal, confidence: c.confidence };
  function faceChannel() { return lastFaceChannel ? [asChannel(lastFaceChannel)] : []; }
  async function startCamera() {
    if (camera) return;
    camera = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } });
    const video = $("camera-preview"); video.srcObject = camera; video.hidden = false; await video.play();
    sensing.camera = true; showSensing();
    cameraTimer = setInterval(sendFrame, 3000);
  }
  function stopCamera() {
    if (cameraTimer) clearInterval(cameraTimer);
    if (camera) camera.getTracks().forEach((t) => t.stop());
    camera = null; cameraTimer = null; lastFaceChannel = null;
    $("camera-preview").hidden = true; sensing.camera = false; showSensing();
  }
  async function sendFrame() {
    const video = $("camera-preview");
    if (!camera || !video.videoWidth) return;
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth; canvas.height = video.videoHeight;
    canvas.getContext("2d").drawImage(video, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.8));
    try {
      const r = await api("/senses/face", { method: "POST", body: blob, headers: { "Content-Type": "image/jpeg" } });
      lastFaceChannel = r.channel;
      $("face-result").textContent = r.channel ? `Your face: ${r.channel.label} (estimate)` : "No face in view";
    } catch (e) { $("face-result").textContent = explain(e); }
  }
  function stopSensing() { stopCamera(); mic.stop(); }

  // ---- mood ---------------------------------------------------------------------------------------
  function polyline(points, cls) {
    const pl = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
    pl.setAttribute("class", cls); pl.setAttribute("points", points.map((p) => p.join(",")).join(" "));
    return pl;
  }
  function svgEl(tag, attrs, text) {
    const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text) el.textContent = text;
    return el;
  }
  async function loadMood() {
    let data;
    try { data = await api("/mood"); } catch (e) { $("mood-status").textContent = explain(e); return; }
    const chart = $("mood-chart"); chart.textContent = "";
    const W = 600, H = 240, L = 30, R = 10, T = 10, B = 24;
    const y = (score) => T + (H - T - B) * (1 - (score - 1) / 9);
    for (const s of [1, 4, 7, 10]) { chart.appendChild(svgEl("line", { x1: L, x2: W - R, y1: y(s), y2: y(s), class: "grid" })); chart.appendChild(svgEl("text", { x: 4, y: y(s) + 4 }, String(s))); }
    const times = [...data.checkins.map((c) => Date.parse(c.created_at)), ...data.affect.map((a) => Date.parse(a.at))];
    if (!times.length) { chart.appendChild(svgEl("text", { x: 200, y: 120 }, "No check-ins yet")); $("mood-form").dataset.points = "0"; return; }
    const t0 = Math.min(...times), t1 = Math.max(...times), span = Math.max(1, t1 - t0);
    const x = (t) => L + (W - L - R) * (times.length === 1 ? 0.5 : (t - t0) / span);
    const checks = data.checkins.map((c) => [x(Date.parse(c.created_at)).toFixed(1), y(c.score).toFixed(1)]);
    const affect = data.affect.map((a) => [x(Date.parse(a.at)).toFixed(1), y(1 + 4.5 * (a.valence + 1)).toFixed(1)]);
    if (affect.length) chart.appendChild(polyline(affect, "affect"));
    if (checks.length) chart.appendChild(polyline(checks, "checkin"));
    for (const [cx, cy] of checks) chart.appendChild(svgEl("circle", { cx, cy, r: 4, class: "checkin-point" }));
    $("mood-form").dataset.points = String(checks.length);
    $("mood-status").textContent = data.checkins_available ? `${checks.length} check-in(s)` : "Check-ins are not available on this server.";
  }
  $("mood-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try { await api("/mood", { method: "POST", json: { score: Number($("mood-score").value), words: $("mood-words").value } }); $("mood-words").value = ""; await loadMood(); }
    catch (e) { $("mood-status").textContent = explain(e); }
  });

  // ---- memories -----------------------------------------------------------------------------------
  async function loadMemories() {
    const list = $("memory-list"); list.textContent = "";
    let items;
    try { items = await api("/memories"); } catch (e) { $("memory-status").textContent = explain(e); return; }
    $("memory-status").textContent = items.length ? "" : "Nothing remembered yet.";
    for (const m of items) {
      const li = document.createElement("li"); li.className = "memory-item"; li.dataset.id = m.id;
      const span = document.createElement("span"); span.className = "text"; span.textContent = m.text;
      const edit = document.createElement("button"); edit.className = "secondary small edit"; edit.textContent = "Edit";
      edit.addEventListener("click", async () => {
        const value = prompt("Correct this memory:", m.value);
        if (!value) return;
        try { await api(`/memories/${m.id}`, { method: "PATCH", json: { value } }); await loadMemories(); } catch (e) { $("memory-status").textContent = explain(e); }
      });
      const forget = document.createElement("button"); forget.className = "danger small forget"; forget.textContent = "Forget";
      forget.addEventListener("click", async () => {
        try { await api(`/memories/${m.id}`, { method: "DELETE" }); $("memory-status").textContent = "Forgotten."; li.remove(); } catch (e) { $("memory-status").textContent = explain(e); }
      });
      li.append(span, edit, forget); list.appendChild(li);
    }
  }
  $("memory-add").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try { await api("/memories", { method: "POST", json: { key: $("memory-key").value, value: $("memory-value").value } }); $("memory-value").value = ""; await loadMemories(); }
    catch (e) { $("memory-status").textContent = explain(e); }
  });

  // ---- settings -----------------------------------------------------------------------------------
  function applySensingSettings() {
    ptt.disabled = !settings.microphone; $("handsfree-toggle").disabled = !settings.microphone;
    if (!settings.microphone) { $("handsfree-toggle").checked = false; mic.stop(); }
    if (settings.camera) startCamera().catch((e) => { $("face-result").textContent = "Camera unavailable: " + e.message; }); else stopCamera();
  }
  async function loadSettings() {
    settings = await api("/settings");
    $("display-name").value = settings.display_name || "";
    $("toggle-mic").checked = settings.microphone; $("toggle-camera").checked = settings.camera;
    const models = $("model-choice"); models.textContent = "";
    for (const m of settings.models) { const o = document.createElement("option"); o.value = m; o.textContent = m; models.appendChild(o); }
    models.value = settings.model; models.disabled = settings.models.length < 2;
    $("model-note").textContent = settings.model_note;
    try {
      const persona = await api("/persona");
      const sel = $("persona-preset"); sel.textContent = "";
      const keep = document.createElement("option"); keep.value = ""; keep.textContent = "(keep current)"; sel.appendChild(keep);
      for (const p of persona.presets) { const o = document.createElement("option"); o.value = p; o.textContent = p; sel.appendChild(o); }
      $("persona-custom-name").value = persona.name; $("persona-name").textContent = persona.name;
    } catch (e) { $("persona-preset").disabled = true; $("persona-custom-name").disabled = true; }
  }
  $("settings-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const body = { microphone: $("toggle-mic").checked, camera: $("toggle-camera").checked };
      if (!$("model-choice").disabled && $("model-choice").value !== settings.model) body.model = $("model-choice").value;
      if ($("display-name").value.trim()) body.display_name = $("display-name").value.trim();
      settings = await api("/settings", { method: "PATCH", json: body });
      if (!$("persona-preset").disabled) {
        const p = { name: $("persona-custom-name").value.trim() || undefined };
        if ($("persona-preset").value) p.preset = $("persona-preset").value;
        const persona = await api("/persona", { method: "PUT", json: p });
        $("persona-name").textContent = persona.name;
      }
      applySensingSettings();
      $("settings-status").textContent = "Saved.";
    } catch (e) { $("settings-status").textContent = explain(e); }
  });
  $("export-btn").addEventListener("click", async () => {
    const data = await api("/export");
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    a.download = "amity-export.json"; a.click();
  });
  $("archive-btn").addEventListener("click", async () => {
    const res = await fetch(API + "/export/archive", { headers: { Authorization: "Bearer " + token } });
    if (!res.ok) { $("settings-status").textContent = ((await res.json()).error || {}).message || "Export failed."; return; }
    const a = document.createElement("a");
    a.href = URL.createObjectURL(await res.blob()); a.download = "amity-export.zip"; a.click();
  });
  $("delete-btn").addEventListener("click", async () => {
    const password = prompt("This deletes your account and everything Amity stored. Enter your password to confirm:");
    if (!password) return;
    try { await api("/auth/delete", { method: "POST", json: { password } }); signOut(); } catch (e) { $("settings-status").textContent = explain(e); }
  });

  // ---- start --------------------------------------------------------------------------------------
  async function start() {
    try { await api("/auth/me"); } catch (e) { signOut(); return; }
    $("auth-view").hidden = true; $("app-view").hidden = false;
    AmityFace.reset();
    await loadSettings().catch(() => {});
    applySensingSettings();
    await loadHistory().catch(() => {});
    connect();
  }
  if (token) start();
})();
