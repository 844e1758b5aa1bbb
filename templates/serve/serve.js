// jixiao serve: the one script. Every page works without it; it only lets a workbook be dropped
// anywhere on its box (not just on the file button) and shows that a drop will land.
document.querySelectorAll("[data-drop]").forEach(function (box) {
  var input = box.querySelector("input[type=file]");
  if (!input) return;
  ["dragenter", "dragover"].forEach(function (e) {
    box.addEventListener(e, function (ev) { ev.preventDefault(); box.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (e) {
    box.addEventListener(e, function () { box.classList.remove("over"); });
  });
  box.addEventListener("drop", function (ev) {
    ev.preventDefault();
    if (ev.dataTransfer && ev.dataTransfer.files.length) input.files = ev.dataTransfer.files;
  });
});
