/* The companion's face: an SVG whose mouth, brows and eyes follow the companion's *simulated* affect.
   Input is the server's `companion` object ({pad: {pleasure, arousal, dominance}, face, octant}) or,
   when the server has no companion-affect model, a gentle mirror of the user's estimated affect. */
"use strict";
(function () {
  const EXPRESSIONS = {
    smile_big: { p: 0.8, a: 0.5, label: "bright" },
    smile: { p: 0.55, a: 0.2, label: "warm" },
    smile_soft: { p: 0.35, a: -0.1, label: "calm" },
    soft: { p: 0.15, a: -0.3, label: "gentle" },
    neutral: { p: 0.0, a: 0.0, label: "steady" },
    concerned: { p: -0.45, a: 0.1, label: "concerned" },
  };
  const clamp = (x) => Math.max(-1, Math.min(1, x));

  function draw(p, a, label, expression) {
    const svg = document.getElementById("face");
    if (!svg) return;
    const curve = 68 + 14 * clamp(p);            // mouth control point: >68 smiles, <68 frowns
    const width = 18 + 4 * Math.max(0, p);
    document.getElementById("mouth").setAttribute("d", `M${50 - width} 68 Q50 ${curve.toFixed(1)} ${50 + width} 68`);
    const inner = 34 - 6 * Math.max(0, -p);      // brows tilt up in the middle when concerned
    const outer = 34 - 3 * Math.max(0, p);
    document.getElementById("brow-l").setAttribute("d", `M24 ${outer} Q32 ${outer - 4} 40 ${inner}`);
    document.getElementById("brow-r").setAttribute("d", `M60 ${inner} Q68 ${outer - 4} 76 ${outer}`);
    const ry = (5.5 + 2 * clamp(a)).toFixed(1);
    for (const id of ["eye-l", "eye-r"]) document.getElementById(id).setAttribute("ry", ry);
    svg.dataset.expression = expression;
    svg.dataset.pleasure = clamp(p).toFixed(2);
    const head = svg.querySelector(".head");
    head.style.fill = p < -0.2 ? "#f3dcc4" : p > 0.5 ? "#ffdcae" : "#ffe2b8";
    document.getElementById("face-label").textContent = label;
  }

  function set(companion, userAffect) {
    if (companion && companion.pad) {
      const expr = EXPRESSIONS[companion.face] ? companion.face : "neutral";
      draw(companion.pad.pleasure, companion.pad.arousal, (EXPRESSIONS[expr] || {}).label || companion.octant, expr);
      return;
    }
    if (userAffect) {  // fallback: warm, softened mirror (never mirrors hostility)
      const p = userAffect.valence < -0.15 ? -0.4 : 0.2 + 0.4 * Math.max(0, userAffect.valence);
      const expr = p < 0 ? "concerned" : p > 0.45 ? "smile" : "smile_soft";
      draw(p, 0.3 * userAffect.arousal, EXPRESSIONS[expr].label, expr);
    }
  }

  function thinking(on) {
    const svg = document.getElementById("face");
    if (svg) svg.classList.toggle("thinking", on);
  }

  window.AmityFace = { set, thinking, reset: () => draw(0.35, -0.1, "calm", "smile_soft") };
})();
