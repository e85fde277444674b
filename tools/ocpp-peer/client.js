'use strict';
// A station played by ocpp-rpc, for Kilowire's interop tests against a Kilowire RPC endpoint.
// Usage: node client.js --endpoint ws://127.0.0.1:PORT --identity CP1 --protocol ocpp1.6
//                       --frames FILE [--wait-ms 2000]
// FILE is a JSON array; each element is either a string (a raw frame, sent as is, however broken)
// or {"call": Action, "params": {...}} (a strict-mode call that ocpp-rpc validates both ways).
// Prints one JSON line per step: {"step":i,"sent":..,"reply":..} ({"reply":null} if none came),
// and {"event":"primitiveViolation",...} for each primitive-datatype rule a received frame breaks
// (see primitives.js).
const fs = require('fs');
const { RPCClient } = require('ocpp-rpc');
const { PrimitiveChecker, reportViolations } = require('./primitives');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const print = (o) => process.stdout.write(JSON.stringify(o) + '\n');

async function main() {
  const steps = JSON.parse(fs.readFileSync(arg('frames'), 'utf8'));
  const waitMs = Number(arg('wait-ms', '2000'));
  const client = new RPCClient({
    endpoint: arg('endpoint'),
    identity: arg('identity', 'CP1'),
    protocols: [arg('protocol', 'ocpp1.6')],
    strictMode: true,
    reconnect: false,
    maxBadMessages: Infinity,
    callTimeoutMs: waitMs,
  });
  const inbound = [];
  let notify = null;
  const primitives = new PrimitiveChecker(arg('protocol', 'ocpp1.6'));
  client.on('message', ({ message, outbound }) => {
    if (outbound) {
      primitives.sent(String(message));
    } else {
      reportViolations(primitives, String(message), print);
      inbound.push(message);
      if (notify) notify();
    }
  });
  await client.connect();
  print({ event: 'connected', protocol: client.protocol });
  const nextInbound = () =>
    new Promise((resolve) => {
      if (inbound.length) return resolve(inbound.shift());
      const timer = setTimeout(() => { notify = null; resolve(null); }, waitMs);
      notify = () => { clearTimeout(timer); notify = null; resolve(inbound.shift()); };
    });
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (typeof step === 'string') {
      client.sendRaw(step);
      print({ step: i, sent: step, reply: await nextInbound() });
    } else {
      try {
        const result = await client.call(step.call, step.params);
        inbound.length = 0;
        print({ step: i, call: step.call, result });
      } catch (error) {
        inbound.length = 0;
        print({ step: i, call: step.call, error: String(error && error.message), code: error && error.rpcErrorCode });
      }
    }
  }
  await client.close();
  print({ event: 'done' });
}

main().catch((e) => { print({ event: 'fatal', error: String(e && e.stack) }); process.exit(1); });
