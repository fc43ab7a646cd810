// The print page's Print button; behaviour lives here because the pages allow no inline script.
document.querySelectorAll("[data-print-page]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
