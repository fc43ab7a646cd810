// A long form is sent with its buttons only: Enter in a one-line field does not send it half
// filled (a clinician pressing Enter after a number expects to move on, not to save).
document.addEventListener("keydown", (event) => {
  const field = event.target;
  if (event.key !== "Enter" || !(field instanceof HTMLInputElement)) return;
  if (["submit", "button", "reset", "image"].includes(field.type)) return;
  if (field.form && field.form.hasAttribute("data-long-form")) event.preventDefault();
});
