// brandkit default theme. Turns the reversed address in data-email into a mailto: link,
// so the email never sits in the page as plain text for scrapers; in the sidebar theme,
// lets the profile card stick only while it fits the window. Nothing else runs.
"use strict";
document.querySelectorAll("a[data-email]").forEach(function (link) {
  var address = link.getAttribute("data-email").split("").reverse().join("");
  link.href = "mailto:" + address;
  link.textContent = address;
});

(function () {
  var sidebar = document.querySelector(".sidebar");
  if (!sidebar) return;
  function fit() {
    sidebar.classList.toggle("sidebar-sticky", sidebar.offsetHeight <= window.innerHeight);
  }
  fit();
  window.addEventListener("resize", fit);
  // Fonts and images arriving late change the card's height.
  if (window.ResizeObserver) new ResizeObserver(fit).observe(sidebar);
})();
