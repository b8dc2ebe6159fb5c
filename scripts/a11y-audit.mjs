#!/usr/bin/env node
// Automated accessibility audit of the public site (see docs/accessibility.md).
//
//   node scripts/a11y-audit.mjs [BASE_URL] [PATH ...] [options]
//   make a11y                       (starts a server with the demo catalogue first)
//
// For every path it loads the page in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core; no browser download) at a
// desktop and at a 375px-wide mobile viewport, and
//   * runs axe-core with the WCAG 2.0/2.1 A and AA rule sets;
//   * checks that the page does not scroll sideways at 375px (reflow, 1.4.10);
//   * checks the keyboard entry: the first Tab lands on the visible skip link
//     to #inhoud, and activating it moves focus to main#inhoud;
//   * walks the Tab order (first 60 stops): every focused element shows a
//     focus indicator and is on screen, and focus never gets stuck;
//   * checks that <html lang> is set and that there is exactly one <h1>.
// It prints a table of problems per page and ends with the line
// "N passed, M failed" (pages without vs with problems). Exit status: 0 when
// every page passed, 1 when any page has a problem, 2 when the audit itself
// could not run (bad arguments, browser does not start, server unreachable).
//
// Options:
//   --json FILE          also write every result (all nodes) as JSON to FILE
//   --screenshots DIR    save a full-page PNG per page and viewport in DIR
//   --verbose            list every failing element, not only the first
//   --chromium PATH      browser binary (default $CHROMIUM_PATH or /usr/bin/chromium)
//   --mobile-width N     width of the mobile viewport in CSS px (default 375;
//                        320 is the width WCAG 1.4.10 names)
//   --language CODE      audit the site in this interface language (sets the
//                        django_language cookie, as the language switch does): en
//   --help
//
// Base URL: first argument that starts with http(s)://, else $A11Y_BASE_URL,
// else http://127.0.0.1:8000. Paths: the remaining arguments, else the
// default list below.

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import process from "node:process";

import axe from "axe-core";
import { chromium } from "playwright-core";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// `expect` is the HTTP status the page must answer with; `optional` pages are
// skipped (not failed) when they do not answer with it, for sections that may
// not exist yet in every checkout.
const DEFAULT_PAGES = [
  { path: "/", expect: 200 },
  { path: "/methoden/", expect: 200 },
  { path: "/methoden/girls-talk/", expect: 200 },
  { path: "/methoden/merel-van-groningen-project/", expect: 200 },
  { path: "/zoeken/", expect: 200 },
  { path: "/zoeken/?q=loverboy", expect: 200 },
  { path: "/zoeken/?vorm=arbeidsuitbuiting&doelgroep=bedrijven-werkgevers", expect: 200 },
  { path: "/zoeken/?q=xyzzyqqq", expect: 200 },
  { path: "/praktijkresultaten/", expect: 200, optional: true },
  { path: "/bewijskaart/", expect: 200 },
  { path: "/bewijskaart/?rijen=aanpak&kolommen=setting", expect: 200 },
  { path: "/vergelijk/?m=girls-talk&m=helpwanted&m=chat-met-fier", expect: 200 },
  { path: "/vergelijk/?m=girls-talk", expect: 200 },
  { path: "/open-data/", expect: 200 },
  { path: "/hoe-beoordelen-we-bewijs/", expect: 200 },
  { path: "/over-de-catalogus/", expect: 200 },
  { path: "/contact/", expect: 200 },
  { path: "/privacy/", expect: 200 },
  { path: "/toegankelijkheidsverklaring/", expect: 200 },
  { path: "/attendering/?q=loverboy&vorm=seksuele-uitbuiting", expect: 200 },
  { path: "/attendering/controleer-uw-e-mail/", expect: 200 },
  { path: "/attendering/bevestigd/", expect: 200 },
  { path: "/attendering/afgemeld/", expect: 200 },
  { path: "/attendering/bevestigen/ongeldig/", expect: 404 },
  { path: "/bestaat-niet/", expect: 404 },
];

const viewports = (mobileWidth) => [
  { name: "desktop", width: 1280, height: 800 },
  { name: "mobile", width: mobileWidth, height: 667 }, // reflow (WCAG 1.4.10)
];

