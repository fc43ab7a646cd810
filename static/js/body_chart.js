// The body chart of the subjective section (templates/assessments/_body_chart.html). The
// checkboxes are the real controls and work without this script; with it, clicking an area of
// the drawing toggles its checkbox, Enter toggles a focused checkbox as Space does, the drawing
// shows what is marked (and cleared) and which area has the keyboard focus, and the details of a
// place appear as soon as it is marked (its symptoms disabled while it is marked cleared). The
// page writes a details row only for the places already marked; a place marked here gets its
// row from the page's <template data-site-template>, with the next free index.
(() => {
  const BOX = 'input[type="checkbox"][data-area]';

  for (const chart of document.querySelectorAll("[data-body-chart]")) {
    const boxes = [...chart.querySelectorAll(BOX)];
    const areasOf = (code) => chart.querySelectorAll(`.area[data-area="${CSS.escape(code)}"]`);
    const detailsOf = (site) =>
      chart.querySelector(`[data-site-details="${CSS.escape(site)}"]`);
    const statusOf = (site) =>
      detailsOf(site)?.querySelector("[data-status]")?.value || "symptoms";

    const template = chart.querySelector("template[data-site-template]");
    const rows = chart.querySelector(".body-chart-details");
    const addRow = (box) => {
      const indexes = [...rows.querySelectorAll("input[type='hidden'][name$='-site']")].map(
        (input) => Number(input.name.split("-")[1])
      );
      const index = String(Math.max(-1, ...indexes) + 1);
      const fill = (text) =>
        text.replaceAll("__INDEX__", index).replaceAll("__SITE__", box.dataset.site);
      const row = template.content.firstElementChild.cloneNode(true);
      for (const element of [row, ...row.querySelectorAll("*")]) {
        for (const attribute of element.attributes) attribute.value = fill(attribute.value);
      }
      row.querySelector("legend").textContent = box.dataset.siteName;
      rows.appendChild(row);
    };

    const draw = () => {
      const marked = new Set(boxes.filter((box) => box.checked).map((box) => box.dataset.site));
      for (const box of boxes) {
        if (box.checked && template && !detailsOf(box.dataset.site)) addRow(box);
      }
      for (const box of boxes) {
        const status = box.checked ? statusOf(box.dataset.site) : "";
        for (const area of areasOf(box.value)) {
          area.classList.toggle("is-symptoms", status === "symptoms");
          area.classList.toggle("is-cleared", status === "cleared");
        }
      }
      for (const details of chart.querySelectorAll("[data-site-details]")) {
        details.hidden = !marked.has(details.dataset.siteDetails);
        const symptoms = details.querySelector("[data-symptom-details]");
        if (symptoms) symptoms.disabled = statusOf(details.dataset.siteDetails) === "cleared";
      }
    };

    const focusRing = (box, on) => {
      for (const area of areasOf(box.value)) {
        area.classList.toggle("is-focused", on);
        if (on) area.parentNode.appendChild(area); // drawn last, so its outline is on top
      }
    };

    chart.addEventListener("change", draw);
    chart.addEventListener("click", (event) => {
      const area = event.target.closest?.(".area[data-area]");
      const box = area && boxes.find((each) => each.value === area.dataset.area);
      if (box) box.click();
    });
    chart.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target.matches(BOX)) {
        event.preventDefault();
        event.target.click();
      }
    });
    chart.addEventListener("focusin", (event) => {
      if (event.target.matches(BOX)) focusRing(event.target, true);
    });
    chart.addEventListener("focusout", (event) => {
      if (event.target.matches(BOX)) focusRing(event.target, false);
    });
    chart.querySelector(".body-chart[data-interactive]")?.classList.add("is-enhanced");
    draw();
  }
})();
