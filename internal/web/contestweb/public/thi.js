// Saves each answer as it is chosen (the page works without it: the
// "Lưu bài" and "Nộp bài" buttons post the whole form).
(function () {
  var form = document.getElementById("paper");
  if (!form || !window.fetch) return;
  var api = form.getAttribute("data-api");
  var status = document.getElementById("save-status");
  var pending = 0;
  function say(t) { if (status) status.textContent = t; }
  form.addEventListener("change", function (ev) {
    var el = ev.target;
    if (el.type !== "radio") return;
    var pos = el.name.replace("q", "");
    pending++;
    say("Đang lưu câu " + (+pos + 1) + "…");
    fetch(api + "/answers/" + pos, {
      method: "PUT", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ choice: +el.value })
    }).then(function (r) {
      pending--;
      if (r.ok) { say("Đã lưu câu " + (+pos + 1) + "."); el.closest("fieldset").classList.add("saved"); return; }
      return r.json().then(function (p) { say(p.detail || "Không lưu được câu trả lời."); });
    }).catch(function () { pending--; say("Mất kết nối: câu trả lời sẽ được gửi khi bấm Lưu bài hoặc Nộp bài."); });
  });
  var left = document.getElementById("left");
  var deadline = left ? Date.parse(left.getAttribute("data-deadline")) : 0;
  var skew = left ? Date.parse(left.getAttribute("data-now")) - Date.now() : 0;
  function tick() {
    var s = Math.max(0, Math.floor((deadline - (Date.now() + skew)) / 1000));
    left.textContent = Math.floor(s / 60) + " phút " + (s % 60) + " giây";
    if (s > 0) setTimeout(tick, 1000);
  }
  if (left) tick();
})();
