"use strict";
// Shows and hides details cards rendered in the page; builds no markup from data.
(() => {
  const doc = document.getElementById("doc");
  const cards = document.getElementById("cards");
  document.querySelectorAll("input[data-layer]").forEach((box) => {
    box.addEventListener("change", () => {
      document.body.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  });
  if (!doc || !cards) return;
  const hint = document.querySelector("#panel .hint");
  const fragments = (id) => doc.querySelectorAll('[data-ann="' + CSS.escape(id) + '"]');

  // Show the cards of `ids` (innermost first) and outline the first one's fragments.
  function show(ids, scroll) {
    cards.querySelectorAll("[data-detail]").forEach((c) => { c.hidden = true; });
    doc.querySelectorAll(".sel, .near").forEach((n) => n.classList.remove("sel", "near"));
    [...ids].reverse().forEach((id) => {
      const card = cards.querySelector('[data-detail="' + CSS.escape(id) + '"]');
      if (!card) return;
      card.hidden = false;
      cards.prepend(card);
      fragments(id).forEach((n) => n.classList.add(id === ids[0] ? "sel" : "near"));
    });
    if (hint) hint.hidden = ids.length > 0;
    cards.parentElement.scrollTop = 0;
    if (scroll && ids.length) {
      const first = fragments(ids[0])[0];
      if (first) first.scrollIntoView({ block: "center" });
    }
  }

  // Every annotation covering the clicked point, innermost first.
  function covering(node) {
    const ids = [];
    for (let n = node; n && n !== doc; n = n.parentElement) {
      const id = n.dataset && n.dataset.ann;
      if (id && !ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  function activate(target) {
    const link = target.closest("[data-goto]");
    if (link) {
      show([link.dataset.goto], true);
      return true;
    }
    const ids = covering(target);
    if (ids.length) show(ids, false);
    return ids.length > 0;
  }

  doc.addEventListener("click", (e) => { activate(e.target); });
  doc.addEventListener("keydown", (e) => {
    if ((e.key === "Enter" || e.key === " ") && activate(e.target)) e.preventDefault();
  });
  cards.addEventListener("click", (e) => {
    const link = e.target.closest("[data-goto]");
    if (!link) return;
    e.preventDefault();
    show([link.dataset.goto], true);
  });
  const fromHash = decodeURIComponent(location.hash.replace(/^#ann-/, ""));
  if (fromHash) show([fromHash], true);
})();
