// brandkit rehearsal page. Self-contained: no network, works from file:// and on a phone.
// Pacing is by time, never by frames: every moment is derived from timestamps, so a slow
// or hidden tab catches up instead of drifting. Tests may drive the clock by defining
// window.__brandkitNow (milliseconds) and calling window.__brandkitRehearse.tick().
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("rehearse-data").textContent);
  var W = data.words;
  var lang = data.lang;
  function $(id) { return document.getElementById(id); }
  function now() {
    return typeof window.__brandkitNow === "function" ? window.__brandkitNow() : performance.now();
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  // --- settings kept on this device ------------------------------------------------------
  var store = {
    get: function (key) {
      try { return window.localStorage.getItem("brandkit." + key); } catch (e) { return null; }
    },
    set: function (key, value) {
      try {
        if (value === null) { window.localStorage.removeItem("brandkit." + key); }
        else { window.localStorage.setItem("brandkit." + key, String(value)); }
      } catch (e) { /* private mode: settings last for this visit only */ }
    }
  };
  function stored(key, low, high) {
    var value = parseFloat(store.get(key));
    return isFinite(value) && value >= low && value <= high ? value : null;
  }
  var LIMITS = { ja: [120, 900], en: [60, 400] };
  var pace = {
    ja: stored("pace.ja", LIMITS.ja[0], LIMITS.ja[1]) || data.rates.ja,
    en: stored("pace.en", LIMITS.en[0], LIMITS.en[1]) || data.rates.en
  };

  // --- state ------------------------------------------------------------------------------
  var state = {
    index: 0, phase: "idle", rate: 1, font: stored("font", 1, 4) || 1.6, mirrored: false,
    countdownAt: 0, last: 0, elapsed: 0, progress: 0, calibrating: false, shown: -2
  };
  var plan = { starts: [], durations: [], total: 0 };
  var wanted = (location.hash || "").replace("#", "");
  data.scripts.forEach(function (script, i) {
    if (script.key === wanted || (!wanted && script.key === "30s")) { state.index = i; }
  });

  var els = {
    text: $("script-text"), stage: $("stage"), timer: $("timer"), timerState: $("timer-state"),
    countdown: $("countdown"), status: $("status"), estimate: $("estimate"), slot: $("slot-info"),
    play: $("btn-play"), rate: $("rate-value"), font: $("font-value"), mirror: $("btn-mirror"),
    record: $("btn-record"), take: $("take"), takeAudio: $("take-audio"), takeSave: $("take-save"),
    voice: $("btn-voice"), calibrate: $("btn-calibrate"), reset: $("btn-reset-pace"), pace: $("pace")
  };

  function seconds(sentence) {
    return 60 * (sentence.ja / pace.ja + sentence.en / pace.en);
  }
  function replan() {
    var start = 0;
    plan = { starts: [], durations: [], total: 0 };
    data.scripts[state.index].sentences.forEach(function (sentence) {
      var duration = seconds(sentence);
      plan.starts.push(start);
      plan.durations.push(duration);
      start += duration;
    });
    plan.total = start;
  }

  function clock(value) {
    var tenths = Math.floor(value * 10 + 1e-6);
    var minutes = Math.floor(tenths / 600);
    var rest = (tenths % 600) / 10;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest.toFixed(1);
  }
  function whole(value) {
    var s = Math.round(value);
    if (s < 60) { return fill(W.seconds, { s: s }); }
    var m = Math.floor(s / 60);
    return s % 60 ? fill(W.minutes, { m: m, s: s % 60, ss: ("0" + (s % 60)).slice(-2) })
      : fill(W.minutes_even, { m: m });
  }
  function say(text) { els.status.textContent = text; }
  // A phone or tablet: no keyboard to mention (the page hides its key hints by CSS too).
  var touch = window.matchMedia && window.matchMedia("(hover: none) and (pointer: coarse)").matches;
  // The text size shown as a percentage of the standard 1.6rem, not as a CSS unit.
  function percent(font) { return Math.round(font / 1.6 * 100); }
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  // --- drawing ------------------------------------------------------------------------------
  function build() {
    var script = data.scripts[state.index];
    els.text.textContent = "";
    script.sentences.forEach(function (sentence, i) {
      var span = document.createElement("span");
      span.className = "r-sentence";
      span.id = "sentence-" + i;
      span.textContent = sentence.text;
      els.text.appendChild(span);
      if (lang === "en") { els.text.appendChild(document.createTextNode(" ")); }
    });
    document.querySelectorAll("[data-script]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(Number(button.getAttribute("data-script")) === state.index));
    });
    var t = script.thresholds;
    els.slot.textContent = fill(W.legend, { green: whole(t[0]), yellow: whole(t[1]), red: whole(t[2]) });
    state.shown = -2;
    replan();
    describePace();
    draw();
  }

  function describePace() {
    var standard = pace.ja === data.rates.ja && pace.en === data.rates.en;
    var rate = lang === "ja" ? Math.round(pace.ja) : Math.round(pace.en);
    els.pace.textContent = fill(standard ? W.standard_pace : W.your_pace, { rate: rate });
    els.estimate.textContent = fill(W.estimate, {
      time: whole(plan.total / state.rate), slot: whole(data.scripts[state.index].slot)
    });
    els.reset.hidden = standard;
  }

  function timerState() {
    if (state.phase === "idle" || state.phase === "countdown") { return "idle"; }
    var t = data.scripts[state.index].thresholds;
    if (state.elapsed >= t[2]) { return "red"; }
    if (state.elapsed >= t[1]) { return "yellow"; }
    if (state.elapsed >= t[0]) { return "green"; }
    return "under";
  }

  function current() {
    if (state.phase === "idle" || state.phase === "countdown" || state.calibrating) { return -1; }
    if (state.progress >= plan.total) { return plan.starts.length; }
    for (var i = plan.starts.length - 1; i >= 0; i--) {
      if (state.progress >= plan.starts[i]) { return i; }
    }
    return 0;
  }

  function draw() {
    els.timer.textContent = clock(state.elapsed);
    var colour = timerState();
    if (els.timer.getAttribute("data-state") !== colour) {
      els.timer.setAttribute("data-state", colour);
      els.timerState.textContent = colour === "idle" ? "" : W["state_" + colour] || "";
    }
    var at = current();
    if (at !== state.shown) {
      var spans = els.text.querySelectorAll(".r-sentence");
      for (var i = 0; i < spans.length; i++) {
        spans[i].classList.toggle("is-current", i === at);
        spans[i].classList.toggle("is-said", at >= 0 && i < at);
      }
      if (at >= 0 && at < spans.length && spans[at].scrollIntoView) {
        spans[at].scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
      }
      if (at === spans.length && state.phase === "playing") { say(W.done); }
      state.shown = at;
    }
    if (state.phase === "countdown") {
      var left = 3 - Math.floor((now() - state.countdownAt) / 1000);
      els.countdown.hidden = false;
      els.countdown.textContent = String(Math.max(1, left));
    } else {
      els.countdown.hidden = true;
    }
    els.play.textContent = state.phase === "playing" || state.phase === "countdown" ? W.pause
      : state.phase === "paused" ? W.resume : W.play;
    els.rate.textContent = "×" + state.rate.toFixed(1);
    els.font.textContent = percent(state.font) + "%";
    els.stage.style.setProperty("--r-font", state.font + "rem");
  }

  // --- the clock ----------------------------------------------------------------------------
  function commit(t) {
    if (state.phase === "playing") {
      var dt = Math.max(0, (t - state.last) / 1000);
      state.elapsed += dt;
      state.progress += dt * state.rate;
    }
    state.last = t;
  }

  function tick() {
    var t = now();
    if (state.phase === "countdown" && t - state.countdownAt >= 3000) {
      state.phase = "playing";
      state.last = state.countdownAt + 3000;  // the talk starts exactly at "go"
      say(W.playing);
      startRecording();
    }
    commit(t);
    draw();
  }

  var looping = false;
  function loop() {
    tick();
    if (state.phase === "countdown" || state.phase === "playing") {
      window.requestAnimationFrame(loop);
    } else {
      looping = false;
    }
  }
  function run() {
    if (!looping) { looping = true; window.requestAnimationFrame(loop); }
  }

  // --- actions ------------------------------------------------------------------------------
  function play() {
    if (state.phase === "paused") {
      state.phase = "playing";
      state.last = now();
      say(W.playing);
      startRecording();
    } else {
      state.elapsed = 0;
      state.progress = 0;
      state.phase = "countdown";
      state.countdownAt = now();
      say(W.countdown);
    }
    lockOn();
    draw();
    run();
  }
  function pause() {
    commit(now());
    state.phase = "paused";
    stopAll();
    if (state.calibrating) { finishCalibration(); }
    else { say(W.paused); }
    draw();
  }
  function toggle() {
    if (state.phase === "playing") { pause(); }
    else if (state.phase === "countdown") { restart(); }
    else { play(); }
  }
  function restart() {
    stopAll();
    state.phase = "idle";
    state.elapsed = 0;
    state.progress = 0;
    state.calibrating = false;
    document.body.classList.remove("is-calibrating");
    say(touch ? W.ready_touch : W.ready);
    draw();
  }
  function stopAll() {
    lockOff();
    stopRecording();
    if (window.speechSynthesis) { window.speechSynthesis.cancel(); }
  }
  function setRate(delta) {
    commit(now());
    state.rate = Math.min(2, Math.max(0.5, Math.round((state.rate + delta) * 10) / 10));
    say(fill(W.rate, { rate: state.rate.toFixed(1) }));
    describePace();
    draw();
  }
  function setFont(delta) {
    state.font = Math.min(4, Math.max(1, Math.round((state.font + delta) * 10) / 10));
    store.set("font", state.font);
    say(fill(W.font, { size: percent(state.font) }));
    draw();
  }
  function mirror() {
    state.mirrored = !state.mirrored;
    els.stage.classList.toggle("is-mirrored", state.mirrored);
    els.mirror.setAttribute("aria-pressed", String(state.mirrored));
    say(state.mirrored ? W.mirror_on : W.mirror_off);
  }
  function fullscreen() {
    var el = els.stage;
    try {
      if (document.fullscreenElement) { document.exitFullscreen().catch(function () {}); return; }
      var request = el.requestFullscreen || el.webkitRequestFullscreen;
      if (!request) { say(W.fullscreen_none); return; }
      var result = request.call(el);
      if (result && result.catch) { result.catch(function () { say(W.fullscreen_none); }); }
    } catch (e) { say(W.fullscreen_none); }
  }
  function choose(index) {
    if (index < 0 || index >= data.scripts.length) { return; }
    restart();
    state.index = index;
    build();
  }

  // --- screen wake lock: kept while playing, taken again when the tab comes back -----------
  var wake = null;
  function lockOn() {
    if (!("wakeLock" in navigator)) { return; }
    navigator.wakeLock.request("screen").then(function (lock) {
      wake = lock;
      if (state.phase !== "playing" && state.phase !== "countdown") { lockOff(); }
    }).catch(function () { say(W.wake_none); });
  }
  function lockOff() {
    if (wake) { wake.release().catch(function () {}); wake = null; }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && (state.phase === "playing" || state.phase === "countdown")) {
      lockOn();
    }
  });

  // --- recording yourself: the take stays in this browser (a blob URL), never uploaded ------
  var rec = { on: false, recorder: null, chunks: [], url: null };
  function startRecording() {
    if (!rec.on || rec.recorder) { return; }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.MediaRecorder) {
      say(W.rec_none);
      setRecord(false);
      return;
    }
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      if (state.phase !== "playing") { stream.getTracks().forEach(function (t) { t.stop(); }); return; }
      var recorder = new MediaRecorder(stream);
      rec.recorder = recorder;
      rec.chunks = [];
      recorder.ondataavailable = function (event) { if (event.data.size) { rec.chunks.push(event.data); } };
      recorder.onstop = function () {
        stream.getTracks().forEach(function (t) { t.stop(); });
        if (rec.url) { URL.revokeObjectURL(rec.url); }
        var blob = new Blob(rec.chunks, { type: recorder.mimeType || "audio/webm" });
        rec.url = URL.createObjectURL(blob);
        els.takeAudio.src = rec.url;
        els.takeSave.href = rec.url;
        els.take.hidden = false;
        say(W.rec_take);
      };
      recorder.start();
      say(W.rec_start);
    }).catch(function () { say(W.rec_denied); setRecord(false); });
  }
  function stopRecording() {
    if (rec.recorder) {
      if (rec.recorder.state !== "inactive") { rec.recorder.stop(); }
      rec.recorder = null;
    }
  }
  function setRecord(on) {
    rec.on = on;
    els.record.setAttribute("aria-pressed", String(on));
    if (!on) { stopRecording(); }
  }

  // --- reading aloud: only with a voice on this device (Chrome's Japanese one is online) -----
  function localVoice() {
    if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) { return null; }
    var voices = window.speechSynthesis.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].localService && voices[i].lang.toLowerCase().indexOf(lang) === 0) { return voices[i]; }
    }
    return null;
  }
  function showVoice() { els.voice.hidden = !localVoice(); }
  function readAloud() {
    var voice = localVoice();
    if (!voice) { say(W.voice_none); showVoice(); return; }
    restart();
    var text = data.scripts[state.index].sentences.map(function (s) { return s.text; }).join(" ");
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = state.rate;
    window.speechSynthesis.speak(utterance);
    state.phase = "playing";
    state.last = now();
    draw();
    run();
  }
  if (window.speechSynthesis) {
    showVoice();
    if (window.speechSynthesis.addEventListener) {
      window.speechSynthesis.addEventListener("voiceschanged", showVoice);
    }
  }

  // --- calibration: one natural take sets your own pace ------------------------------------
  function calibrate() {
    restart();
    state.calibrating = true;
    document.body.classList.add("is-calibrating");
    say(touch ? W.calibrate_start_touch : W.calibrate_start);
  }
  function finishCalibration() {
    state.calibrating = false;
    document.body.classList.remove("is-calibrating");
    var total = { ja: 0, en: 0 };
    data.scripts[state.index].sentences.forEach(function (s) { total.ja += s.ja; total.en += s.en; });
    var main = lang === "ja" ? "ja" : "en";
    var other = main === "ja" ? "en" : "ja";
    var own = state.elapsed - 60 * total[other] / pace[other];  // time spent on the main language
    var rate = own > 0 ? total[main] / (own / 60) : 0;
    if (state.elapsed < 3 || !total[main] || rate < LIMITS[main][0] || rate > LIMITS[main][1]) {
      say(W.calibrate_bad);
      return;
    }
    pace[main] = Math.round(rate);
    store.set("pace." + main, pace[main]);
    replan();
    describePace();
    say(fill(W.calibrate_done, { rate: pace[main] }));
    state.phase = "idle";
    state.elapsed = 0;
    state.progress = 0;
    draw();
  }
  function resetPace() {
    store.set("pace.ja", null);
    store.set("pace.en", null);
    pace = { ja: data.rates.ja, en: data.rates.en };
    replan();
    describePace();
    say(W.calibrate_reset);
  }

  // --- keys and buttons ------------------------------------------------------------------------
  var actions = {
    play: toggle, restart: restart, slower: function () { setRate(-0.1); },
    faster: function () { setRate(0.1); }, smaller: function () { setFont(-0.2); },
    larger: function () { setFont(0.2); }, mirror: mirror, fullscreen: fullscreen,
    record: function () { setRecord(!rec.on); }, voice: readAloud, calibrate: calibrate,
    "reset-pace": resetPace
  };
  document.querySelectorAll("[data-action]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      actions[button.getAttribute("data-action")]();
      // After a tap or click, give the keys back to the page (Space must not re-press it).
      if (event.detail > 0) { button.blur(); }
    });
  });
  document.querySelectorAll("[data-script]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      choose(Number(button.getAttribute("data-script")));
      if (event.detail > 0) { button.blur(); }
    });
  });
  var KEYS = {
    " ": "play", ArrowLeft: "slower", ArrowRight: "faster", ArrowUp: "larger", ArrowDown: "smaller",
    m: "mirror", f: "fullscreen", r: "restart"
  };
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) { return; }
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) { return; }
    var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    // Space and Enter on a focused control press that control, as everywhere else.
    if ((key === " " || key === "Enter") && (tag === "BUTTON" || tag === "A" || tag === "SUMMARY" || tag === "AUDIO")) { return; }
    if (/^[1-9]$/.test(key)) {
      choose(Number(key) - 1);
      event.preventDefault();
      return;
    }
    if (key === "Escape" && (state.phase === "playing" || state.phase === "countdown")) {
      toggle();
      return;
    }
    var action = KEYS[key];
    if (!action) { return; }
    event.preventDefault();
    actions[action]();
  });

  // Tests: a way to step the clock and read what the page shows.
  window.__brandkitRehearse = {
    tick: tick,
    state: function () {
      tick();  // read at the clock's current time, not at the last frame
      return {
        phase: state.phase, elapsed: state.elapsed, progress: state.progress, rate: state.rate,
        font: state.font, mirrored: state.mirrored, current: current(), timer: timerState(),
        key: data.scripts[state.index].key, durations: plan.durations.slice(), total: plan.total,
        pace: { ja: pace.ja, en: pace.en }
      };
    }
  };

  document.body.classList.add("has-js");
  build();
  say(touch ? W.ready_touch : W.ready);
})();
