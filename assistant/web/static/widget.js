/* Contact Ethics Assistant: the clinic widget loader (no dependencies; served by the app as /widget.js).
   <script src="https://ASSISTANT-HOST/widget.js" data-clinic="demo" async></script>
   Options: data-mode="inline" data-target="#id" (in a container instead of a launcher),
   data-jurisdiction="US-TX" (the visitor's place), data-label (the launcher's text).
   It reads nothing of the page it is on and sets no cookie; the chat runs in an iframe of the app. */
(function () {
  "use strict";
  var script = document.currentScript ||
    document.querySelector('script[data-clinic][src*="/widget.js"]');
  if (!script || script.getAttribute("data-cea-done")) return;
  script.setAttribute("data-cea-done", "1");
  var clinic = script.getAttribute("data-clinic") || "";
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(clinic)) return;
  var app = new URL(script.src, document.baseURI).origin;
  var place = script.getAttribute("data-jurisdiction");
  var src = app + "/embed/" + clinic + (place ? "?jurisdiction=" + encodeURIComponent(place) : "");
  var title = "Questions about contact with your therapist";
  var uid = "cea-" + clinic;

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = app + "/embed/" + clinic + "/widget.css";
  document.head.appendChild(css);

  function frame() {
    var f = document.createElement("iframe");
    f.src = src;
    f.title = title + " (automated assistant)";
    f.className = "cea-frame";
    // No sandbox: call (tel:) and text (sms:) links and sources in new tabs must work.
    f.setAttribute("allow", "clipboard-write");
    f.setAttribute("referrerpolicy", "strict-origin");
    return f;
  }

  function start() {
    if (script.getAttribute("data-mode") === "inline") {
      var box = document.querySelector(script.getAttribute("data-target") || "");
      if (box) {
        var f = frame();
        f.className += " cea-inline";
        box.appendChild(f);
      }
      return;
    }
    var launcher = document.createElement("button");
    launcher.type = "button";
    launcher.className = "cea-launcher";
    launcher.id = uid + "-launcher";
    launcher.textContent = script.getAttribute("data-label") || "Questions about contact? Ask";
    launcher.setAttribute("aria-haspopup", "dialog");
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", uid + "-panel");

    var panel = document.createElement("div");
    panel.className = "cea-panel";
    panel.id = uid + "-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", uid + "-title");
    panel.hidden = true;
    var bar = document.createElement("div");
    bar.className = "cea-panel-bar";
    var heading = document.createElement("h2");
    heading.id = uid + "-title";
    heading.textContent = title;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "cea-close";
    close.textContent = "Close";
    close.setAttribute("aria-label", "Close the assistant");
    bar.appendChild(heading);
    bar.appendChild(close);
    panel.appendChild(bar);
    var iframe = null;

    function open() {
      if (!iframe) {
        iframe = frame();
        panel.appendChild(iframe);
      }
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      document.documentElement.classList.add("cea-open");
      iframe.focus();
    }
    function shut() {
      if (panel.hidden) return;
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      document.documentElement.classList.remove("cea-open");
      launcher.focus();
    }
    launcher.addEventListener("click", function () { panel.hidden ? open() : shut(); });
    close.addEventListener("click", shut);
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !panel.hidden) shut();
    });
    // Esc pressed inside the chat: the frame (and only it) asks to close.
    window.addEventListener("message", function (e) {
      if (iframe && e.source === iframe.contentWindow && e.origin === app && e.data === "cea:close") shut();
    });
    document.body.appendChild(launcher);
    document.body.appendChild(panel);
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
