// "Show my QR" (templates/exchange/qr.html): one code at a time. Tap or swipe the code,
// press an arrow key or a button for the next; the screen stays on while it shows (Wake
// Lock, asked again whenever the page is shown again: the browser drops it when hidden);
// a service worker (sw.js, beside the page) keeps the page for offline use.
(function () {
  "use strict";
  var codes = Array.prototype.slice.call(document.querySelectorAll(".qr-code"));
  var current = 0;

  function show(n) {
    if (!codes.length) return;
    current = (n + codes.length) % codes.length;
    codes.forEach(function (code, i) { code.hidden = i !== current; });
    if (history.replaceState) history.replaceState(null, "", "#" + codes[current].id);
  }

  if (codes.length > 1) {
    document.documentElement.classList.add("qr-js");
    var start = codes.findIndex(function (code) { return "#" + code.id === location.hash; });
    show(start < 0 ? 0 : start);

    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var step = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 }[event.key];
      if (event.key === "Home") step = -current;
      if (event.key === "End") step = codes.length - 1 - current;
      if (step === undefined) return;
      event.preventDefault();
      show(current + step);
    });
    document.querySelectorAll(".qr-controls button").forEach(function (button) {
      button.addEventListener("click", function () { show(current + Number(button.dataset.step)); });
    });

    // A tap on the code is "next"; a horizontal swipe goes either way.
    var downX = null, downY = null;
    var main = document.querySelector(".qr-codes");
    main.addEventListener("pointerdown", function (event) { downX = event.clientX; downY = event.clientY; });
    main.addEventListener("pointerup", function (event) {
      if (downX === null) return;
      var dx = event.clientX - downX, dy = event.clientY - downY;
      downX = null;
      if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) show(current + (dx < 0 ? 1 : -1));
      else if (Math.abs(dx) < 10 && Math.abs(dy) < 10 && event.target.closest(".qr-box")) show(current + 1);
    });
  }

  function keepAwake() {
    if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
    navigator.wakeLock.request("screen").catch(function () { /* low battery, or not allowed */ });
  }
  document.addEventListener("visibilitychange", keepAwake);
  keepAwake();

  var worker = document.body.dataset.worker;
  if (worker && "serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register(worker).catch(function () { /* online only, then */ });
  }
})();
