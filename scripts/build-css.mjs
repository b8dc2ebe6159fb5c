#!/usr/bin/env node
// Build the one NL Design System stylesheet the site serves:
// catalogue/static/vendor/nlds/nlds.css (run through `make assets`).
//
// Instead of copying the whole component library (about 690 KB with the
// tokens), it ships only what the templates use:
//   1. every `utrecht-<component>` class named in a template, Python or JS file
//      of the site's apps selects the package @utrecht/<component>-css (a
//      dependency of the pinned @utrecht/component-library-css, so its version
//      comes from package-lock.json); its dist/index.min.css goes in;
//   2. of the design tokens (voorbeeld theme) only the custom properties that
//      the shipped CSS or the site's own stylesheets reference, followed
//      transitively through the tokens that reference other tokens.
// The output is deterministic (sorted, no timestamps) and committed, so
// running the site needs no Node; tests/test_assets.py checks that every
// component used in a template is in it.
//
// Sanitising: the site never loads anything from another host, so @import and
// remote url(...) are refused, and web fonts the tokens name but we do not ship
// get a system font stack as fallback.

import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(ROOT);
const NM = "node_modules";
const DEST = "catalogue/static/vendor/nlds";
const TOKENS_PKG = "@nl-design-system-unstable/voorbeeld-design-tokens";
const LIBRARY_PKG = "@utrecht/component-library-css";
const APPS = ["catalogue", "home", "methods", "search", "pilots", "moderation", "related", "sitepages"];
const SOURCE_EXT = /\.(html|py|js|mjs)$/;
// The site's own stylesheets: their var(--...) references keep tokens alive.
const SITE_CSS_EXT = /\.css$/;

const fail = (msg) => { console.error(`build-css: ${msg}`); process.exit(1); };
const readJSON = (p) => JSON.parse(fs.readFileSync(p, "utf8"));

// The installed versions must be the ones pinned in package.json.
const want = readJSON("package.json").dependencies;
for (const name of [TOKENS_PKG, LIBRARY_PKG]) {
  const p = `${NM}/${name}/package.json`;
  if (!fs.existsSync(p)) fail(`${name} is not installed; run 'npm ci' (or 'make assets')`);
  const have = readJSON(p).version;
  if (have !== want[name]) fail(`${name} is ${have} in node_modules but package.json pins ${want[name]}; run 'npm ci'`);
}

function* walk(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "vendor" || entry.name === "migrations" || entry.name === "__pycache__") continue;
      yield* walk(p);
    } else {
      yield p;
    }
  }
}

// 1. Components named in the site's sources.
const sources = [];
const siteCss = [];
for (const app of APPS) {
  for (const file of walk(app)) {
    if (SOURCE_EXT.test(file)) sources.push(fs.readFileSync(file, "utf8"));
    else if (SITE_CSS_EXT.test(file)) siteCss.push(fs.readFileSync(file, "utf8"));
  }
}
const blocks = new Set();
for (const text of sources) {
  for (const m of text.matchAll(/\butrecht-([a-z0-9]+(?:-[a-z0-9]+)*)(?=__|--|[^a-z0-9_-]|$)/g)) blocks.add(m[1]);
}
const packages = new Map(); // component -> css path
for (const block of [...blocks].sort()) {
  // "form-field-error-message" is its own package; "table" too: try the longest name first.
  const parts = block.split("-");
  for (let n = parts.length; n > 0; n--) {
    const name = parts.slice(0, n).join("-");
    const css = `${NM}/@utrecht/${name}-css/dist/index.min.css`;
    if (fs.existsSync(css)) { packages.set(name, css); break; }
  }
}
if (!packages.size) fail("no utrecht-* component found in the templates");

// Every utrecht-* class the sources name (blocks, elements, modifiers).
const usedClasses = new Set();
for (const text of sources) {
  for (const m of text.matchAll(/\butrecht-[a-z0-9_-]*[a-z0-9]/g)) usedClasses.add(m[0]);
}

// Split CSS into top-level items: [prelude, body] for blocks, or a bare statement.
function splitRules(css) {
  const items = [];
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf("{", i);
    const semi = css.indexOf(";", i);
    if (open === -1) break;
    if (semi !== -1 && semi < open && css.slice(i, semi).trim().startsWith("@")) {
      items.push({ statement: css.slice(i, semi + 1).trim() }); i = semi + 1; continue;
    }
    let depth = 0, j = open, quote = null;
    for (; j < css.length; j++) {
      const c = css[j];
      if (quote) { if (c === "\\") j++; else if (c === quote) quote = null; continue; }
      if (c === '"' || c === "'") quote = c;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) break;
    }
    items.push({ prelude: css.slice(i, open).trim(), body: css.slice(open + 1, j) });
    i = j + 1;
  }
  return items;
}

