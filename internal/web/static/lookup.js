// The counter form's "Tra cứu" buttons (button[data-lookup]): without this
// script each is a form submission that comes back with the form filled;
// with it, the same POST is sent in the background (Accept: JSON) and only
// the fields found are filled, keeping the page and what was typed.
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("button[data-lookup]");
    if (!btn || !window.fetch || !window.FormData) return;
    var form = btn.form;
    ev.preventDefault();
    var data = new FormData(form);
    data.set("lookup", btn.value);
    var out = document.getElementById("tra-cuu-ket-qua");
    btn.disabled = true;
    fetch(btn.getAttribute("formaction"), { method: "POST", body: new URLSearchParams(data), credentials: "same-origin",
      headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        if (body.error) {
          out.className = "error";
          out.textContent = body.error;
          return;
        }
        Object.keys(body.fields || {}).forEach(function (name) {
          var el = form.elements[name];
          if (el) el.value = body.fields[name];
        });
        out.className = "ok";
        out.textContent = body.message;
      })
      .catch(function () {
        out.className = "error";
        out.textContent = "Không tra cứu được; vui lòng thử lại.";
      })
      .then(function () { btn.disabled = false; });
  });
})();
