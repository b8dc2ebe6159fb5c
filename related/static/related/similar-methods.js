// "Bestaat dit al?": refresh the list of similar methods while the editor types the
// title or summary. The server-rendered list works without this script.
(function () {
  "use strict";

  function init(panel) {
    var endpoint = panel.getAttribute("data-endpoint");
    var exclude = panel.getAttribute("data-exclude");
    var list = panel.querySelector("[data-similar-results]");
    var status = panel.querySelector("[data-similar-status]");
    var strings = panel.querySelector("[data-similar-strings]").dataset;
    var title = document.getElementById("id_title");
    var summary = document.getElementById("id_summary");
    if (!title || !summary || !endpoint) return;

    var timer = null;
    var latest = 0;

    function render(results) {
      list.replaceChildren();
      results.forEach(function (item) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = item.edit_url;
        link.textContent = item.title;
        var level = document.createElement("span");
        level.className = "similar-methods__level similar-methods__level--" + Number(item.level);
        level.textContent = item.level_label;
        li.append(link, " ", level);
        if (item.url) {
          var view = document.createElement("a");
          view.className = "similar-methods__public";
          view.href = item.url;
          view.target = "_blank";
          view.rel = "noopener";
          view.textContent = strings.view;
          var hint = document.createElement("span");
          hint.className = "w-sr-only";
          hint.textContent = " (" + strings.newWindow + ")";
          view.append(hint);
          li.append(" ", view);
        }
        list.append(li);
      });
      if (!results.length) {
        status.textContent = strings.none;
      } else {
        status.textContent = results.length + " " + (results.length === 1 ? strings.foundOne : strings.foundMany);
      }
    }

    function refresh() {
      var request = ++latest;
      var params = new URLSearchParams({ title: title.value, summary: summary.value });
      if (exclude) params.set("exclude", exclude);
      fetch(endpoint + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          if (request === latest) render(data.results); // drop stale answers
        })
        .catch(function () {
          if (request === latest) status.textContent = strings.error;
        });
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 400);
    }

    title.addEventListener("input", schedule);
    summary.addEventListener("input", schedule);
  }

  function start() {
    document.querySelectorAll("[data-similar-methods]").forEach(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
