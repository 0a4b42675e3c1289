// The console's only script (CSP: script-src 'self', no inline script). It warns before the idle time-out signs the
// session out and, once it has, returns to サインイン; the server decides the time-out, this only tells the person.
(function () {
  "use strict";
  var body = document.body;
  var idleSeconds = parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
  if (!idleSeconds) return;
  var notice = document.getElementById("idle-notice");
  var remaining = document.getElementById("idle-remaining");
  var deadline = Date.now() + idleSeconds * 1000;
  var warnBefore = Math.min(120, Math.max(5, Math.floor(idleSeconds / 5))) * 1000;
  function tick() {
    var left = deadline - Date.now();
    if (left <= 0) {
      window.location.assign("/?reason=SESSION_IDLE_TIMEOUT");
      return;
    }
    if (left <= warnBefore && notice) {
      notice.hidden = false;
      if (remaining) remaining.textContent = String(Math.ceil(left / 1000));
    }
    window.setTimeout(tick, 1000);
  }
  window.setTimeout(tick, 1000);
  var print = document.getElementById("print-button");
  if (print) print.addEventListener("click", function () { window.print(); });
})();
