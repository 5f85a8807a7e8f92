// Suggestions for commune fields (input[data-admin-units] with a datalist):
// as the officer types, with or without diacritics, the names come from
// /api/v1/admin-units. Without this script the field is a plain text input
// that the server reads the same way (name, or "… (code)").
(function () {
  "use strict";
  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) return;
    var timer = null, last = "";
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last || /\(\d{5}\)$/.test(q)) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        last = q;
        fetch("/api/v1/admin-units?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { units: [] }; })
          .then(function (body) {
            list.textContent = "";
            (body.units || []).forEach(function (u) {
              if (u.code.length !== 5) return;
              var o = document.createElement("option");
              o.value = u.label;
              list.appendChild(o);
            });
          })
          .catch(function () {});
      }, 150);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-admin-units]").forEach(attach);
  });
})();
