// Preloaded (`--require`) into the Node processes of an editor-tier session when LESSON_AWARE_NET_LOG names a
// file: records every outbound network attempt — TCP/Unix-socket connects (http, https, tls and fetch's undici
// all end in net.Socket#connect), DNS lookups and UDP sends — one JSON line each, plus one `start` line per
// process so the evidence shows the probe was really loaded there. It never blocks or changes a connection.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const dgram = require('node:dgram');

const file = process.env.LESSON_AWARE_NET_LOG;
if (file && !globalThis.__lessonAwareNetProbe) {
  globalThis.__lessonAwareNetProbe = true;
  const who = { pid: process.pid, ppid: process.ppid, argv: process.argv.slice(1).join(' ').slice(0, 300) };
  const record = (kind, target) => {
    try {
      fs.appendFileSync(file, `${JSON.stringify({ ...who, kind, target, at: Date.now() })}\n`);
    } catch {
      /* evidence is best effort; never break the process */
    }
  };

  /** `connect` arguments in any of Node's shapes → { host, port } or { path }. */
  const target = (args) => {
    let a = args;
    if (Array.isArray(a[0])) a = a[0]; // net's internal normalized form
    const first = a[0];
    if (first && typeof first === 'object') return first.path !== undefined ? { path: String(first.path) } : { host: first.host ?? 'localhost', port: first.port };
    if (typeof first === 'number' || /^\d+$/.test(String(first))) return { host: typeof a[1] === 'string' ? a[1] : 'localhost', port: Number(first) };
    return { path: String(first) };
  };

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    record('connect', target(args));
    return connect.apply(this, args);
  };
  const lookup = dns.lookup;
  dns.lookup = function (hostname, ...rest) {
    record('dns', { host: String(hostname) });
    return lookup.call(this, hostname, ...rest);
  };
  if (dns.promises?.lookup) {
    const lookupPromise = dns.promises.lookup;
    dns.promises.lookup = function (hostname, ...rest) {
      record('dns', { host: String(hostname) });
      return lookupPromise.call(this, hostname, ...rest);
    };
  }
  for (const method of ['send', 'connect']) {
    const original = dgram.Socket.prototype[method];
    dgram.Socket.prototype[method] = function (...args) {
      record(`udp-${method}`, { args: args.filter((x) => typeof x === 'string' || typeof x === 'number').join(' ') });
      return original.apply(this, args);
    };
  }
  record('start', null);
}
