// "Show my QR" offline: published beside each qr/ page (its scope is that folder), with
// the cache name and the files filled in by brandkit (render/exchange/qrpage.py). The
// name changes with the files' bytes, so a rebuild replaces the old cache.
var CACHE = "brandkit-qr-ja-3d6019956ef32b8f";
var FILES = ["./", "index.html", "manifest.webmanifest", "../assets/qr.css", "../assets/qr.js", "../favicon.svg"];
var FAMILY = CACHE.replace(/-[0-9a-f]+$/, "-");

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(FILES);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(FAMILY) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// Cache first: at the moment of exchange the code must show at once, signal or not.
self.addEventListener("fetch", function (event) {
  if (event.request.method !== "GET") return;
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(event.request, { ignoreSearch: true }).then(function (hit) {
      return hit || fetch(event.request);
    });
  }));
});