const SKIP_LINK_TEXTS = ["Naar de inhoud", "Skip to content"];
const SKIP_TARGET = "#inhoud";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

// Impact for the checks this script adds on top of axe.
const OWN_IMPACT = "serious";

function usage(code) {
  const text = `usage: node scripts/a11y-audit.mjs [BASE_URL] [PATH ...] [--json FILE] [--screenshots DIR] [--verbose] [--chromium PATH] [--mobile-width N] [--language CODE]\n`;
  (code ? process.stderr : process.stdout).write(text);
  process.exit(code);
}

function parseArgs(argv) {
  const opts = {
    baseUrl: process.env.A11Y_BASE_URL || "http://127.0.0.1:8000",
    pages: null,
    json: null,
    screenshots: null,
    verbose: false,
    chromium: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    mobileWidth: 375,
    language: null,
  };
  const paths = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(2);
      return argv[++i];
    };
    if (arg === "--help" || arg === "-h") usage(0);
    else if (arg === "--json") opts.json = value();
    else if (arg === "--screenshots") opts.screenshots = value();
    else if (arg === "--verbose" || arg === "-v") opts.verbose = true;
    else if (arg === "--chromium") opts.chromium = value();
    else if (arg === "--language") opts.language = value();
    else if (arg === "--mobile-width") {
      opts.mobileWidth = Number.parseInt(value(), 10);
      if (!(opts.mobileWidth >= 200 && opts.mobileWidth <= 1000)) usage(2);
    }
    else if (arg.startsWith("--")) {
      process.stderr.write(`a11y-audit: unknown option ${arg}\n`);
      usage(2);
    } else if (/^https?:\/\//i.test(arg)) opts.baseUrl = arg;
    else paths.push(arg);
  }
  opts.baseUrl = opts.baseUrl.replace(/\/+$/, "");
  // Paths given on the command line are all required; a path that looks like
  // a missing page (/bestaat-niet/ or anything the default list expects to be
  // 404) keeps its expected status.
  opts.pages = paths.length
    ? paths.map((p) => {
        const known = DEFAULT_PAGES.find((d) => d.path === p);
        return { path: p.startsWith("/") ? p : `/${p}`, expect: known ? known.expect : 200 };
      })
    : [
        ...DEFAULT_PAGES,
        // Pages whose URL holds a secret (alert confirmation, unsubscribe): made by mk/a11y.mk.
        ...(process.env.A11Y_EXTRA_PATHS || "").split(/\s+/).filter(Boolean).map((p) => ({ path: p, expect: 200 })),
      ];
  return opts;
}

// ---------------------------------------------------------------------------
// Checks that run inside the page.

async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.addScriptTag({ content: axe.source });
  }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations", "incomplete"],
    });
    const slim = (list) =>
      list.map((rule) => ({
        id: rule.id,
        impact: rule.impact,
        help: rule.help,
        helpUrl: rule.helpUrl,
        nodes: rule.nodes.map((node) => ({
          target: node.target,
          html: node.html,
          failureSummary: node.failureSummary,
        })),
      }));
    return { violations: slim(result.violations), incomplete: slim(result.incomplete) };
  }, AXE_TAGS);
}

// A short CSS path for an element, for the report. Runs in the page.
function describeInPage(el) {
  if (!el || el.nodeType !== 1) return String(el);
  const parts = [];
  let node = el;
  while (node && node.nodeType === 1 && parts.length < 4) {
    let part = node.localName;
    if (node.id) {
      parts.unshift(`${part}#${node.id}`);
      break;
    }
    const cls = [...node.classList].slice(0, 2);
    if (cls.length) part += `.${cls.join(".")}`;
    parts.unshift(part);
    node = node.parentElement;
  }
  return parts.join(" > ");
}

