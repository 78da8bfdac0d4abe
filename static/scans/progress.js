// A scan's page while the scan runs: its progress, read every two seconds; the page reloads
// with the results when the scan ends.
(function () {
  "use strict";
  const section = document.querySelector("[data-scan-status]");
  if (!section) return;
  const label = section.querySelector("[data-scan-label]");
  const bar = section.querySelector("[data-scan-progress]");
  const url = section.getAttribute("data-scan-status");

  function show(state) {
    label.textContent = state.text;
    bar.max = Math.max(state.pages_total, 1);
    bar.value = state.pages_done;
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((state) => {
        if (state.status === "queued" || state.status === "running") {
          show(state);
          window.setTimeout(poll, 2000);
        } else {
          window.location.reload();
        }
      })
      .catch(() => window.setTimeout(poll, 5000));
  }
  window.setTimeout(poll, 1000);
})();
