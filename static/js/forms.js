// A long form is sent with its buttons only: Enter in a one-line field does not send it half
// filled (a clinician pressing Enter after a number expects to move on, not to save).
document.addEventListener("keydown", (event) => {
  const field = event.target;
  if (event.key !== "Enter" || !(field instanceof HTMLInputElement)) return;
  if (["submit", "button", "reset", "image"].includes(field.type)) return;
  if (field.form && field.form.hasAttribute("data-long-form")) event.preventDefault();
});

// A link that asks for more of this page (the rest of a problem's proposals on the plan builder,
// the form to add a flag or a consent on the patient page) names, in data-fetch-into, the element
// it stands in: the page it links to has that element filled, and this puts it in place without
// leaving the page, focusing its heading or first field (without script the link loads the page).
document.addEventListener("click", async (event) => {
  const link = event.target instanceof Element && event.target.closest("a[data-fetch-into]");
  // A click to open the link elsewhere (a new tab or window) is left to the browser.
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  const response = await fetch(link.href, { credentials: "same-origin" });
  const page = response.ok && new DOMParser().parseFromString(await response.text(), "text/html");
  const filled = page && page.getElementById(link.dataset.fetchInto);
  const current = document.getElementById(link.dataset.fetchInto);
  if (!filled || !current) return (window.location.href = link.href);
  const placed = document.importNode(filled, true);
  current.replaceWith(placed);
  const target = placed.querySelector("[tabindex='-1'], input, select, textarea");
  if (target) target.focus();
});
