// jixiao serve: the one script. Every page works without it; it lets a workbook be dropped
// anywhere on its box (not just on the file button), and says a form is being processed.
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

// A check or a build of many tables takes seconds: say so, and keep a second click from
// sending the form again. (Coming back to the page with the Back button undoes it.)
document.querySelectorAll("form").forEach(function (form) {
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    if (!button) return;
    button.dataset.label = button.textContent;
    // The words come from the page (the message catalogue), not from this file.
    button.textContent = document.body.dataset.busy || button.textContent;
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
  });
});
window.addEventListener("pageshow", function () {
  document.querySelectorAll("button[data-label]").forEach(function (button) {
    button.textContent = button.dataset.label;
    button.disabled = false;
    button.closest("form").removeAttribute("aria-busy");
  });
});
