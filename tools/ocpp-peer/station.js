'use strict';
// A station played by ocpp-rpc in strict mode (2.1 with the bundled schemas, see validators.js), for
// tests of a Kilowire CSMS (the emulator's sandbox): it makes the CALLs it is given, answers the
// CSMS's CALLs with fixed replies, and stays connected until it has been sent --until (an action).
// Usage: node station.js --endpoint ws://127.0.0.1:PORT --identity CP1 --protocol ocpp2.1
//                        --calls '[{"call":..,"params":..},..]' --replies '{"Action":{..},..}'
//                        [--until Action] [--until-count 1] [--timeout-ms 30000]
// Prints one JSON line per step: {"event":"result"|"error",...} for its own CALLs, {"event":"call",
// "action":..,"params":..} for each CSMS CALL, {"event":"strictValidationFailure",...} for any frame
// the schemas refuse (either way), {"event":"primitiveViolation",...} for a Part 2 rule a received
// frame breaks (primitives.js), and {"event":"done"} last.
const { RPCClient, createRPCError } = require('ocpp-rpc');
const { PrimitiveChecker, reportViolations } = require('./primitives');
const { strictModeValidators } = require('./validators');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const print = (o) => process.stdout.write(JSON.stringify(o) + '\n');

async function main() {
  const protocol = arg('protocol', 'ocpp2.1');
  const calls = JSON.parse(arg('calls', '[]'));
  const replies = JSON.parse(arg('replies', '{}'));
  const until = arg('until', null);
  // How many of --until to wait for (a CSMS may send the same action again later).
  let untilLeft = Number(arg('until-count', '1'));
  const timeoutMs = Number(arg('timeout-ms', '30000'));
  const client = new RPCClient({
    endpoint: arg('endpoint'),
    identity: arg('identity', 'CP1'),
    protocols: [protocol],
    strictMode: true,
    strictModeValidators: strictModeValidators(),
    reconnect: false,
  });
  const primitives = new PrimitiveChecker(protocol);
  client.on('message', ({ message, outbound }) => {
    if (outbound) {
      primitives.sent(String(message));
    } else {
      reportViolations(primitives, String(message), print);
    }
  });
  client.on('strictValidationFailure', ({ error, outbound, isCall }) =>
    print({ event: 'strictValidationFailure', outbound, isCall, error: String(error && error.message) }));
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  client.handle(({ method, params }) => {
    print({ event: 'call', action: method, params });
    if (method === until && --untilLeft <= 0) setImmediate(finish);
    if (!(method in replies)) {
      throw createRPCError('NotImplemented', `${method} is not handled by the test station`);
    }
    return replies[method];
  });
  await client.connect();
  print({ event: 'connected', protocol: client.protocol });
  for (const step of calls) {
    try {
      print({ event: 'result', call: step.call, result: await client.call(step.call, step.params) });
    } catch (error) {
      print({ event: 'error', call: step.call, error: String(error && error.message), code: error && error.rpcErrorCode });
    }
  }
  if (until) {
    let timer;
    await Promise.race([finished, new Promise((resolve) => { timer = setTimeout(resolve, timeoutMs); })]);
    clearTimeout(timer);
  }
  await client.close();
  print({ event: 'done' });
}

main().catch((e) => { print({ event: 'fatal', error: String(e && e.stack) }); process.exit(1); });
