// Copy buttons: <button data-copy="ID"> copies the text of the element with that id to the
// clipboard (navigator.clipboard, which browsers give to secure origins and localhost) and says
// so in the element named by its aria-describedby. Loaded as a file: the policy forbids inline scripts.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-copy]");
  if (!button) {
    return;
  }
  var source = document.getElementById(button.getAttribute("data-copy"));
  var status = document.getElementById(button.getAttribute("aria-describedby"));
  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }
  if (!source) {
    return;
  }
  if (!navigator.clipboard) {
    say("This browser gives no clipboard here (it needs HTTPS): select the text and copy it.");
    return;
  }
  navigator.clipboard.writeText(source.textContent.trim()).then(
    function () { say("Copied."); },
    function () { say("Not copied: select the text and copy it."); }
  );
});
