// Preloaded into the command process by the hardening tests (`node -r`): every way Node opens a
// network connection or resolves a name is replaced by a function that writes the line
// `NETWORK-ATTEMPT <api>` to fd 2 (stderr) and throws. Pipes for stdin/stdout are net.Socket objects
// too, but they are created from file descriptors and never call connect(), so they keep working.
// Test support only; never part of the product.
'use strict';
const fs = require('fs');

function blocked(api) {
  return function () {
    fs.writeSync(2, `NETWORK-ATTEMPT ${api}\n`);
    throw new Error(`network access blocked in test: ${api}`);
  };
}

function patch(moduleName, names) {
  const mod = require(moduleName);
  for (const name of names) {
    if (typeof mod[name] === 'function') mod[name] = blocked(`${moduleName}.${name}`);
  }
  return mod;
}

const net = patch('net', ['connect', 'createConnection', 'createServer']);
net.Socket.prototype.connect = blocked('net.Socket.prototype.connect');
patch('tls', ['connect', 'createServer']);
patch('http', ['request', 'get', 'createServer']);
patch('https', ['request', 'get', 'createServer']);
patch('http2', ['connect', 'createServer', 'createSecureServer']);
patch('dgram', ['createSocket']);
const dns = patch('dns', ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']);
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']) {
  if (dns.promises && typeof dns.promises[name] === 'function') dns.promises[name] = blocked(`dns.promises.${name}`);
}
if (typeof globalThis.fetch === 'function') globalThis.fetch = blocked('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = blocked('WebSocket');
