'use strict';
// A small CSMS on ocpp-rpc in strict mode with an HTTP trigger endpoint: the third party the
// conformance suite is run against in ConformanceAgainstOcppRpcIT.
// Usage: node conformance-csms.js --protocol ocpp1.6|ocpp2.0.1|ocpp2.1 --tokens '{"TOKEN":{"status":"Accepted","group":"G"}}'
// Prints {"event":"ready","port":N,"triggerPort":M} once both listen on 127.0.0.1, then one line
// per connection, call and trigger. POST /trigger takes the suite's trigger JSON (docs/CONFORMANCE.md):
// kind "send" makes this CSMS send the action to the station, kind "answer" sets how it answers
// the station's next BootNotification.
// It prices energy at 0.30 a kWh: the running cost goes to the station in a CostUpdatedRequest
// after each periodic meter value (2.0.1 I02.FR.01), the total in the answer to the end (I03.FR.02).
// Deliberately small: it does not split a GetVariablesRequest or a ClearVariableMonitoringRequest by
// the station's ItemsPerMessage,
// does not offer an ISO 15118 EV a profile of its own accord and checks no contract certificate
// (no OCSP, no certificateStatus); the IT expects exactly those cases to fail.
const http = require('http');
const { RPCServer, createRPCError } = require('ocpp-rpc');
const { strictModeValidators } = require('./validators');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const protocol = arg('protocol', 'ocpp2.0.1');
const tokens = JSON.parse(arg('tokens', '{}'));
const print = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const now = () => new Date().toISOString();
const v16 = protocol === 'ocpp1.6';

const clients = new Map(); // station id -> RPC client
const bootAnswer = new Map(); // station id -> Pending | Rejected for its next boot
const nextLimit = new Map(); // station id -> the transactionLimit of its next TransactionEvent answer (2.1)
const notAccepted = new Set(); // stations whose last boot was not accepted
let transactionIds = 0;
let ids = 500;

function token(idToken) {
  const t = tokens[idToken];
  return t ? t : { status: v16 ? 'Invalid' : 'Unknown' };
}

function tokenInfo16(idTag) {
  const t = token(idTag);
  const info = { status: t.status === 'Unknown' ? 'Invalid' : t.status };
  if (t.group) info.parentIdTag = t.group;
  return info;
}

function tokenInfo201(idToken) {
  const t = token(idToken.idToken);
  const info = { status: t.status };
  if (t.group) info.groupIdToken = { idToken: t.group, type: 'Central' };
  return info;
}

const firstWh = new Map(); // transaction id -> the first energy register seen, Wh
const lastWh = new Map();

// The event's energy register in Wh (a sample without measurand is one), or undefined.
function energyWh(p) {
  let found;
  for (const mv of p.meterValue || []) {
    for (const v of mv.sampledValue) {
      const energy = !v.measurand || v.measurand === 'Energy.Active.Import.Register';
      if (energy && !v.phase) {
        found = v.unitOfMeasure && v.unitOfMeasure.unit === 'kWh' ? v.value * 1000 : v.value;
      }
    }
  }
  return found;
}

// What the transaction's energy so far costs, at 0.30 a kWh.
function cost(id) {
  if (!firstWh.has(id)) return 0;
  return Math.round(Math.max(0, lastWh.get(id) - firstWh.get(id)) * 0.3 / 10) / 100;
}

function transactionEvent(p) {
  const id = p.transactionInfo.transactionId;
  const wh = energyWh(p);
  if (wh !== undefined) {
    if (!firstWh.has(id)) firstWh.set(id, wh);
    lastWh.set(id, wh);
  }
  const answer = p.idToken ? { idTokenInfo: tokenInfo201(p.idToken) } : {};
  if (p.eventType === 'Ended') {
    answer.totalCost = cost(id);
    firstWh.delete(id);
    lastWh.delete(id);
  }
  return answer;
}

// A live periodic meter value of a running transaction: tell its cost so far (an offline one is old news).
const runningCostDue = (method, p) =>
  !v16 && method === 'TransactionEvent' && p.eventType === 'Updated'
  && p.triggerReason === 'MeterValuePeriodic' && !p.offline;

