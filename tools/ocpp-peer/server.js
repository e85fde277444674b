'use strict';
// A CSMS played by ocpp-rpc in strict mode, for Kilowire's interop tests.
// Usage: node server.js --protocol ocpp1.6|ocpp2.0.1|ocpp2.1 [--port 0] [--csms-call '{"action":..,"params":..}']
//        [--reply '{"Authorize":{..}}'] (fixed answers to the station's CALLs of those actions)
// --csms-call may also be a JSON array of such calls: they are made one after another.
// Each line on stdin, {"action":..,"params":..}, is a CALL made at once to the last station connected
// (for calls that depend on what the station sent, e.g. RequestStopTransaction's transactionId).
// The line {"offline":true} closes the last station's connection and refuses new ones (the CSMS is
// gone) until the line {"offline":false}.
// Prints one JSON object per line on stdout: {"event":"ready","port":N} first, then every frame
// and outcome, so the Java test can assert on both sides of the conversation; a received frame that
// breaks a primitive-datatype rule the schemas miss adds {"event":"primitiveViolation"} lines
// (see primitives.js).
// TLS (off by default: ws): --tls-cert PEM --tls-key PEM serve wss (security profile 2); adding
// --tls-client-ca PEM requires a client certificate signed by that CA (profile 3). Each may also come
// from the environment (OCPP_PEER_TLS_CERT, OCPP_PEER_TLS_KEY, OCPP_PEER_TLS_CLIENT_CA). A refused
// TLS handshake prints {"event":"tlsClientError"}; the auth event then carries the client
// certificate's subject and issuer CN (clientCertificate, clientCertificateIssuer) when there is one.
const { RPCServer, createRPCError } = require('ocpp-rpc');
const { PrimitiveChecker, reportViolations } = require('./primitives');
const { strictModeValidators } = require('./validators');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function fileArg(name, env) {
  const path = arg(name, process.env[env] || null);
  return path ? require('fs').readFileSync(path) : null;
}

const protocol = arg('protocol', 'ocpp1.6');
const tlsCert = fileArg('tls-cert', 'OCPP_PEER_TLS_CERT');
const tlsKey = fileArg('tls-key', 'OCPP_PEER_TLS_KEY');
const tlsClientCa = fileArg('tls-client-ca', 'OCPP_PEER_TLS_CLIENT_CA');
if (!tlsCert !== !tlsKey || (tlsClientCa && !tlsCert)) {
  process.stderr.write('TLS needs both --tls-cert and --tls-key (and --tls-client-ca needs them)\n');
  process.exit(2);
}
const port = Number(arg('port', '0'));
const csmsCall = arg('csms-call', null);
const print = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const now = () => new Date().toISOString();

const replies16 = {
  BootNotification: () => ({ status: 'Accepted', currentTime: now(), interval: 300 }),
  Heartbeat: () => ({ currentTime: now() }),
  StatusNotification: () => ({}),
  Authorize: () => ({ idTagInfo: { status: 'Accepted' } }),
  StartTransaction: () => ({ transactionId: 1, idTagInfo: { status: 'Accepted' } }),
  StopTransaction: () => ({}),
  MeterValues: () => ({}),
  DataTransfer: () => ({ status: 'UnknownVendorId' }),
  SignCertificate: () => ({ status: 'Accepted' }),
  FirmwareStatusNotification: () => ({}),
  DiagnosticsStatusNotification: () => ({}),
  SignedFirmwareStatusNotification: () => ({}),
  LogStatusNotification: () => ({}),
  SecurityEventNotification: () => ({}),
};
const replies201 = {
  BootNotification: () => ({ status: 'Accepted', currentTime: now(), interval: 300 }),
  Heartbeat: () => ({ currentTime: now() }),
  StatusNotification: () => ({}),
  Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
  TransactionEvent: () => ({}),
  MeterValues: () => ({}),
  NotifyEvent: () => ({}),
  NotifyReport: () => ({}),
  NotifyMonitoringReport: () => ({}),
  NotifyDisplayMessages: () => ({}),
  NotifyEVChargingNeeds: () => ({ status: 'Accepted' }),
  NotifyChargingLimit: () => ({}),
  ClearedChargingLimit: () => ({}),
  DataTransfer: () => ({ status: 'UnknownVendorId' }),
  SignCertificate: () => ({ status: 'Accepted' }),
  ReservationStatusUpdate: () => ({}),
  FirmwareStatusNotification: () => ({}),
  PublishFirmwareStatusNotification: () => ({}),
  LogStatusNotification: () => ({}),
  SecurityEventNotification: () => ({}),
};
// 2.1 keeps these 2.0.1 answers valid as they are.
const replies = protocol === 'ocpp1.6' ? replies16 : replies201;
for (const [action, answer] of Object.entries(JSON.parse(arg('reply', '{}')))) {
  replies[action] = () => answer;
}
let current = null; // the last station connected, for the CALLs read from stdin

async function csmsCallTo(client, action, p) {
  try {
    const result = await client.call(action, p);
    print({ event: 'csmsCallResult', action, result });
  } catch (error) {
    print({ event: 'csmsCallError', action, error: String(error && error.message), code: error && error.rpcErrorCode });
  }
}

