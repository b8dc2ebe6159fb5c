/* Search page enhancement and search-box autocomplete. Without this file everything
   still works: the form is a plain GET form and every link is a real URL.
   - Filters and sort apply on change; results arrive as server-rendered fragments.
   - The URL follows every change (history.pushState); back/forward restore the state.
   - A response to an older request is dropped, so fast clicking never shows stale results.
   - The new result count is announced through the aria-live status region. */
(function () {
  "use strict";

  var script = document.currentScript;

  function ensureStylesheet() {
    // The home page does not load search.css; the autocomplete list needs it.
    if (!script || document.querySelector('link[href*="css/search.css"]')) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = script.src.replace(/search\/search\.js(\?.*)?$/, "css/search.css");
    document.head.appendChild(link);
  }

  /* ---------------- Search page ---------------- */

  function enhanceSearchPage(form) {
    var fragmentUrl = form.getAttribute("data-fragment-url");
    var pageUrl = form.getAttribute("action");
    var layout = form.querySelector(".search-layout");
    var status = document.getElementById("search-status");
    var latest = 0;
    var controller = null;

    form.classList.add("js-search");

    function formQuery() {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (value === "" || (key === "sorteer" && value === "relevantie")) return;
        params.append(key, value);
      });
      return params.toString();
    }

    function openFacets() {
      return Array.prototype.map.call(form.querySelectorAll("details.facet[open]"), function (d) { return d.id; });
    }

    function update(query, options) {
      options = options || {};
      var ticket = ++latest;
      if (controller) controller.abort();
      controller = "AbortController" in window ? new AbortController() : null;
      layout.setAttribute("aria-busy", "true");
      var wasOpen = openFacets();
      fetch(fragmentUrl + (query ? "?" + query : ""), {
        headers: { "X-Requested-With": "fetch" },
        signal: controller ? controller.signal : undefined,
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      }).then(function (html) {
        if (ticket !== latest) return; // a newer request is under way
        var doc = new DOMParser().parseFromString(html, "text/html");
        ["search-filters", "search-results"].forEach(function (id) {
          var fresh = doc.getElementById(id);
          if (fresh) document.getElementById(id).innerHTML = fresh.innerHTML;
        });
        wasOpen.forEach(function (id) { var d = document.getElementById(id); if (d) d.open = true; });
        enhanceFacetFilters(form);
        var url = pageUrl + (query ? "?" + query : "");
        if (options.push !== false) history.pushState({ search: query }, "", url);
        syncQueryInput(query);
        var count = document.getElementById("result-count");
        if (count && status) status.textContent = count.getAttribute("data-status") || count.textContent;
        if (options.focusId && document.getElementById(options.focusId)) {
          document.getElementById(options.focusId).focus();
        } else if (options.focusCount && count) {
          count.focus();
        }
      }).catch(function (error) {
        if (error && error.name === "AbortError") return;
        // Anything unexpected: fall back to an ordinary page load of the same state.
        window.location.href = pageUrl + (query ? "?" + query : "");
      }).then(function () {
        if (ticket === latest) layout.removeAttribute("aria-busy");
      });
    }

    function syncQueryInput(query) {
      var input = form.querySelector("#q");
      var q = new URLSearchParams(query).get("q") || "";
      if (input && input.value !== q && document.activeElement !== input) input.value = q;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      closeAutocomplete();
      update(formQuery(), { focusCount: true });
    });

    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.form !== form) return; // e.g. a hit's "Vergelijk" box, which belongs to the compare form
      if (target.matches('input[type="checkbox"]')) {
        update(formQuery(), { focusId: target.id });
      } else if (target.id === "sorteer") {
        update(formQuery(), { focusId: "sorteer" });
      }
    });

    form.addEventListener("click", function (event) {
      var link = event.target.closest("a[href]");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      var url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || url.pathname !== pageUrl) return;
      event.preventDefault();
      update(url.search.replace(/^\?/, ""), { focusCount: true });
    });

    window.addEventListener("popstate", function () {
      update(window.location.search.replace(/^\?/, ""), { push: false });
    });

    enhanceFacetFilters(form);
  }

  // Long option lists (organisations) get a box that narrows the visible options.
  function enhanceFacetFilters(root) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-facet-filter]"), function (input) {
      var wrapper = input.parentNode;
      wrapper.hidden = false;
      var options = wrapper.parentNode.querySelectorAll(".facet__option");
      input.addEventListener("input", function () {
        var needle = input.value.trim().toLowerCase();
        Array.prototype.forEach.call(options, function (li) {
          li.hidden = needle !== "" && li.textContent.toLowerCase().indexOf(needle) === -1;
        });
      });
    });
  }

  /* ---------------- Autocomplete (ARIA 1.2 combobox) ---------------- */

  var closeAutocomplete = function () {};

  function enhanceAutocomplete(input, endpoint) {
    var listId = input.id + "-suggestions";
    var wrapper = document.createElement("div");
    wrapper.className = "autocomplete";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "autocomplete__list";
    list.setAttribute("role", "listbox");
    // Named after the search box's own (translated) label, so no text lives in this file.
    var label = document.querySelector('label[for="' + input.id + '"]');
    if (label) {
      if (!label.id) label.id = input.id + "-label";
      list.setAttribute("aria-labelledby", label.id);
    }
    list.hidden = true;
    wrapper.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var items = [];
    var active = -1;
    var latest = 0;
    var timer = null;

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    closeAutocomplete = close;

    function render(suggestions) {
      list.innerHTML = "";
      items = suggestions;
      active = -1;
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.className = "autocomplete__option";
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = s.title;
        li.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.href = s.url; });
        list.appendChild(li);
      });
      list.hidden = suggestions.length === 0;
      input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (index + options.length) % options.length;
      Array.prototype.forEach.call(options, function (o, i) { o.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      timer = setTimeout(function () {
        var ticket = ++latest;
        fetch(endpoint + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) { if (ticket === latest && input.value.trim() === q) render(data.suggestions || []); })
          .catch(function () { close(); });
      }, 200);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && items.length) { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp" && items.length) { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape" && !list.hidden) {
        // Close the list only; without this a type=search box also clears the words typed.
        event.preventDefault();
        close();
      }
      else if (event.key === "Enter" && active >= 0 && items[active]) {
        event.preventDefault();
        window.location.href = items[active].url;
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function init() {
    ensureStylesheet();
    var form = document.getElementById("search-form");
    if (form && window.fetch && window.history && window.URLSearchParams && window.DOMParser) {
      enhanceSearchPage(form);
    }
    var endpoint = (form && form.getAttribute("data-autocomplete-url")) || "/api/search/autocomplete/";
    ["q", "home-q"].forEach(function (id) {
      var input = document.getElementById(id);
      if (input && window.fetch) enhanceAutocomplete(input, endpoint);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
