/* The clinic embed page (/embed/<id>): asks /api/ask/stream with the clinic's id and shows the crisis block,
   the answer and its sources. Text becomes DOM nodes (never innerHTML); links are limited to http(s), tel:,
   sms: and the app's own pages. The conversation lives only in this tab's memory; no cookie, no storage.
   It never reads the page around it: Esc only posts "cea:close" to the clinic's own origins. */
(function () {
  "use strict";
  var root = document.getElementById("cea");
  var form = document.getElementById("cea-form");
  var box = document.getElementById("cea-q");
  var send = document.getElementById("cea-send");
  var log = document.getElementById("cea-log");
  var crisisRegion = document.getElementById("cea-crisis");
  var status = document.getElementById("cea-status");
  var sources = document.getElementById("cea-sources");
  var clinic = root.getAttribute("data-clinic");
  var place = root.getAttribute("data-jurisdiction") || null;
  var origins = [];
  try { origins = JSON.parse(root.getAttribute("data-origins") || "[]"); } catch (e) { origins = []; }
  var history = [];
  var busy = false;

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text) n.textContent = text;
    return n;
  }

  function safeHref(url) {
    if (/^(tel|sms):[0-9+]/i.test(url)) return url;
    if (/^https?:\/\/[^\s"'<>]+$/i.test(url)) return url;
    if (/^\/(?!\/)[^\s"'<>]*$/.test(url)) return url;
    return null;
  }

  function link(text, url) {
    var href = safeHref(url);
    if (!href) return document.createTextNode(text);
    var a = el("a", null, text);
    a.href = href;
    if (!/^(tel|sms):/i.test(href)) { a.target = "_blank"; a.rel = "noopener"; }
    return a;
  }

  var INLINE = "\\*\\*([^*]+?)\\*\\*|\\[([^\\]]+)\\]\\(\\s*<?([^)\\s>]+)>?\\s*\\)|\\\\(.)";
  function unescape(text) { return text.replace(/\\(.)/g, "$1"); }
  function inline(text, parent) {
    var last = 0, m, re = new RegExp(INLINE, "g");  // one per call: bold text is parsed recursively
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[1] !== undefined) { var b = el("strong"); inline(m[1], b); parent.appendChild(b); }
      else if (m[2] !== undefined) parent.appendChild(link(unescape(m[2]), m[3]));
      else parent.appendChild(document.createTextNode(m[4]));
      last = re.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /* Our own Markdown: paragraphs, "- " lists, headings, **bold**, [links](url). */
  function markdown(text, parent) {
    var blocks = String(text || "").split(/\n{2,}/);
    blocks.forEach(function (block) {
      var lines = block.split("\n").filter(function (l) { return l.trim(); });
      if (!lines.length) return;
      var list = null;
      var para = null;
      lines.forEach(function (line) {
        var item = /^\s*[-*]\s+(.*)$/.exec(line);
        var head = /^#{1,6}\s+(.*)$/.exec(line);
        if (item) {
          if (!list) { list = el("ul"); parent.appendChild(list); }
          var li = el("li"); inline(item[1], li); list.appendChild(li);
          para = null;
        } else if (head) {
          var h = el("p"); var s = el("strong"); inline(head[1], s); h.appendChild(s); parent.appendChild(h);
          list = null; para = null;
        } else {
          if (!para) { para = el("p"); parent.appendChild(para); } else { para.appendChild(el("br")); }
          inline(line, para);
          list = null;
        }
      });
    });
  }

  function showCrisis(block, into) {
    var box = el("div", "cea-crisis" + (block.tier === "distress" ? " cea-amber" : ""));
    box.appendChild(el("h2", null, block.tier === "distress" ? "Support if you need it" : "If you need help now"));
    markdown(block.message, box);
    into.appendChild(box);
    // The strip above the conversation: the block's call and text links, kept in view.
    var strip = el("div", "cea-strip" + (block.tier === "distress" ? " cea-amber" : ""));
    strip.appendChild(el("strong", null, block.tier === "distress" ? "Support: " : "Help now: "));
    box.querySelectorAll("a[href^='tel:'], a[href^='sms:']").forEach(function (a) {
      var item = /^(.*?):/.exec(a.parentNode.textContent || "");
      var name = item && a.parentNode.tagName === "LI" ? item[1] + " " : "";
      if (/^Your clinic's/.test(a.parentNode.textContent || "")) name = "Clinic after hours ";
      strip.appendChild(link(name + a.textContent, a.getAttribute("href")));
    });
    crisisRegion.textContent = "";
    crisisRegion.appendChild(strip);
  }

  function showSources(citations) {
    sources.textContent = "";
    if (!citations || !citations.length) {
      sources.appendChild(el("li", "cea-none", "This answer cites no sources."));
      return;
    }
    citations.forEach(function (c) {
      var li = el("li");
      li.id = "cea-src-" + c.n;
      var policy = c.kind === "policy";
      li.appendChild(el("span", "cea-kind", policy ? "Your clinic's policy: " : ""));
      var label = c.title + (c.section ? " " + c.section : "") + (c.heading ? " (" + c.heading + ")" : "");
      li.appendChild(c.url ? link(label, c.url) : document.createTextNode(label));
      sources.appendChild(li);
    });
  }

  function finish(bubble, reply) {
    var body = bubble.querySelector(".cea-answer");
    body.textContent = "";
    markdown(reply.answer, body);
    (reply.notices || []).forEach(function (n) { body.appendChild(el("p", "cea-notice", n.text)); });
    if (reply.guide && reply.guide.url) {
      var p = el("p");
      p.appendChild(link("Read the whole guide: " + reply.guide.title, reply.guide.url));
      body.appendChild(p);
    }
    if (reply.crisis && !bubble.querySelector(".cea-crisis")) showCrisis(reply.crisis, bubble.insertBefore(el("div"), body));
    showSources(reply.citations);
    bubble.setAttribute("aria-busy", "false");
    status.textContent = reply.answer ? "Answer ready." : "";
  }

  function refusal(bubble, message) {
    var body = bubble.querySelector(".cea-answer");
    body.textContent = "";
    body.appendChild(el("p", null, message ||
      "The assistant could not answer just now. Please try again in a moment. If you are in danger, call your local emergency number now."));
    bubble.setAttribute("aria-busy", "false");
    status.textContent = "The assistant could not answer.";
  }

  function ask(question) {
    busy = true;
    send.disabled = true;
    log.appendChild(el("div", "cea-msg cea-user", question));
    var bubble = el("div", "cea-msg cea-bot");
    bubble.setAttribute("aria-busy", "true");
    var body = el("div", "cea-answer");
    body.appendChild(el("p", null, "Looking for an answer\u2026"));
    bubble.appendChild(body);
    log.appendChild(bubble);
    bubble.scrollIntoView({ block: "end" });
    var payload = { question: question, history: history.slice(-8), clinic: clinic };
    if (place) payload.jurisdiction = place;
    var text = "";
    var answered = null;
    fetch("/api/ask/stream", {
      method: "POST", credentials: "omit", cache: "no-store",
      headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
      body: JSON.stringify(payload)
    }).then(function (res) {
      if (!res.ok) {
        return res.json().then(function (j) { refusal(bubble, j && j.message); }, function () { refusal(bubble); });
      }
      var reader = res.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      function handle(event, data) {
        if (event === "crisis") showCrisis(data, bubble.insertBefore(el("div"), body));
        else if (event === "delta") { text += data.text; body.textContent = ""; body.appendChild(el("p", null, text)); }
        else if (event === "reply") { answered = data; finish(bubble, data); }
        else if (event === "error") refusal(bubble, data.message);
      }
      function pump() {
        return reader.read().then(function (r) {
          buffer += decoder.decode(r.value || new Uint8Array(), { stream: !r.done });
          var parts = buffer.split("\n\n");
          buffer = parts.pop();
          parts.forEach(function (chunk) {
            var ev = "message", data = "";
            chunk.split("\n").forEach(function (line) {
              if (line.indexOf("event:") === 0) ev = line.slice(6).trim();
              else if (line.indexOf("data:") === 0) data += line.slice(5).trim();
            });
            try { handle(ev, JSON.parse(data)); } catch (e) { /* a malformed event is skipped */ }
          });
          if (!r.done) return pump();
        });
      }
      return pump();
    }).catch(function () { refusal(bubble); }).then(function () {
      if (answered) {
        history.push({ role: "user", content: question });
        history.push({ role: "assistant", content: answered.answer || "" });
      } else if (bubble.getAttribute("aria-busy") === "true") refusal(bubble);
      busy = false;
      send.disabled = false;
      bubble.scrollIntoView({ block: "nearest" });
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = box.value.trim();
    if (!q || busy) return;
    box.value = "";
    ask(q);
  });
  box.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || window.parent === window) return;
    origins.forEach(function (o) { try { window.parent.postMessage("cea:close", o); } catch (x) { /* not ours */ } });
  });
})();