// The CSMS-initiated calls go once per station, after its first boot: a station that reboots (a
// reset, new firmware) and boots again on a new connection does not get them again.
const called = new Set();

const server = new RPCServer({
  protocols: [protocol],
  strictMode: true,
  strictModeValidators: strictModeValidators(),
  respondWithDetailedErrors: true,
});
let offline = false;
server.auth((accept, reject, handshake) => {
  // The Basic auth password the station sent (security profiles 1 and 2), for tests to check.
  const password = handshake.password ? handshake.password.toString('utf8') : null;
  const socket = handshake.request.socket;
  const peer = socket.getPeerCertificate ? socket.getPeerCertificate() : null;
  const clientCertificate = peer && peer.subject ? peer.subject.CN : null;
  const clientCertificateIssuer = peer && peer.issuer ? peer.issuer.CN : null;
  // The URL path before the identity tells apart the profiles that point at this one peer.
  print({ event: 'auth', identity: handshake.identity, endpoint: handshake.endpoint, password, clientCertificate, clientCertificateIssuer });
  return offline ? reject(503, 'CSMS offline') : accept();
});
server.on('client', (client) => {
  print({ event: 'connected', identity: client.identity, protocol: client.protocol });
  current = client;
  const primitives = new PrimitiveChecker(client.protocol);
  // A CALL that breaks a primitive rule is refused with FormatViolation, as a strict CSMS
  // (CitrineOS) does: the station must then get nothing done with it, not just a report line.
  const refused = new Set();
  client.on('message', ({ message, outbound }) => {
    const text = String(message);
    print({ event: 'frame', dir: outbound ? 'tx' : 'rx', frame: text });
    if (outbound) {
      primitives.sent(text);
    } else if (reportViolations(primitives, text, print) > 0) {
      try {
        const frame = JSON.parse(text);
        if (Array.isArray(frame) && frame[0] === 2) refused.add(String(frame[1]));
      } catch (ignored) {
        // not JSON: ocpp-rpc answers it itself
      }
    }
  });
  client.on('badMessage', ({ buffer, error }) => print({ event: 'badMessage', frame: buffer.toString(), error: String(error && error.message) }));
  client.on('strictValidationFailure', ({ error, outbound, isCall }) => print({ event: 'strictValidationFailure', identity: client.identity, outbound, isCall, error: String(error && error.message) }));
  client.on('close', ({ code, reason }) => print({ event: 'closed', code, reason: String(reason) }));
  client.handle(({ messageId, method, params }) => {
    print({ event: 'call', identity: client.identity, action: method, params });
    if (refused.delete(String(messageId))) {
      throw createRPCError('FormatViolation', `${method} breaks a primitive datatype rule of OCPP 2.0.1 Part 2`);
    }
    const reply = replies[method];
    if (!reply) {
      throw createRPCError('NotImplemented', `${method} is not handled by the test CSMS`);
    }
    if (method === 'BootNotification' && !called.has(client.identity) && csmsCall) {
      called.add(client.identity);
      setTimeout(async () => {
        const parsed = JSON.parse(csmsCall);
        for (const { action, params: p } of Array.isArray(parsed) ? parsed : [parsed]) {
          await csmsCallTo(client, action, p);
        }
      }, 50);
    }
    return reply(params);
  });
});

require('readline')
  .createInterface({ input: process.stdin })
  .on('line', (line) => {
    const parsed = JSON.parse(line);
    if (typeof parsed.offline === 'boolean') {
      offline = parsed.offline;
      print({ event: offline ? 'offline' : 'online' });
      if (offline && current) current.close({ code: 1001, reason: 'CSMS offline' });
      return;
    }
    const { action, params: p } = parsed;
    if (!current) {
      print({ event: 'csmsCallError', action, error: 'no station connected' });
      return;
    }
    csmsCallTo(current, action, p);
  });

// ocpp-rpc listens on plain HTTP only; for wss its upgrade handler serves an HTTPS server instead.
function listenTls() {
  const https = require('https').createServer({
    cert: tlsCert,
    key: tlsKey,
    ca: tlsClientCa || undefined,
    requestCert: Boolean(tlsClientCa),
    rejectUnauthorized: Boolean(tlsClientCa),
    minVersion: 'TLSv1.2',
  });
  https.on('upgrade', server.handleUpgrade);
  https.on('tlsClientError', (error) => print({ event: 'tlsClientError', error: String(error && error.message) }));
  server.once('closing', () => https.close());
  return new Promise((resolve, reject) => {
    https.once('error', reject);
    https.listen(port, '127.0.0.1', () => resolve(https));
  });
}

(tlsCert ? listenTls() : server.listen(port, '127.0.0.1')).then((http) => {
  print({ event: 'ready', port: http.address().port, protocol, tls: Boolean(tlsCert), clientCertificates: Boolean(tlsClientCa) });
});
process.on('SIGTERM', () => server.close({ force: true }).then(() => process.exit(0)));
