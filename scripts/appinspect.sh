#!/usr/bin/env bash
# Runs Splunk AppInspect on an app package, the way Splunk Cloud vetting does, and fails on any
# failure, error or unreviewed manual check (scripts/lib/appinspect-verdict.mjs).
#
# Usage: bash scripts/appinspect.sh [main | standalone-linux | standalone-windows | PACKAGE.tgz]
#   main (default)       dist/idetunnel-<version>.tgz                           passes: cloud, full
#   standalone-linux     dist/idetunnel-standalone-linux_x86_64-<version>.tgz   passes: cloud, private_victoria
#   standalone-windows   dist/idetunnel-standalone-windows_x86_64-<version>.tgz passes: cloud
#   PACKAGE.tgz          any package, judged as main                            passes: cloud, full
# <version> is package.json's; make the packages with `npm run package` / `npm run package:standalone`.
# Each pass is `--mode precert` with a JSON report in dist/appinspect/<kind>/<pass>.json:
#   cloud             --included-tags cloud (the Splunk Cloud vetting set)
#   private_victoria  --included-tags private_victoria (private apps on Splunk Cloud Victoria Experience)
#   full              no tag filter
# Reviewed results, per kind: test/app/appinspect-expectations.json (main),
# test/app/appinspect-expectations-<kind>.json (standalone packages).
# Needs: python3 with venv, libmagic1 (installed with apt-get when missing and running as root).
# The virtualenv .venv/appinspect is created on first use; splunk-appinspect is pinned in
# scripts/appinspect-requirements.txt.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(node -p "require('$root/package.json').version")
kind=${1:-main}
case $kind in
  main) package=$root/dist/idetunnel-$version.tgz passes=(cloud full) ;;
  standalone-linux) package=$root/dist/idetunnel-standalone-linux_x86_64-$version.tgz passes=(cloud private_victoria) ;;
  standalone-windows) package=$root/dist/idetunnel-standalone-windows_x86_64-$version.tgz passes=(cloud) ;;
  *.tgz) package=$kind kind=main passes=(cloud full) ;;
  *) echo "appinspect: unknown package kind '$kind' (main, standalone-linux, standalone-windows or a .tgz)" >&2; exit 2 ;;
esac
venv=$root/.venv/appinspect
requirements=$root/scripts/appinspect-requirements.txt
if [ "$kind" = main ]; then expectations=$root/test/app/appinspect-expectations.json
else expectations=$root/test/app/appinspect-expectations-$kind.json; fi
reports=$root/dist/appinspect/$kind

if [ ! -f "$package" ]; then
  echo "appinspect: $package not found; run \`npm run package\` (main) or \`npm run package:standalone\` first" >&2
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
run() { # run PASS
  local pass=$1 tags=()
  [ "$pass" = full ] || tags=(--included-tags "$pass")
  echo "appinspect: $pass pass on ${package#"$root"/}" >&2
  # the exit status says little (it is non-zero for warnings too); the JSON report is judged below
  "$venv/bin/splunk-appinspect" inspect "$package" --mode precert "${tags[@]}" \
    --data-format json --output-file "$reports/$pass.json" >"$reports/$pass.log" 2>&1 || true
  if [ ! -s "$reports/$pass.json" ]; then
    echo "appinspect: the $pass pass wrote no report; its output:" >&2
    cat "$reports/$pass.log" >&2
    exit 1
  fi
}
judged=()
for pass in "${passes[@]}"; do
  run "$pass"
  judged+=("$kind/$pass=$reports/$pass.json")
done

node "$root/scripts/lib/appinspect-verdict.mjs" "$expectations" "${judged[@]}"
