// Search results quote the found page's article only: Sphinx cuts each snippet from the
// page's [role=main], which in this theme also holds the article's header buttons (light,
// dark, the language switch, 中英对照), the page's table of contents and the footer. The
// English originals of a Chinese page (中英对照, .parallel-en) are left out too.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") return;  // not the search page
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    const main = page.querySelector('[role="main"]');
    const article = page.querySelector("article.bd-article");
    if (main && article) main.replaceChildren(article);
    page.querySelectorAll(".parallel-en").forEach((element) => element.remove());
    return htmlToText(page.documentElement.outerHTML, anchor);
  };
});
