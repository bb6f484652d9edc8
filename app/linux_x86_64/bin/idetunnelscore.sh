#!/bin/sh
# Launcher of the | idetunnelscore search command on Linux, macOS and other POSIX hosts
# (IDE Tunnel Detection). The package ships this one file as linux_x86_64/bin/idetunnelscore.sh,
# darwin_x86_64/bin/idetunnelscore.sh and bin/idetunnelscore.sh (scripts/lib/app-package.mjs).
#
# commands.conf names no `filename`, so splunkd finds the command by its stanza name plus an
# extension, in <PLATFORM>/bin/ first and then in bin/ (commands.conf.spec, [<STANZA_NAME>] and
# `filename`), and runs this file with the command.arg.<N> values as arguments; it talks the
# chunked custom search command protocol (v2) over stdin/stdout.
#
# 1. Node.js: [node] path from local/idetunnel.conf, else default/idetunnel.conf;
#    when empty, the first `node` on PATH (see README/idetunnel.conf.spec).
# 2. The runtime must report `node --version` >= v18.
# 3. exec node <app>/bin/idetunnelscore.js "$@" (stdin/stdout are handed over as is).
# When no usable Node.js is found, this script answers splunkd's getinfo chunk itself
# with a protocol v2 reply whose inspector carries an ERROR message (shown in the search
# UI), writes the same text to stderr (search.log) and exits with status 1.
#
# Only stdout carries protocol bytes; every diagnostic goes to stderr.

MIN_NODE_MAJOR=18

script_dir=$(cd "$(dirname "$0")" && pwd -P) || exit 1
# <app>/bin/idetunnelscore.sh or <app>/<PLATFORM>/bin/idetunnelscore.sh
if [ -f "$script_dir/../default/app.conf" ]; then
  app_dir=$(cd "$script_dir/.." && pwd -P) || exit 1
else
  app_dir=$(cd "$script_dir/../.." && pwd -P) || exit 1
fi
entry="$app_dir/bin/idetunnelscore.js"

# conf_value FILE STANZA KEY: prints the value of KEY in [STANZA] of a Splunk .conf
# file (last one wins, as in btool); prints nothing when the file or key is absent.
conf_value() {
  [ -r "$1" ] || return 0
  awk -v want="[$2]" -v key="$3" '
    { sub(/\r$/, "") }
    /^[ \t]*[#;]/ { next }
    /^[ \t]*\[/ { line = $0; gsub(/^[ \t]+|[ \t]+$/, "", line); in_stanza = (line == want); next }
    in_stanza {
      eq = index($0, "=")
      if (eq == 0) next
      k = substr($0, 1, eq - 1); v = substr($0, eq + 1)
      gsub(/^[ \t]+|[ \t]+$/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", v)
      if (k == key) { found = v; seen = 1 }
    }
    END { if (seen) print found }
  ' "$1"
}

# node_major NODE: prints the major version `NODE --version` reports (v20.11.1 -> 20),
# or nothing when it cannot run or prints something else.
node_major() {
  "$1" --version 2>/dev/null | sed -n '1s/^v\([0-9][0-9]*\)\..*/\1/p'
}

# json_string TEXT: TEXT as a JSON string literal (quotes, backslashes, control chars).
json_string() {
  printf '%s' "$1" | awk '
    BEGIN { ORS = ""; print "\"" }
    NR > 1 { print "\\n" }
    { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "\\r"); print }
    END { print "\"" }
  '
}

# fail MESSAGE: answer splunkd with a protocol v2 ERROR reply and exit 1.
# Framing: "chunked 1.0,<metadata bytes>,<body bytes>\n" + JSON metadata + body
# (splunk-sdk-python searchcommands, _process_protocol_v2; recordings in reference/scpv2).
fail() {
  printf 'idetunnelscore: %s\n' "$1" >&2
  if [ -t 0 ]; then
    exit 1 # started by hand in a terminal: there is no getinfo chunk to answer
  fi
  header=
  IFS= read -r header || true
  meta_len=$(printf '%s\n' "$header" | sed -n 's/^chunked 1\.0,\([0-9][0-9]*\),\([0-9][0-9]*\)\r\{0,1\}$/\1/p')
  body_len=$(printf '%s\n' "$header" | sed -n 's/^chunked 1\.0,\([0-9][0-9]*\),\([0-9][0-9]*\)\r\{0,1\}$/\2/p')
  if [ -n "$meta_len" ] && [ -n "$body_len" ]; then
    # consume the getinfo metadata and body so splunkd never writes into a closed pipe
    # (GNU dd counts bytes with iflag=count_bytes; elsewhere fall back to POSIX byte-by-byte dd)
    dd bs=65536 count=$((meta_len + body_len)) iflag=count_bytes,fullblock 2>/dev/null >/dev/null \
      || dd bs=1 count=$((meta_len + body_len)) 2>/dev/null >/dev/null
  fi
  reply="{\"type\":\"stateful\",\"inspector\":{\"messages\":[[\"ERROR\",$(json_string "$1")]]}}"
  reply_len=$(printf '%s' "$reply" | LC_ALL=C wc -c | tr -d ' ')
  printf 'chunked 1.0,%s,0\n%s' "$reply_len" "$reply"
  exit 1
}

install_hint="install Node.js 18 or later (for example the LTS build from the Node.js project or your distribution) on this host, or use the standalone idetunnel package that embeds its runtime"

conf_path=$(conf_value "$app_dir/default/idetunnel.conf" node path)
local_path=$(conf_value "$app_dir/local/idetunnel.conf" node path)
if [ -n "$local_path" ]; then conf_path=$local_path; fi

if [ -n "$conf_path" ]; then
  node=$conf_path
  if [ ! -f "$node" ] || [ ! -x "$node" ]; then
    fail "IDE Tunnel Detection needs Node.js 18 or later: [node] path = $node in idetunnel.conf is not an executable file; fix it in $app_dir/local/idetunnel.conf or $install_hint"
  fi
  where="[node] path in idetunnel.conf"
else
  node=$(command -v node 2>/dev/null || true)
  if [ -z "$node" ]; then
    fail "IDE Tunnel Detection needs Node.js 18 or later: no node found on the PATH of splunkd ($PATH); $install_hint, or set [node] path in $app_dir/local/idetunnel.conf"
  fi
  where="node on PATH"
fi

major=$(node_major "$node")
if [ -z "$major" ]; then
  fail "IDE Tunnel Detection needs Node.js 18 or later: $node ($where) did not report a version with --version; $install_hint, or set [node] path in $app_dir/local/idetunnel.conf"
fi
if [ "$major" -lt "$MIN_NODE_MAJOR" ]; then
  fail "IDE Tunnel Detection needs Node.js 18 or later: $node ($where) is v$major; $install_hint, or set [node] path in $app_dir/local/idetunnel.conf"
fi
if [ ! -f "$entry" ]; then
  fail "IDE Tunnel Detection is incomplete: $entry is missing; reinstall the app package"
fi

exec "$node" "$entry" "$@"
