# NL Design System CSS (see docs/design-system.md).
#
#   make assets   install the npm packages pinned in package-lock.json (npm ci)
#                 and copy the CSS the site serves into
#                 catalogue/static/vendor/nlds/
#
# The copied files are committed, so only someone changing the design-system
# versions needs Node/npm; `make run` and the tests do not.
# Included from the main Makefile with `include mk/assets.mk`.

NPM ?= npm

.PHONY: assets
assets:
	$(NPM) ci --no-audit --no-fund --ignore-scripts
	bash scripts/copy-assets.sh