// Wait until the page has stopped scrolling (a fragment link may scroll over
// several frames).
async function settle(page) {
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        let last = "";
        let still = 0;
        let frames = 0;
        const tick = () => {
          const now = `${window.scrollX},${window.scrollY}`;
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 3 || ++frames > 120) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

// Press Tab as a keyboard user who just opened the page would: from the very
// top. Blurring is not enough (the browser remembers where focus was as the
// start of the next Tab), so a temporary focus target is put first in <body>,
// focused, Tab pressed, and the marker removed again.
async function tabFromTop(page) {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    const marker = document.createElement("span");
    marker.tabIndex = -1;
    marker.id = "a11y-audit-start";
    document.body.prepend(marker);
    marker.focus();
  });
  await page.keyboard.press("Tab");
  await page.evaluate(() => document.getElementById("a11y-audit-start")?.remove());
}

async function documentChecks(page) {
  return page.evaluate(() => {
    const lang = (document.documentElement.getAttribute("lang") || "").trim();
    const h1s = [...document.querySelectorAll("h1")].map((h) => h.textContent.trim().replace(/\s+/g, " "));
    return { lang, h1s };
  });
}

// Horizontal scrolling at the mobile viewport: the document is wider than the
// window. Also names the element that sticks out furthest, to start looking.
async function reflowCheck(page, describeSrc) {
  return page.evaluate((src) => {
    const describe = new Function(`return (${src})`)();
    const width = document.documentElement.clientWidth;
    const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0);
    let worst = null;
    if (scrollWidth > width + 1) {
      let max = width;
      for (const el of document.body.querySelectorAll("*")) {
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        // Content inside a scrolling container (a wide table in .table-scroll) is fine.
        let clipped = false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const ox = getComputedStyle(p).overflowX;
          if (ox === "auto" || ox === "scroll" || ox === "hidden" || ox === "clip") {
            clipped = true;
            break;
          }
        }
        if (!clipped && rect.right > max + 1) {
          max = rect.right;
          worst = describe(el);
        }
      }
    }
    return { width, scrollWidth, worst };
  }, describeSrc);
}

