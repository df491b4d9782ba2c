#!/usr/bin/env bash
# Refresh the JavaScript the course website serves itself (commit the result).
#
# Pages with widget output need require.js and the ipywidgets HTML manager; Jupyter Book
# would fetch both from CDNs, which fails offline. This copies the versions pinned in
# package.json / package-lock.json (npm registry) into course/_vendor/, which
# course/_config.yml serves as static files (the folder is deliberately not named _static:
# Jupyter Book would inject every .js in a `_static` folder into every page).
#
# Usage: bash scripts/vendor_js.sh        (from anywhere; needs node and npm)
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --ignore-scripts
dest=course/_vendor
mkdir -p "$dest"
cp node_modules/requirejs/require.js "$dest/require.js"
cp node_modules/@jupyter-widgets/html-manager/dist/embed-amd.js "$dest/embed-amd.js"
# The manager's Font Awesome fonts. The widget bundles find them relative to their own module
# URLs, which RequireJS resolves against its base URL (set to _static/ by
# course/_assets/widgets-setup.js): _static/@jupyter-widgets/ for some modules and
# _static/@jupyter-widgets/html-manager/dist/ for others. woff2 only: every current browser
# takes it first.
rm -rf "$dest/@jupyter-widgets"
for fonts in "$dest/@jupyter-widgets" "$dest/@jupyter-widgets/html-manager/dist"; do
  mkdir -p "$fonts"
  cp node_modules/@jupyter-widgets/html-manager/dist/*.woff2 "$fonts/"
done
{
  echo "Vendored from the npm registry by scripts/vendor_js.sh; do not edit by hand."
  echo
  for pkg in requirejs @jupyter-widgets/html-manager; do
    node -e "const p=require('./node_modules/$pkg/package.json'); console.log(p.name + '@' + p.version + ' (' + p.license + ')')"
  done
  echo
  echo "require.js              <- requirejs/require.js"
  echo "embed-amd.js            <- @jupyter-widgets/html-manager/dist/embed-amd.js"
  echo "@jupyter-widgets/**/*.woff2  <- @jupyter-widgets/html-manager/dist/*.woff2 (Font Awesome 5 Free, OFL-1.1)"
} > "$dest/README.txt"
echo "vendored into $dest:"
find "$dest" -type f | sort
