() => {
  const original = window.fetch;
  window.fetch = async (...args) => {
    const response = await original(...args);
    if (response.status === 401) { window.location.assign("login?expired=1"); }
    return response;
  };
  // gr.Dataframe's filter box has only a title (axe: label-title-only): give it an accessible name.
  const label = () => document.querySelectorAll("#staff-table .search-input:not([aria-label])").forEach(
    (box) => box.setAttribute("aria-label", "Filter the rows of the comparison table"));
  new MutationObserver(label).observe(document.body, { childList: true, subtree: true });
  label();
  // The Policy tab's "Check an existing policy" form: sent with the tab's current inputs to
  // /staff/policy/check, its answer (HTML escaped by the server) shown under the form.
  const LIMIT = 1024 * 1024;
  const show = (box, html) => { box.innerHTML = html; box.scrollIntoView({ block: "nearest" }); };
  const say = (box, text) => {
    const p = document.createElement("p");
    p.className = "policy-message policy-error";
    p.setAttribute("role", "alert");
    p.textContent = text;
    box.replaceChildren(p);
  };
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.id !== "policy-check-form") { return; }
    event.preventDefault();
    const box = document.getElementById("policy-check-result");
    const holder = document.getElementById("policy-inputs");
    const inputs = holder ? holder.dataset.inputs : "";
    if (!inputs) {
      say(box, (holder && holder.dataset.problem) || "Choose the jurisdictions and professions above first.");
      return;
    }
    const file = form.querySelector("input[type=file]").files[0];
    if (file && file.size > LIMIT) {
      say(box, `The file is ${Math.ceil(file.size / 1024)} KiB; the check reads at most 1 MiB (1024 KiB). ` +
        "Paste the contact part only, or save it as plain text.");
      return;
    }
    const data = new FormData(form);
    data.set("inputs", inputs);
    if (!file) { data.delete("file"); }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    say(box, "Checking…");
    box.firstChild.className = "policy-message policy-info";
    try {
      const response = await window.fetch(form.action, {
        method: "POST", body: data, credentials: "same-origin", headers: { "X-Policy-Fragment": "1" },
      });
      if (response.status === 413 && (response.headers.get("content-type") || "").includes("json")) {
        say(box, "The policy is larger than 1 MiB, the most this check reads. " +
          "Paste the contact part only, or save it as plain text.");
      } else if ((response.headers.get("content-type") || "").includes("text/html")) {
        show(box, await response.text());
      } else {
        const body = await response.json().catch(() => ({}));
        say(box, body.message || `The check failed (HTTP ${response.status}).`);
      }
    } catch (error) {
      say(box, "The check could not reach the server. Try again.");
    } finally {
      button.disabled = false;
    }
  });
  // "Use as this clinic's policy": the confirmation names the chosen clinic; the answer (HTML escaped by
  // the server) is shown under the form. Without this script the form posts and a page answers.
  document.addEventListener("change", (event) => {
    const select = event.target;
    if (!(select instanceof HTMLSelectElement) || select.id !== "policy-adopt-clinic") { return; }
    const name = document.getElementById("policy-adopt-name");
    const option = select.selectedOptions[0];
    if (name && option) { name.textContent = option.dataset.name || option.value; }
    const confirm = document.getElementById("policy-adopt-confirm");
    if (confirm) { confirm.checked = false; }
  });
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.id !== "policy-adopt-form") { return; }
    event.preventDefault();
    const box = document.getElementById("policy-adopt-result");
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    say(box, "Saving…");
    box.firstChild.className = "policy-message policy-info";
    try {
      const response = await window.fetch(form.action, {
        method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin",
        headers: { "X-Policy-Fragment": "1" },
      });
      if ((response.headers.get("content-type") || "").includes("text/html")) {
        show(box, await response.text());
      } else {
        const body = await response.json().catch(() => ({}));
        say(box, body.message || `The policy could not be saved (HTTP ${response.status}).`);
      }
    } catch (error) {
      say(box, "The server could not be reached. Try again.");
    } finally {
      button.disabled = false;
    }
  });
}
