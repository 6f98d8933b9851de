// A brief's "Show evidence" switch, remembered in this browser. The switch is a
// checkbox the stylesheet reads, so it works without this script too.
(function () {
  var box = document.getElementById("show-evidence");
  if (!box) return;
  var key = "hiia-briefs:show-evidence";
  try {
    box.checked = window.localStorage.getItem(key) === "1";
  } catch (error) {
    // Storage refused (private mode): the switch still works for this page.
  }
  box.addEventListener("change", function () {
    try {
      window.localStorage.setItem(key, box.checked ? "1" : "0");
    } catch (error) {
      // As above: not remembered, still shown.
    }
  });
})();
