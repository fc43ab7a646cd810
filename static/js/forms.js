// A long form is sent with its buttons only: Enter in a one-line field does not send it half
// filled (a clinician pressing Enter after a number expects to move on, not to save).
document.addEventListener("keydown", (event) => {
  const field = event.target;
  if (event.key !== "Enter" || !(field instanceof HTMLInputElement)) return;
  if (["submit", "button", "reset", "image"].includes(field.type)) return;
  if (field.form && field.form.hasAttribute("data-long-form")) event.preventDefault();
});

// "N more for this problem" on the plan builder: the page lists the best three proposals of each
// problem; the link asks for the page with that problem's all, and this puts them in place
// without leaving the page (without script, the link loads that page).
document.addEventListener("click", async (event) => {
  const link = event.target instanceof Element && event.target.closest("a[data-shows-more]");
  if (!link) return;
  event.preventDefault();
  const response = await fetch(link.href, { credentials: "same-origin" });
  if (!response.ok) return (window.location.href = link.href);
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const heading = page.getElementById(link.dataset.showsMore);
  const group = heading && heading.closest(".proposal-group");
  if (!group) return (window.location.href = link.href);
  const current = link.closest(".proposal-group");
  current.replaceWith(document.importNode(group, true));
  document.getElementById(link.dataset.showsMore).focus();
});
