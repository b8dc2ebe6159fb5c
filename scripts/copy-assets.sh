#!/usr/bin/env bash
# Copy the NL Design System CSS the site serves from node_modules into
# catalogue/static/vendor/nlds/.
#
# Run through `make assets` (which does `npm ci` first). The output is
# committed, so `make run` and the Django site never need Node.
#
# Deterministic: the output depends only on the package versions pinned in
# package-lock.json (no timestamps, no absolute paths). Re-running it on the
# same lockfile must leave `git status` clean.
#
# Besides copying, it sanitises the CSS so the site never loads anything from
# another host:
#   * every `@import` statement is removed (the bundles are self-contained);
#   * `@font-face` blocks that point at a remote URL are removed;
#   * any other remote `url(...)` (http:, https:, protocol-relative) becomes
#     `none`; `data:` URIs (inline SVG icons) are kept;
#   * font-family tokens that name web fonts we do not ship ('Noto Sans',
#     'Noto Serif', 'Noto Sans Mono') get a system font stack as fallback.
# It then fails if any remote reference is still present.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

NM="node_modules"
DEST="catalogue/static/vendor/nlds"

COMPONENTS_PKG="@utrecht/component-library-css"
COMPONENTS_SRC="$NM/$COMPONENTS_PKG/dist/index.css"
# Class-less styling of plain HTML inside `.utrecht-html` (Wagtail rich text).
COMPONENTS_HTML_SRC="$NM/$COMPONENTS_PKG/dist/html.css"
TOKENS_PKG="@nl-design-system-unstable/voorbeeld-design-tokens"
TOKENS_SRC="$NM/$TOKENS_PKG/dist/theme.css"

command -v node >/dev/null 2>&1 || { echo "copy-assets: node is required (run via 'make assets')" >&2; exit 1; }

for f in "$COMPONENTS_SRC" "$COMPONENTS_HTML_SRC" "$TOKENS_SRC"; do
  if [ ! -f "$f" ]; then
    echo "copy-assets: $f not found; run 'npm ci' first (or 'make assets')" >&2
    exit 1
  fi
done

# The installed versions must be exactly the ones pinned in package.json.
node - "$COMPONENTS_PKG" "$TOKENS_PKG" <<'JS'
const fs = require("fs");
const want = JSON.parse(fs.readFileSync("package.json", "utf8")).dependencies;
let bad = 0;
for (const name of process.argv.slice(2)) {
  const have = JSON.parse(fs.readFileSync(`node_modules/${name}/package.json`, "utf8")).version;
  if (want[name] !== have) {
    console.error(`copy-assets: ${name} is ${have} in node_modules but package.json pins ${want[name]}; run 'npm ci'`);
    bad = 1;
  }
}
process.exit(bad);
JS

rm -rf "$DEST"
mkdir -p "$DEST"

