// The version page's background runs: every second, each unfinished job's state and
// progress from GET /api/jobs/{id} (the session cookie signs the read); when one ends,
// the page reloads to show its result (rendered by the server, in the page's language).
(function () {
  "use strict";
  var section = document.getElementById("jobs");
  if (!section) { return; }

  function pending() {
    return Array.prototype.filter.call(section.querySelectorAll(".job"), function (el) {
      var state = el.getAttribute("data-state");
      return state === "queued" || state === "running";
    });
  }

  function show(el, job) {
    var state = el.querySelector(".job-state");
    var bar = el.querySelector(".job-progress");
    var count = el.querySelector(".job-count");
    var word = state && state.getAttribute("data-word-" + job.state);
    if (state && word) { state.textContent = word; }
    if (bar) {
      bar.max = job.progress.total || 1;
      bar.value = job.progress.done;
    }
    if (count && job.progress.total) {
      count.textContent = job.progress.done + " / " + job.progress.total;
    }
    el.setAttribute("data-state", job.state);
  }

  function poll() {
    var jobs = pending();
    if (jobs.length === 0) { return; }
    var ended = false;
    var left = jobs.length;
    jobs.forEach(function (el) {
      fetch("/api/jobs/" + el.getAttribute("data-job"), { credentials: "same-origin" })
        .then(function (answer) { return answer.ok ? answer.json() : null; })
        .then(function (job) {
          if (job) {
            if (job.state !== "queued" && job.state !== "running") { ended = true; }
            else { show(el, job); }
          }
        })
        .catch(function () { /* the server restarts: try again next time */ })
        .then(function () {
          left -= 1;
          if (left === 0) {
            if (ended) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
          }
        });
    });
  }

  window.setTimeout(poll, 1000);
}());
