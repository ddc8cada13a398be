// The live page: follows the console's live feed (/console/stream, a WebSocket of this origin
// opened with the session cookie) and adds each committed decision on top of the table. Every
// value is set with textContent, never as HTML: what the feed carries is shown as text.
(function () {
  var table = document.getElementById("live-feed");
  var status = document.getElementById("live-status");
  if (!table || !window.WebSocket) {
    return;
  }
  var body = table.tBodies[0];
  var KEEP = 200;
  var filter = {};
  if (table.dataset.outcome) { filter.outcome = table.dataset.outcome; }
  if (table.dataset.product) { filter.product = table.dataset.product; }

  function say(text) { status.textContent = text; }

  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text == null ? "" : String(text);
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function add(decision) {
    var row = document.createElement("tr");
    row.id = "decision-" + decision.decisionId;
    cell(row, decision.decidedAt);
    cell(row, decision.applicationId);
    var outcome = cell(row, "");
    var span = document.createElement("span");
    span.textContent = decision.outcome;
    span.className = "outcome outcome-" + String(decision.outcome).toLowerCase().replace(/[^a-z]/g, "");
    outcome.appendChild(span);
    cell(row, (decision.reasons || []).map(function (r) { return r.code; }).join(", "));
    var version = String(decision.rulesetVersion || "");
    var versionCell = cell(row, version.length > 12 ? version.slice(0, 12) + "\u2026" : version, "mono");
    versionCell.title = version;
    var link = document.createElement("a");
    link.href = "/console/decisions/" + encodeURIComponent(decision.decisionId);
    link.textContent = "Open";
    cell(row, "").appendChild(link);
    body.insertBefore(row, body.firstChild);
    while (body.rows.length > KEEP) {
      body.deleteRow(body.rows.length - 1);
    }
  }

  var retry = 1000;
  function connect() {
    var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/console/stream");
    socket.addEventListener("open", function () { retry = 1000; });
    socket.addEventListener("message", function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.type === "ready") {
        socket.send(JSON.stringify({ type: "subscribe", id: "live", filter: filter }));
      } else if (message.type === "subscribed") {
        say("Following decisions as they are committed" + (filter.outcome ? " (outcome " + filter.outcome + ")" : "")
          + (filter.product ? " (product " + filter.product + ")" : "") + ".");
        table.setAttribute("data-following", "true");
      } else if (message.type === "committed" && message.decision) {
        add(message.decision);
      } else if (message.type === "problem" && message.problem) {
        say("Refused: " + message.problem.detail);
      }
    });
    socket.addEventListener("close", function (event) {
      table.removeAttribute("data-following");
      if (event.code === 1008) {
        say("Your session ended: sign in again to follow decisions.");
        return;
      }
      say("Disconnected (" + event.code + "); reconnecting in " + Math.round(retry / 1000) + " s. If it goes on, sign in again.");
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    });
  }
  connect();
})();
