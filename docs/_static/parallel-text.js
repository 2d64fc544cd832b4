// 中英对照: show or hide the English original under each translated block.
// Runs in <head>, before the page is drawn, so a remembered choice causes no layout shift.
(() => {
  const KEY = "notes-parallel-text";
  const root = document.documentElement;
  const remembered = () => { try { return localStorage.getItem(KEY) === "on"; } catch (e) { return false; } };
  const show = (on) => {
    root.classList.toggle("parallel-on", on);
    document.querySelectorAll(".parallel-toggle").forEach((button) => button.setAttribute("aria-pressed", String(on)));
  };
  root.classList.toggle("parallel-on", remembered());
  document.addEventListener("DOMContentLoaded", () => {
    // The search page leaves the English out of its snippets: _static/search-snippets.js.
    show(remembered());
    document.querySelectorAll(".parallel-toggle").forEach((button) => {
      button.addEventListener("click", () => {
        const on = !root.classList.contains("parallel-on");
        show(on);
        try { localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* private mode: not remembered */ }
      });
    });
  });
})();