# sanitise SRC DEST LABEL
sanitise() {
  node - "$1" "$2" "$3" <<'JS'
const fs = require("fs");
const [src, dest, label] = process.argv.slice(2);
let css = fs.readFileSync(src, "utf8").replace(/\r\n/g, "\n");
const log = (msg) => console.log(`copy-assets: ${label}: ${msg}`);
const REMOTE = /^\s*["']?\s*(https?:|\/\/)/i;

// 1. @import statements (remote or not: we serve single self-contained files).
css = css.replace(/@import\s+[^;]+;[ \t]*\n?/g, (m) => { log(`removed ${m.trim()}`); return ""; });

// 2. @font-face blocks that load fonts from another host.
css = css.replace(/@font-face\s*\{[^}]*\}\s*/g, (m) => {
  if (/url\(\s*["']?\s*(https?:|\/\/)/i.test(m)) { log("removed a remote @font-face"); return ""; }
  return m;
});

// 3. Any other remote url(...) becomes `none`; data: URIs are kept.
css = css.replace(/url\(\s*("[^"]*"|'[^']*'|[^)]*)\s*\)/g, (m, target) => {
  if (REMOTE.test(target)) { log(`replaced remote ${m.slice(0, 80)} with none`); return "none"; }
  return m;
});

// 4. System font fallbacks for web fonts the design tokens name but that we do
//    not ship. Only literal font lists (no var()) are touched.
const STACKS = {
  "sans-serif": "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
  "serif": "Georgia, Cambria, 'Times New Roman', Times, serif",
  "monospace": "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'Courier New', monospace",
};
css = css.replace(/(--[a-z0-9-]*font-family[a-z0-9-]*\s*:\s*)([^;{}]+);/g, (m, prop, value) => {
  if (value.includes("var(")) return m;
  const fonts = value.split(",").map((s) => s.trim()).filter(Boolean);
  const generic = fonts[fonts.length - 1];
  if (!STACKS[generic] || fonts.length > 2) return m; // already has a real stack
  const named = fonts.slice(0, -1);
  const out = `${prop}${[...named, STACKS[generic]].join(", ")};`;
  log(`font fallback: ${m.trim()} -> ${out.trim()}`);
  return out;
});

// 5. Nothing remote may remain.
const problems = [];
if (/@import\b/.test(css)) problems.push("@import");
for (const m of css.matchAll(/url\(\s*("[^"]*"|'[^']*'|[^)]*)\s*\)/g)) {
  if (!/^["']?\s*data:/i.test(m[1])) problems.push(m[0].slice(0, 80));
}
if (problems.length) {
  console.error(`copy-assets: ${label}: remote or non-inline references left: ${problems.join(" | ")}`);
  process.exit(1);
}
if (!css.endsWith("\n")) css += "\n";
fs.writeFileSync(dest, css);
JS
}

sanitise "$COMPONENTS_SRC" "$DEST/utrecht-component-library.css" "$COMPONENTS_PKG"
sanitise "$COMPONENTS_HTML_SRC" "$DEST/utrecht-html.css" "$COMPONENTS_PKG (html.css)"
sanitise "$TOKENS_SRC" "$DEST/design-tokens.css" "$TOKENS_PKG"

cp "$NM/$COMPONENTS_PKG/LICENSE.md" "$DEST/LICENSE-utrecht-component-library-css.md"
cp "$NM/$TOKENS_PKG/LICENSE.md" "$DEST/LICENSE-voorbeeld-design-tokens.md"

# Provenance file: which package version each served file comes from.
node - "$COMPONENTS_PKG" "$TOKENS_PKG" > "$DEST/SOURCES.txt" <<'JS'
const fs = require("fs");
const crypto = require("crypto");
const sha = (p) => crypto.createHash("sha256").update(fs.readFileSync(p)).digest("hex");
const ver = (n) => JSON.parse(fs.readFileSync(`node_modules/${n}/package.json`, "utf8"));
const [comp, tok] = process.argv.slice(2);
const rows = [
  ["utrecht-component-library.css", comp, "dist/index.css"],
  ["utrecht-html.css", comp, "dist/html.css"],
  ["design-tokens.css", tok, "dist/theme.css"],
  ["LICENSE-utrecht-component-library-css.md", comp, "LICENSE.md"],
  ["LICENSE-voorbeeld-design-tokens.md", tok, "LICENSE.md"],
];
console.log("# Generated by scripts/copy-assets.sh (make assets). Do not edit by hand.");
console.log("# file\tpackage@version (licence)\tsource file\tsha256 of served file");
for (const [file, pkg, src] of rows) {
  const p = ver(pkg);
  console.log(`${file}\t${pkg}@${p.version} (${p.license})\t${src}\t${sha("catalogue/static/vendor/nlds/" + file)}`);
}
JS

# Belt and braces: a plain grep over what we serve.
if grep -nE "@import|url\(\s*['\"]?\s*(https?:|//)" "$DEST"/*.css; then
  echo "copy-assets: remote reference found in $DEST" >&2
  exit 1
fi

echo "copy-assets: wrote $(ls "$DEST" | wc -l | tr -d ' ') files to $DEST:"
(cd "$DEST" && wc -c -- * | sed 's/^/  /')
