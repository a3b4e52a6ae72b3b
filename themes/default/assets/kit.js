// brandkit event kit: a Copy button under each script and draft. Nothing else runs and
// nothing leaves the page; without JavaScript the text can still be selected by hand.
"use strict";
(function () {
  var lang = document.documentElement.lang;
  var words = lang === "ja" ? { copy: "コピー", done: "コピーしました" } : { copy: "Copy", done: "Copied" };
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* the text stays selectable */ }
    document.body.removeChild(area);
    return Promise.resolve();
  }
  document.querySelectorAll("[data-copy]").forEach(function (source) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = words.copy;
    // The email signature copies as rich HTML (what a mail program pastes with its
    // colour and link) with its plain text beside it, for programs that take only text.
    var plain = source.dataset.copyText ? document.getElementById(source.dataset.copyText) : null;
    button.addEventListener("click", function () {
      var text = (plain || source).textContent;
      var rich = plain && window.ClipboardItem && navigator.clipboard && navigator.clipboard.write;
      var copied = rich && window.isSecureContext
        ? navigator.clipboard.write([new ClipboardItem({
          "text/html": new Blob([source.innerHTML], { type: "text/html" }),
          "text/plain": new Blob([text], { type: "text/plain" })
        })]).catch(function () { return navigator.clipboard.writeText(text); })
          .catch(function () { return fallback(text); })
        : navigator.clipboard && window.isSecureContext
          ? navigator.clipboard.writeText(text).catch(function () { return fallback(text); })
          : fallback(text);
      copied.then(function () {
        button.textContent = words.done;
        setTimeout(function () { button.textContent = words.copy; }, 2000);
      });
    });
    source.insertAdjacentElement("afterend", button);
  });
})();
