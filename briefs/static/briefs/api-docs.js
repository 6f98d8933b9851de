// Swagger UI draws its page after load: give its horizontally scrolling code
// blocks a place in the tab order, so a keyboard can scroll them; and its
// section headings (h3, h4 under the page's h1) the level they have.
(function () {
  function fix() {
    document
      .querySelectorAll("#swagger-ui h3.opblock-tag, #swagger-ui .models > h4")
      .forEach(function (heading) {
        heading.setAttribute("aria-level", "2");
      });
    document
      .querySelectorAll("#swagger-ui .opblock h4, #swagger-ui .opblock h5")
      .forEach(function (heading) {
        heading.setAttribute("aria-level", heading.tagName === "H4" ? "3" : "4");
      });
    document
      .querySelectorAll("#swagger-ui pre:not([tabindex])")
      .forEach(function (block) {
        block.setAttribute("tabindex", "0");
      });
  }
  new MutationObserver(fix).observe(document.getElementById("swagger-ui"), {
    childList: true,
    subtree: true,
  });
})();
