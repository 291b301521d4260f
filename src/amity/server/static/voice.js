/* Microphone capture: push-to-talk and hands-free (energy-based voice activity detection).
   Audio is captured with the Web Audio API, down-sampled to 16 kHz mono and encoded as 16-bit PCM WAV
   in the browser; the caller receives each utterance as a Blob. `onLevel` reports the live loudness.
   No library, no network: everything here runs locally in the page. */
"use strict";
(function () {
  const TARGET_RATE = 16000;

  function encodeWav(samples, rate) {
    const buf = new ArrayBuffer(44 + samples.length * 2);
    const v = new DataView(buf);
    const str = (o, s) => { for (let i = 0; i < s.length; i++) v.setUint8(o + i, s.charCodeAt(i)); };
    str(0, "RIFF"); v.setUint32(4, 36 + samples.length * 2, true); str(8, "WAVE");
    str(12, "fmt "); v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true);
    v.setUint32(24, rate, true); v.setUint32(28, rate * 2, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true);
    str(36, "data"); v.setUint32(40, samples.length * 2, true);
    for (let i = 0; i < samples.length; i++) {
      const s = Math.max(-1, Math.min(1, samples[i]));
      v.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    }
    return new Blob([buf], { type: "audio/wav" });
  }

  function downsample(chunks, fromRate) {
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const input = new Float32Array(total);
    let off = 0;
    for (const c of chunks) { input.set(c, off); off += c.length; }
    if (fromRate === TARGET_RATE) return input;
    const ratio = fromRate / TARGET_RATE;
    const out = new Float32Array(Math.floor(total / ratio));
    for (let i = 0; i < out.length; i++) {   // average over each window (cheap anti-aliasing)
      const start = Math.floor(i * ratio), end = Math.min(total, Math.floor((i + 1) * ratio));
      let sum = 0;
      for (let j = start; j < end; j++) sum += input[j];
      out[i] = sum / Math.max(1, end - start);
    }
    return out;
  }

  class Microphone {
    constructor({ onUtterance, onLevel, onStateChange }) {
      this.onUtterance = onUtterance; this.onLevel = onLevel || (() => {}); this.onStateChange = onStateChange || (() => {});
      this.stream = null; this.ctx = null; this.node = null; this.chunks = []; this.recording = false;
      this.handsFree = false; this.speechMs = 0; this.silenceMs = 0;
    }
    get active() { return this.stream !== null; }

    async start() {
      if (this.stream) return;
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true } });
      this.ctx = new AudioContext();
      this.rate = this.ctx.sampleRate;
      const source = this.ctx.createMediaStreamSource(this.stream);
      this.node = this.ctx.createScriptProcessor(4096, 1, 1);
      this.node.onaudioprocess = (e) => this._frame(e.inputBuffer.getChannelData(0));
      source.connect(this.node); this.node.connect(this.ctx.destination);
      this.onStateChange(true);
    }

    async stop() {
      if (!this.stream) return;
      this.stream.getTracks().forEach((t) => t.stop());
      if (this.node) this.node.disconnect();
      if (this.ctx) await this.ctx.close();
      this.stream = null; this.ctx = null; this.node = null; this.recording = false; this.chunks = [];
      this.onStateChange(false);
    }

    _frame(data) {
      if (!this.ctx) return;  // a late callback after stop()
      let sum = 0;
      for (let i = 0; i < data.length; i++) sum += data[i] * data[i];
      const rms = Math.sqrt(sum / data.length);
      this.onLevel(rms);
      const ms = (data.length / this.rate) * 1000;
      if (this.handsFree) {
        const loud = rms > 0.02;
        if (loud) { this.speechMs += ms; this.silenceMs = 0; } else { this.silenceMs += ms; }
        if (!this.recording && this.speechMs > 150) { this.recording = true; this.chunks = []; }
        if (!loud && !this.recording) this.speechMs = 0;
        if (this.recording && this.silenceMs > 900) { this.speechMs = 0; this._finish(); }
      }
      if (this.recording) this.chunks.push(new Float32Array(data));
    }

    _finish() {
      this.recording = false;
      if (!this.chunks.length) return;
      const wav = encodeWav(downsample(this.chunks, this.rate), TARGET_RATE);
      this.chunks = [];
      this.onUtterance(wav);
    }

    async pushStart() { await this.start(); this.chunks = []; this.recording = true; }
    async pushEnd(keepOpen) { if (this.recording) this._finish(); if (!keepOpen) await this.stop(); }
    async setHandsFree(on) { this.handsFree = on; if (on) await this.start(); else await this.stop(); }
  }

  window.AmityVoice = { Microphone, encodeWav };
})();
