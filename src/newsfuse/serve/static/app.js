// Citations: hover shows the cited passage (desktop), click or tap highlights it in its
// article and scrolls it into view. Passage text is copied with textContent, never HTML.
"use strict";
(function () {
  const preview = document.getElementById("preview");

  function passage(link) {
    return document.getElementById(link.dataset.target || "");
  }

  function show(link) {
    const target = passage(link);
    if (!target) return;
    const details = target.closest("details");
    if (details) details.open = true;
    document.querySelectorAll(".s.hl").forEach((el) => el.classList.remove("hl"));
    document.querySelectorAll(".source.active").forEach((el) => el.classList.remove("active"));
    document.querySelectorAll(".cite.on").forEach((el) => el.classList.remove("on"));
    if (target.classList.contains("s")) target.classList.add("hl");
    const source = target.closest(".source");
    if (source) source.classList.add("active");
    link.classList.add("on");
    target.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function hover(link, on) {
    const target = passage(link);
    if (!target || !target.classList.contains("s")) return;
    target.classList.toggle("hover", on);
    if (!preview) return;
    if (!on) {
      preview.hidden = true;
      return;
    }
    preview.textContent = "";
    const label = document.createElement("b");
    label.textContent = link.textContent;
    preview.appendChild(label);
    preview.appendChild(document.createTextNode(target.textContent));
    const box = link.getBoundingClientRect();
    preview.hidden = false;
    const top = box.bottom + 8 + preview.offsetHeight > window.innerHeight
      ? box.top - 8 - preview.offsetHeight : box.bottom + 8;
    preview.style.top = Math.max(4, top) + "px";
    preview.style.left = Math.max(4, Math.min(box.left, window.innerWidth - preview.offsetWidth - 8)) + "px";
  }

  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a.cite") : null;
    if (!link) return;
    event.preventDefault();
    if (preview) preview.hidden = true;
    show(link);
    history.replaceState(null, "", "#" + (link.dataset.target || ""));
  });
  document.addEventListener("mouseover", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a.cite") : null;
    if (link) hover(link, true);
  });
  document.addEventListener("mouseout", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a.cite") : null;
    if (link) hover(link, false);
  });
  document.addEventListener("focusin", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a.cite") : null;
    if (link) hover(link, true);
  });
  document.addEventListener("focusout", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a.cite") : null;
    if (link) hover(link, false);
  });
  // A shared link to a passage opens its article.
  if (location.hash.length > 1) {
    const target = document.getElementById(location.hash.slice(1));
    const details = target ? target.closest("details") : null;
    if (details) details.open = true;
    if (target && target.classList.contains("s")) target.classList.add("hl");
  }
})();