async function keyboardCheck(page, describeSrc, viewport) {
  const problems = [];
  const add = (id, target, detail) => problems.push({ id, impact: OWN_IMPACT, target, detail });

  await tabFromTop(page);
  const first = await page.evaluate(
    ({ src, texts, href, vw, vh }) => {
      const describe = new Function(`return (${src})`)();
      const el = document.activeElement;
      if (!el || el === document.body) return { none: true };
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const text = (el.innerText || el.textContent || "").trim().replace(/\s+/g, " ");
      return {
        target: describe(el),
        isSkipLink: el.localName === "a" && texts.includes(text) && el.getAttribute("href") === href,
        text,
        href: el.getAttribute("href"),
        visible:
          rect.width > 0 &&
          rect.height > 0 &&
          rect.left >= 0 &&
          rect.top >= 0 &&
          rect.right <= vw &&
          rect.bottom <= vh &&
          style.visibility !== "hidden" &&
          Number(style.opacity) > 0 &&
          style.clipPath === "none" &&
          !/rect\(\s*0/.test(style.clip),
        rect: { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom },
      };
    },
    { src: describeSrc, texts: SKIP_LINK_TEXTS, href: SKIP_TARGET, vw: viewport.width, vh: viewport.height },
  );

  if (first.none) {
    add("kbd-skip-link-first", "body", "first Tab focused nothing");
    return problems;
  }
  if (!first.isSkipLink) {
    add(
      "kbd-skip-link-first",
      first.target,
      `first Tab focused "${first.text.slice(0, 40)}" (href ${first.href}), expected the skip link "${SKIP_LINK_TEXTS[0]}" to ${SKIP_TARGET}`,
    );
    return problems;
  }
  if (!first.visible) {
    const r = first.rect;
    add(
      "kbd-skip-link-visible",
      first.target,
      `focused skip link is not inside the ${viewport.width}x${viewport.height} viewport (box ${Math.round(r.left)},${Math.round(r.top)} to ${Math.round(r.right)},${Math.round(r.bottom)})`,
    );
  }

  // Activate it: focus (and the view) must move to the main landmark.
  await page.keyboard.press("Enter");
  await settle(page);
  const after = await page.evaluate(
    ({ src, vh }) => {
      const describe = new Function(`return (${src})`)();
      const main = document.querySelector("main#inhoud");
      const el = document.activeElement;
      if (!main) return { noMain: true, focused: describe(el) };
      const top = main.getBoundingClientRect().top;
      const focusables = main.querySelectorAll(
        'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])',
      );
      return {
        focused: describe(el),
        focusInMain: el === main || main.contains(el),
        mainInView: top >= -1 && top < vh,
        hash: location.hash,
        hasFocusable: [...focusables].some((f) => f.getClientRects().length > 0 && getComputedStyle(f).visibility !== "hidden"),
      };
    },
    { src: describeSrc, vh: viewport.height },
  );
  if (after.noMain) {
    add("kbd-skip-link-target", "main#inhoud", "there is no <main id=\"inhoud\"> on the page");
    return problems;
  }
  if (!after.focusInMain && !after.mainInView) {
    add(
      "kbd-skip-link-target",
      after.focused,
      `after activating the skip link focus is on ${after.focused} and main#inhoud is not scrolled into view (hash ${after.hash || "none"})`,
    );
    return problems;
  }
  // The next Tab continues inside the main content, not back in the header.
  // (Without tabindex="-1" on <main> some browsers leave document.activeElement
  // on <body> but still move the sequential focus start point: this is the test
  // that matters for a keyboard user.)
  if (after.hasFocusable) {
    await page.keyboard.press("Tab");
    const next = await page.evaluate((src) => {
      const describe = new Function(`return (${src})`)();
      const main = document.querySelector("main#inhoud");
      const el = document.activeElement;
      return { focused: describe(el), inMain: main.contains(el) && el !== main };
    }, describeSrc);
    if (!next.inMain) {
      add("kbd-skip-link-target", next.focused, `the Tab after the skip link went to ${next.focused}, outside main#inhoud`);
    }
  } else if (!after.focusInMain) {
    add("kbd-skip-link-target", after.focused, `after activating the skip link focus is on ${after.focused}, not in main#inhoud`);
  }
  return problems;
}

// Walk the Tab order from the top (at most FOCUS_STOPS stops) and check that
// every element that gets focus shows a focus indicator (WCAG 2.4.7) and is on
// screen, and that the order does not get stuck (2.1.2). The indicator test
// looks for an outline or box-shadow on the focused element: that is what the
// site's one focus style (site.css) and the NL Design System components use.
const FOCUS_STOPS = 60;

async function focusOrderCheck(page, describeSrc, viewport) {
  const problems = [];
  const noIndicator = [];
  const offscreen = [];
  let previous = null;
  let repeats = 0;
  for (let i = 0; i < FOCUS_STOPS; i++) {
    if (i === 0) await tabFromTop(page);
    else await page.keyboard.press("Tab");
    const stop = await page.evaluate(
      ({ src, vw, vh }) => {
        const describe = new Function(`return (${src})`)();
        const el = document.activeElement;
        if (!el || el === document.body || el === document.documentElement) return { end: true };
        // A number per element, so two links with the same CSS path differ.
        const ids = (window.__a11yFocusIds ||= new WeakMap());
        if (!ids.has(el)) ids.set(el, (window.__a11yFocusNext = (window.__a11yFocusNext || 0) + 1));
        const style = getComputedStyle(el);
        const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
        const shadow = style.boxShadow && style.boxShadow !== "none";
        const rect = el.getBoundingClientRect();
        return {
          id: ids.get(el),
          target: describe(el),
          indicator: Boolean(outline || shadow),
          onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 && rect.top < vh && rect.left < vw,
          tag: el.localName,
        };
      },
      { src: describeSrc, vw: viewport.width, vh: viewport.height },
    );
    if (stop.end) break; // left the document: the whole order was walked
    if (stop.id === previous) {
      if (++repeats >= 2) {
        problems.push({ id: "kbd-focus-stuck", impact: "critical", count: 1, target: stop.target, detail: `Tab keeps focus on ${stop.target}` });
        break;
      }
    } else repeats = 0;
    previous = stop.id;
    if (!stop.indicator) noIndicator.push(stop.target);
    if (!stop.onScreen) offscreen.push(stop.target);
  }
  if (noIndicator.length) {
    problems.push({
      id: "kbd-focus-indicator",
      impact: OWN_IMPACT,
      count: noIndicator.length,
      target: noIndicator[0],
      detail: `${noIndicator.length} focused element(s) without an outline or box-shadow: ${[...new Set(noIndicator)].slice(0, 5).join("; ")}`,
    });
  }
  if (offscreen.length) {
    problems.push({
      id: "kbd-focus-offscreen",
      impact: OWN_IMPACT,
      count: offscreen.length,
      target: offscreen[0],
      detail: `${offscreen.length} focused element(s) outside the viewport: ${[...new Set(offscreen)].slice(0, 5).join("; ")}`,
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Reporting.

function targetText(target) {
  if (!target) return "";
  if (typeof target === "string") return target;
  // axe targets: one selector per frame/shadow level, each a string or array.
  return target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(" | ");
}

function clip(text, max) {
  const s = String(text);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function table(rows, headers) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

// ---------------------------------------------------------------------------

async function auditPage(browser, opts, spec) {
  const url = opts.baseUrl + spec.path;
  const result = { path: spec.path, url, status: null, skipped: false, problems: [], incomplete: [], error: null };
  const describeSrc = describeInPage.toString();

  for (const viewport of viewports(opts.mobileWidth)) {
    const context = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      locale: opts.language === "en" ? "en-GB" : "nl-NL",
      bypassCSP: true,
      isMobile: false,
    });
    if (opts.language) {
      await context.addCookies([{ name: "django_language", value: opts.language, url: `${opts.baseUrl}/` }]);
    }
    const page = await context.newPage();
    try {
      const response = await page.goto(url, { waitUntil: "load", timeout: 30_000 });
      const status = response ? response.status() : null;
      result.status = status;
      if (status !== spec.expect) {
        if (spec.optional) {
          result.skipped = true;
          result.skipReason = `answered HTTP ${status}, expected ${spec.expect}`;
          return result;
        }
        result.problems.push({
          viewport: viewport.name,
          id: "http-status",
          impact: "critical",
          count: 1,
          target: spec.path,
          detail: `answered HTTP ${status}, expected ${spec.expect}`,
        });
        return result;
      }

      const axeResult = await runAxe(page);
      for (const rule of axeResult.violations) {
        result.problems.push({
          viewport: viewport.name,
          id: rule.id,
          impact: rule.impact || "",
          count: rule.nodes.length,
          target: targetText(rule.nodes[0] && rule.nodes[0].target),
          detail: rule.help,
          helpUrl: rule.helpUrl,
          nodes: rule.nodes,
        });
      }
      for (const rule of axeResult.incomplete) {
        result.incomplete.push({ viewport: viewport.name, id: rule.id, count: rule.nodes.length, nodes: rule.nodes });
      }

      if (viewport.name === "desktop") {
        const doc = await documentChecks(page);
        if (!doc.lang) {
          result.problems.push({ viewport: viewport.name, id: "doc-html-lang", impact: OWN_IMPACT, count: 1, target: "html", detail: "<html> has no lang attribute" });
        }
        if (doc.h1s.length !== 1) {
          result.problems.push({
            viewport: viewport.name,
            id: "doc-single-h1",
            impact: OWN_IMPACT,
            count: doc.h1s.length,
            target: "h1",
            detail: `expected exactly one <h1>, found ${doc.h1s.length}${doc.h1s.length ? `: ${doc.h1s.map((t) => `"${clip(t, 40)}"`).join(", ")}` : ""}`,
          });
        }
      } else {
        const reflow = await reflowCheck(page, describeSrc);
        if (reflow.scrollWidth > reflow.width + 1) {
          result.problems.push({
            viewport: viewport.name,
            id: "reflow-horizontal-scroll",
            impact: OWN_IMPACT,
            count: 1,
            target: reflow.worst || "html",
            detail: `page is ${reflow.scrollWidth}px wide in a ${reflow.width}px viewport (scrolls sideways)`,
          });
        }
      }

      if (opts.screenshots) {
        const name = `${spec.path.replace(/[^a-z0-9]+/gi, "_").replace(/^_+|_+$/g, "") || "home"}.${viewport.name}.png`;
        await page.screenshot({ path: path.join(opts.screenshots, name), fullPage: true });
      }

      // Keyboard checks measure where focus lands, not the scroll animation:
      // make scrolling instant so positions can be read right after each key.
      await page.addStyleTag({ content: "html, html * { scroll-behavior: auto !important; }" });
      for (const p of await keyboardCheck(page, describeSrc, viewport)) {
        result.problems.push({ viewport: viewport.name, count: 1, ...p });
      }
      for (const p of await focusOrderCheck(page, describeSrc, viewport)) {
        result.problems.push({ viewport: viewport.name, ...p });
      }
    } catch (err) {
      result.error = String(err && err.message ? err.message : err).split("\n")[0];
      result.problems.push({ viewport: viewport.name, id: "audit-error", impact: "critical", count: 1, target: spec.path, detail: result.error });
      return result;
    } finally {
      await context.close();
    }
  }
  return result;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.screenshots) mkdirSync(opts.screenshots, { recursive: true });

  // Fail early, and clearly, when nothing is listening.
  try {
    await fetch(`${opts.baseUrl}/`, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    process.stderr.write(`a11y-audit: cannot reach ${opts.baseUrl}/ (${err.cause ? err.cause.code || err.cause.message : err.message}); is the server running?\n`);
    process.exit(2);
  }

  let browser;
  try {
    browser = await chromium.launch({ executablePath: opts.chromium, args: CHROMIUM_ARGS });
  } catch (err) {
    process.stderr.write(`a11y-audit: could not start Chromium at ${opts.chromium}: ${String(err.message).split("\n")[0]}\n`);
    process.stderr.write("a11y-audit: install it with `apt-get install -y chromium` or pass --chromium PATH.\n");
    process.exit(2);
  }

  console.log(`Accessibility audit of ${opts.baseUrl}${opts.language ? ` (language ${opts.language})` : ""} with axe-core ${axe.version} (${AXE_TAGS.join(", ")})`);
  console.log(`Browser: Chromium ${browser.version()}; viewports ${viewports(opts.mobileWidth).map((v) => `${v.name} ${v.width}x${v.height}`).join(", ")}\n`);

  const results = [];
  try {
    for (const spec of opts.pages) {
      const result = await auditPage(browser, opts, spec);
      results.push(result);
      if (result.skipped) {
        console.log(`SKIP ${spec.path}  (${result.skipReason}; optional page)\n`);
        continue;
      }
      if (!result.problems.length) {
        const review = new Set(result.incomplete.map((r) => r.id));
        console.log(`PASS ${spec.path}${review.size ? `  (axe asks for a manual review of: ${[...review].join(", ")})` : ""}\n`);
        continue;
      }
      console.log(`FAIL ${spec.path}  (HTTP ${result.status})`);
      const rows = result.problems.map((p) => [p.viewport, p.id, p.impact, p.count, clip(p.target, 70)]);
      console.log(table(rows, ["viewport", "rule", "impact", "count", "first target"]).replace(/^/gm, "  "));
      for (const p of result.problems) {
        if (p.detail && !p.helpUrl) console.log(`  - ${p.id} (${p.viewport}): ${p.detail}`);
        else if (opts.verbose) console.log(`  - ${p.id} (${p.viewport}): ${p.detail} ${p.helpUrl || ""}`);
        if (opts.verbose && p.nodes) {
          for (const n of p.nodes) console.log(`      ${targetText(n.target)}\n        ${clip(n.html.replace(/\s+/g, " "), 160)}`);
        }
      }
      console.log("");
    }
  } finally {
    await browser.close();
  }

  if (opts.json) {
    writeFileSync(opts.json, `${JSON.stringify({ baseUrl: opts.baseUrl, axe: axe.version, tags: AXE_TAGS, results }, null, 2)}\n`);
    console.log(`Full results written to ${opts.json}`);
  }

  const audited = results.filter((r) => !r.skipped);
  const failed = audited.filter((r) => r.problems.length).length;
  const passed = audited.length - failed;
  const skipped = results.length - audited.length;
  if (skipped) console.log(`${skipped} optional page(s) skipped.`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`a11y-audit: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
