// The language switch opens the other edition's page at the reader's place: the address's
// fragment if there is one, else the innermost section whose heading is above the top of
// the window. Section ids are the same in both editions (tests/test_language_switch.py).
// The choice of language is remembered for the root page, which picks the edition.
(() => {
  // Below the sticky article header: a section the reader is in has begun above this line.
  const READING_LINE = 80;
  const sectionInView = () => {
    let found = null;
    // Sections inside the page's own (its title's): the top of the page needs no fragment.
    document.querySelectorAll("main section[id] section[id]").forEach((section) => {
      const box = section.getBoundingClientRect();
      if (box.top <= READING_LINE && box.bottom > READING_LINE) found = section;
    });
    return found;
  };
  const place = () => {
    if (window.location.hash.length > 1) return window.location.hash;
    const section = sectionInView();
    return section ? `#${encodeURIComponent(section.id)}` : "";
  };
  const follow = (event) => {
    const link = event.currentTarget;
    link.href = link.href.split("#")[0] + place();
    if (event.type === "click") {
      try { localStorage.setItem("notes-language", link.dataset.language); } catch (e) { /* private mode */ }
    }
  };
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("a.notes-language-switch").forEach((link) => {
      // A click, a middle click (new tab) and the context menu ("copy link") all get the place.
      ["click", "auxclick", "contextmenu", "focus", "mouseenter"].forEach((type) => link.addEventListener(type, follow));
    });
  });
})();
