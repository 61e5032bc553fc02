// Jikenbo (事件簿): the little script the pages use. Our own code, no libraries.
// - evidence links: scroll the highlighted evidence into view (opening collapsed text) and flash it
// - the casebook's sort menu applies on change
// - the print button of a draft's print view
(function () {
  "use strict";
  function reveal(id) {
    var anchor = document.getElementById(id);
    if (!anchor) return false;
    var d = anchor.closest("details");
    if (d) d.open = true;
    var mark = anchor.nextElementSibling;
    while (mark && mark.classList.contains("anchor")) mark = mark.nextElementSibling;
    anchor.scrollIntoView({ block: "center", behavior: "smooth" });
    if (mark && mark.tagName === "MARK") {
      mark.classList.add("flash");
      setTimeout(function () { mark.classList.remove("flash"); }, 1600);
    }
    return true;
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.evlink");
    if (!a) return;
    if (reveal(a.getAttribute("data-anchor"))) {
      e.preventDefault();
      history.replaceState(null, "", "#" + a.getAttribute("data-anchor"));
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (location.hash.indexOf("#ev-") === 0) reveal(decodeURIComponent(location.hash.slice(1)));
    var sort = document.querySelector("form.search select[name=sort]");
    if (sort) sort.addEventListener("change", function () { sort.form.submit(); });
    var print = document.querySelector("button[data-print]");
    if (print) print.addEventListener("click", function () { window.print(); });
  });
})();