const empty = () => ({});
const replies16 = {
  BootNotification: null,
  Heartbeat: () => ({ currentTime: now() }),
  StatusNotification: empty,
  Authorize: (p) => ({ idTagInfo: tokenInfo16(p.idTag) }),
  StartTransaction: (p) => ({ transactionId: ++transactionIds, idTagInfo: tokenInfo16(p.idTag) }),
  StopTransaction: (p) => (p.idTag ? { idTagInfo: tokenInfo16(p.idTag) } : {}),
  MeterValues: empty,
  DataTransfer: () => ({ status: 'UnknownVendorId' }),
  DiagnosticsStatusNotification: empty,
  FirmwareStatusNotification: empty,
  SecurityEventNotification: empty,
  SignCertificate: () => ({ status: 'Accepted' }),
  LogStatusNotification: empty,
  SignedFirmwareStatusNotification: empty,
};
const replies201 = {
  BootNotification: null,
  Heartbeat: () => ({ currentTime: now() }),
  StatusNotification: empty,
  NotifyEvent: empty,
  NotifyDisplayMessages: empty,
  // The monitoring and customer reports it asked for (N02, N09/N10): taken page by page.
  NotifyMonitoringReport: empty,
  NotifyCustomerInformation: empty,
  Authorize: (p) => ({ idTokenInfo: tokenInfo201(p.idToken) }),
  TransactionEvent: transactionEvent,
  MeterValues: empty,
  NotifyReport: empty,
  ReportChargingProfiles: empty,
  LogStatusNotification: empty,
  FirmwareStatusNotification: empty,
  PublishFirmwareStatusNotification: empty,
  ReservationStatusUpdate: empty,
  SecurityEventNotification: empty,
  NotifyChargingLimit: empty,
  ClearedChargingLimit: empty,
  NotifyEVChargingNeeds: () => ({ status: 'Accepted' }),
  NotifyEVChargingSchedule: () => ({ status: 'Accepted' }),
  SignCertificate: () => ({ status: 'Accepted' }),
  DataTransfer: () => ({ status: 'UnknownVendorId' }),
};
// What only a 2.1 station sends: its DER alarms and DER control reports are taken; a pulled
// Dynamic profile update gets the values of the profile this CSMS last set or updated.
const dynamicSchedules = new Map(); // Dynamic profile id -> its values as last set or updated
const replies21 = Object.assign({}, replies201, {
  NotifyDERAlarm: empty,
  ReportDERControl: empty,
  PullDynamicScheduleUpdate: (p) => (dynamicSchedules.has(p.chargingProfileId)
    ? { status: 'Accepted', scheduleUpdate: dynamicSchedules.get(p.chargingProfileId) }
    : { status: 'Rejected' }),
});

// Notes the values of each Dynamic profile it sends a 2.1 station, as it sends them (the station's
// pull may come right after its answer).
function learn(action, payload) {
  if (protocol !== 'ocpp2.1') return;
  if (action === 'SetChargingProfile' && payload.chargingProfile.chargingProfileKind === 'Dynamic') {
    const period = payload.chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0];
    const values = {};
    for (const field of ['limit', 'dischargeLimit', 'setpoint', 'setpointReactive']) {
      for (const name of [field, `${field}_L2`, `${field}_L3`]) {
        if (period[name] !== undefined) values[name] = period[name];
      }
    }
    dynamicSchedules.set(payload.chargingProfile.id, values);
  }
  if (action === 'UpdateDynamicSchedule') dynamicSchedules.set(payload.chargingProfileId, payload.scheduleUpdate);
}
const replies = v16 ? replies16 : protocol === 'ocpp2.1' ? replies21 : replies201;

