// The search scorer (Sphinx's html_search_scorer), loaded after searchtools.js. It keeps
// Sphinx's default Scorer and its weights and adds the one rule this site needs: when the
// query is exactly a glossary term, the page that teaches it comes first. The terms and
// their pages (GLOSSARY_TEACHES) are put on the search page by search_best_bets.py.
if (typeof Scorer !== "undefined") {
  Scorer.glossaryBonus = 1000;
  Scorer.score = (result) => {
    const teaches = typeof GLOSSARY_TEACHES === "undefined" ? {} : GLOSSARY_TEACHES;
    const query = (new URLSearchParams(window.location.search).get("q") || "")
      .trim().toLowerCase().replace(/\s+/g, " ");
    const [docname, , , , score] = result;
    return teaches[query] === docname ? score + Scorer.glossaryBonus : score;
  };
}
