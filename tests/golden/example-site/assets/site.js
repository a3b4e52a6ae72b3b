// brandkit default theme. Turns the reversed address in data-email into a mailto: link,
// so the email never sits in the page as plain text for scrapers. Nothing else runs.
"use strict";
document.querySelectorAll("a[data-email]").forEach(function (link) {
  var address = link.getAttribute("data-email").split("").reverse().join("");
  link.href = "mailto:" + address;
  link.textContent = address;
});