// A selector survives when every utrecht-* class it requires is used somewhere
// (classes inside :not(...) are not required). Rules left without selectors go.
function selectorUsed(selector) {
  const required = selector.replace(/:not\((?:[^()]|\([^()]*\))*\)/g, "");
  return [...required.matchAll(/\.(utrecht-[a-z0-9_-]*[a-z0-9])/g)].every((m) => usedClasses.has(m[1]));
}
function splitSelectors(prelude) {
  const out = []; let depth = 0, start = 0;
  for (let k = 0; k < prelude.length; k++) {
    const c = prelude[k];
    if (c === "(") depth++; else if (c === ")") depth--;
    else if (c === "," && depth === 0) { out.push(prelude.slice(start, k)); start = k + 1; }
  }
  out.push(prelude.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}
function prune(css) {
  let out = "";
  for (const item of splitRules(css)) {
    if (item.statement) { out += item.statement; continue; }
    if (/^@(media|supports|layer|container)\b/.test(item.prelude)) {
      const inner = prune(item.body);
      if (inner) out += `${item.prelude}{${inner}}`;
    } else if (item.prelude.startsWith("@")) {
      out += `${item.prelude}{${item.body}}`;
    } else {
      const kept = splitSelectors(item.prelude).filter(selectorUsed);
      if (kept.length) out += `${kept.join(",")}{${item.body.trim()}}`;
    }
  }
  return out;
}

let components = "";
const provenance = [];
for (const [name, css] of [...packages].sort()) {
  const pkg = readJSON(`${NM}/@utrecht/${name}-css/package.json`);
  const pruned = prune(fs.readFileSync(css, "utf8").replace(/\r\n/g, "\n").replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s*\n\s*/g, " ").replace(/\(\s+/g, "(").replace(/\s+\)/g, ")").replace(/\s*,\s*(?=--|var\()/g, ","));
  components += `/* @utrecht/${name}-css@${pkg.version} */\n${pruned}\n`;
  provenance.push(`@utrecht/${name}-css@${pkg.version} (${pkg.license})`);
}

// 2. Tokens: `--name: value;` declarations inside `.voorbeeld-theme { ... }`.
const tokenText = fs.readFileSync(`${NM}/${TOKENS_PKG}/dist/theme.css`, "utf8");
const tokens = new Map();
for (const m of tokenText.matchAll(/^\s*(--[a-z0-9-]+)\s*:\s*([^;]+);/gim)) tokens.set(m[1], m[2].trim());
const refs = (text) => [...text.matchAll(/var\(\s*(--[a-z0-9-]+)/gi)].map((m) => m[1]);
const keep = new Set();
const queue = [...refs(components), ...siteCss.flatMap(refs)];
while (queue.length) {
  const name = queue.pop();
  if (keep.has(name) || !tokens.has(name)) continue;
  keep.add(name);
  queue.push(...refs(tokens.get(name)));
}

const STACKS = {
  "sans-serif": "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
  serif: "Georgia, Cambria, 'Times New Roman', Times, serif",
  monospace: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'Courier New', monospace",
};
function fontFallback(name, value) {
  if (!/font-family/.test(name) || value.includes("var(")) return value;
  const fonts = value.split(",").map((s) => s.trim()).filter(Boolean);
  const generic = fonts[fonts.length - 1];
  if (!STACKS[generic] || fonts.length > 2) return value;
  return [...fonts.slice(0, -1), STACKS[generic]].join(", ");
}
const tokenBlock = [...keep].sort()
  .map((name) => `${name}:${fontFallback(name, tokens.get(name))}`)
  .join(";");
const tokenVersion = readJSON(`${NM}/${TOKENS_PKG}/package.json`).version;

let css = "/* Generated by scripts/build-css.mjs (make assets) from the pinned NL Design System packages. Do not edit. */\n"
  + `/* ${TOKENS_PKG}@${tokenVersion}: ${keep.size} of ${tokens.size} tokens */\n`
  + `.voorbeeld-theme{${tokenBlock}}\n`
  + components;

// Nothing may load from another host.
if (/@import\b/.test(css)) fail("an @import is left in the output");
for (const m of css.matchAll(/url\(\s*("[^"]*"|'[^']*'|[^)]*)\s*\)/g)) {
  if (!/^["']?\s*data:/i.test(m[1])) fail(`non-inline reference in the output: ${m[0].slice(0, 80)}`);
}

fs.rmSync(DEST, { recursive: true, force: true });
fs.mkdirSync(DEST, { recursive: true });
fs.writeFileSync(`${DEST}/nlds.css`, css);
fs.copyFileSync(`${NM}/${LIBRARY_PKG}/LICENSE.md`, `${DEST}/LICENSE-utrecht-component-library-css.md`);
fs.copyFileSync(`${NM}/${TOKENS_PKG}/LICENSE.md`, `${DEST}/LICENSE-voorbeeld-design-tokens.md`);
const sha = crypto.createHash("sha256").update(css).digest("hex");
fs.writeFileSync(`${DEST}/SOURCES.txt`,
  "# Generated by scripts/build-css.mjs (make assets). Do not edit by hand.\n"
  + `# nlds.css sha256 ${sha}\n`
  + `${TOKENS_PKG}@${tokenVersion} (${readJSON(`${NM}/${TOKENS_PKG}/package.json`).license}): dist/theme.css, ${keep.size} tokens\n`
  + provenance.map((p) => `${p}: dist/index.min.css\n`).join(""));
console.log(`build-css: ${DEST}/nlds.css ${css.length} bytes: ${packages.size} components (${[...packages.keys()].join(", ")}), ${keep.size} tokens`);