// On 2.1 it answers as on 2.0.1: the messages it handles are ones 2.1 kept.
const server = new RPCServer({
  protocols: [protocol],
  strictMode: true,
  strictModeValidators: strictModeValidators(),
  respondWithDetailedErrors: true,
});
server.auth((accept) => accept());
server.on('client', (client) => {
  const id = client.identity;
  clients.set(id, client);
  print({ event: 'connected', identity: id });
  client.on('close', () => {
    if (clients.get(id) === client) clients.delete(id);
  });
  client.on('strictValidationFailure', ({ error, outbound }) =>
    print({ event: 'strictValidationFailure', outbound, error: String(error && error.message) }));
  client.handle(({ method, params }) => {
    print({ event: 'call', identity: id, action: method });
    if (method === 'BootNotification') {
      const status = bootAnswer.get(id) || 'Accepted';
      bootAnswer.delete(id);
      if (status === 'Accepted') notAccepted.delete(id);
      else notAccepted.add(id);
      return { status, currentTime: now(), interval: status === 'Accepted' ? 300 : 1 };
    }
    if (notAccepted.has(id)) {
      throw createRPCError('SecurityError', 'the boot of this station was not accepted');
    }
    const reply = replies[method];
    if (!reply) throw createRPCError('NotImplemented', `${method} is not handled`);
    const answer = reply(params);
    if (method === 'TransactionEvent' && nextLimit.has(id)) {
      answer.transactionLimit = nextLimit.get(id);
      nextLimit.delete(id);
    }
    if (runningCostDue(method, params)) {
      const transactionId = params.transactionInfo.transactionId;
      // after the answer has gone
      setImmediate(() => client.call('CostUpdated', { totalCost: cost(transactionId), transactionId }).then(
        (result) => print({ event: 'csmsCallResult', action: 'CostUpdated', result }),
        (error) => print({ event: 'csmsCallError', action: 'CostUpdated', error: String(error && error.message) }),
      ));
    }
    return answer;
  });
});

// The CSMS chooses these fields itself when a driver leaves them out.
function complete(action, payload) {
  const p = Object.assign({}, payload);
  if (action === 'RequestStartTransaction' && p.remoteStartId === undefined) p.remoteStartId = ++ids;
  const withRequestId = [
    'GetBaseReport', 'GetReport', 'GetChargingProfiles', 'GetLog', 'SignedUpdateFirmware', 'GetDisplayMessages',
    'GetMonitoringReport', 'CustomerInformation', 'GetDERControl',
  ];
  if (withRequestId.includes(action) && p.requestId === undefined) p.requestId = ++ids;
  // 2.0.1 UpdateFirmware (a firmware object) and PublishFirmware carry a requestId; 1.6's does not.
  if ((action === 'UpdateFirmware' && p.firmware) || action === 'PublishFirmware') {
    if (p.requestId === undefined) p.requestId = ++ids;
  }
  if (action === 'ReserveNow') {
    // The CSMS numbers its reservations and lets them hold an hour.
    const v16Shape = p.connectorId !== undefined;
    const idField = v16Shape ? 'reservationId' : 'id';
    const expiryField = v16Shape ? 'expiryDate' : 'expiryDateTime';
    if (p[idField] === undefined) p[idField] = ++ids;
    if (p[expiryField] === undefined) p[expiryField] = new Date(Date.now() + 3600000).toISOString().replace(/\.\d+Z$/, 'Z');
  }
  return p;
}

const triggers = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    let trigger;
    try {
      trigger = JSON.parse(body);
    } catch (e) {
      res.writeHead(400).end('not JSON');
      return;
    }
    print({ event: 'trigger', trigger });
    if (trigger.kind === 'answer' && trigger.action === 'TransactionEvent') {
      nextLimit.set(trigger.stationId, trigger.payload.transactionLimit);
      res.writeHead(204).end();
      return;
    }
    if (trigger.kind === 'answer') {
      bootAnswer.set(trigger.stationId, trigger.payload.status);
      res.writeHead(204).end();
      return;
    }
    const client = clients.get(trigger.stationId);
    if (!client) {
      res.writeHead(409).end(`${trigger.stationId} is not connected`);
      return;
    }
    const payload = complete(trigger.action, trigger.payload);
    learn(trigger.action, payload);
    client.call(trigger.action, payload).then(
      (result) => print({ event: 'csmsCallResult', action: trigger.action, result }),
      (error) => print({ event: 'csmsCallError', action: trigger.action, error: String(error && error.message) }),
    );
    res.writeHead(202).end();
  });
});

server.listen(0, '127.0.0.1').then((ws) => {
  triggers.listen(0, '127.0.0.1', () => {
    print({ event: 'ready', port: ws.address().port, triggerPort: triggers.address().port });
  });
});
process.on('SIGTERM', () => {
  triggers.close();
  server.close({ force: true }).then(() => process.exit(0));
});
