#!/usr/bin/env bash
# Runs Splunk AppInspect on the app package, the way Splunk Cloud vetting does, and fails on any
# failure, error or unreviewed manual check (scripts/lib/appinspect-verdict.mjs).
#
# Usage: bash scripts/appinspect.sh [PACKAGE.tgz]     (npm run appinspect)
#   PACKAGE.tgz  default: dist/idetunnel-<package.json version>.tgz (make it with `npm run package`)
# Two passes, both `--mode precert` with JSON reports in dist/appinspect/:
#   cloud.json  --included-tags cloud (the Splunk Cloud vetting set)
#   full.json   no tag filter
# Needs: python3 with venv, libmagic1 (installed with apt-get when missing and running as root).
# The virtualenv .venv/appinspect is created on first use; splunk-appinspect is pinned in
# scripts/appinspect-requirements.txt. Reviewed results: test/app/appinspect-expectations.json.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(node -p "require('$root/package.json').version")
package=${1:-$root/dist/idetunnel-$version.tgz}
venv=$root/.venv/appinspect
requirements=$root/scripts/appinspect-requirements.txt
expectations=$root/test/app/appinspect-expectations.json
reports=$root/dist/appinspect

if [ ! -f "$package" ]; then
  echo "appinspect: $package not found; run \`npm run package\` first" >&2
  exit 2
fi

# libmagic: AppInspect identifies file types with python-magic
if ! ldconfig -p 2>/dev/null | grep -q 'libmagic\.so\.1'; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "appinspect: installing libmagic1" >&2
    apt-get install -y -q libmagic1 >&2 || { apt-get update -q >&2 && apt-get install -y -q libmagic1 >&2; }
  else
    echo "appinspect: libmagic1 is missing (Debian/Ubuntu: apt-get install libmagic1)" >&2
    exit 2
  fi
fi

stamp=$venv/.requirements
if [ ! -x "$venv/bin/splunk-appinspect" ] || ! cmp -s "$requirements" "$stamp"; then
  echo "appinspect: preparing $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements" >&2
  cp "$requirements" "$stamp"
fi

mkdir -p "$reports"
run() { # run LABEL [TAG OPTIONS...]
  local label=$1
  shift
  echo "appinspect: $label pass on ${package#"$root"/}" >&2
  # the exit status says little (it is non-zero for warnings too); the JSON report is judged below
  "$venv/bin/splunk-appinspect" inspect "$package" --mode precert "$@" \
    --data-format json --output-file "$reports/$label.json" >"$reports/$label.log" 2>&1 || true
  if [ ! -s "$reports/$label.json" ]; then
    echo "appinspect: the $label pass wrote no report; its output:" >&2
    cat "$reports/$label.log" >&2
    exit 1
  fi
}
run cloud --included-tags cloud
run full

node "$root/scripts/lib/appinspect-verdict.mjs" "$expectations" "cloud=$reports/cloud.json" "full=$reports/full.json"
