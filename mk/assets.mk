# NL Design System CSS (see docs/design-system.md).
#
#   make assets   install the npm packages pinned in package-lock.json (npm ci)
#                 and build catalogue/static/vendor/nlds/nlds.css with only the
#                 components the templates use and the design tokens they
#                 reference (scripts/build-css.mjs; deterministic)
#
# The output is committed, so only someone changing the design-system versions
# or starting to use a new component needs Node/npm; `make run` and the tests
# do not (tests/test_assets.py fails when a template uses a component that is
# not in the committed bundle).
# Included from the main Makefile with `include mk/assets.mk`.

NPM ?= npm

.PHONY: assets
assets:
	$(NPM) ci --no-audit --no-fund --ignore-scripts
	node scripts/build-css.mjs
