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
}
