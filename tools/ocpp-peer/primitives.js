'use strict';
// The primitive-datatype rules of OCPP 2.0.1 Part 2 that the OCA JSON schemas do not encode, so
// ocpp-rpc's strict mode lets them pass while a strict CSMS (CitrineOS) refuses the frame:
//   dateTime  RFC 3339 with at most 3 fractional-second digits
//   decimal   at most 6 decimal places, as written
//   IdToken   type ISO14443: a 4- or 7-byte UID as 8 or 14 hex characters;
//             type ISO15693: an 8-byte UID as 16 hex characters (2.0.1 and later)
// Kilowire writes 1.6 by the same dateTime and decimal rules (1.6 CSMSs parse with fixed patterns
// too), so those two are checked in every version.
// Each peer checks every frame it receives and prints each broken rule as
// {"event":"primitiveViolation",...}; the Java interop tests fail on any such line.

const SCHEMAS = {
  'ocpp1.6': require('ocpp-rpc/lib/schemas/ocpp1_6.json'),
  'ocpp2.0.1': require('ocpp-rpc/lib/schemas/ocpp2_0_1.json'),
  'ocpp2.1': require('ocpp-rpc/lib/schemas/ocpp2_1.json'),
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.(\d+))?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const UID_HEX = { ISO14443: /^(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{14})$/, ISO15693: /^[0-9A-Fa-f]{16}$/ };

class PrimitiveChecker {
  constructor(protocol) {
    this.protocol = protocol;
    const list = SCHEMAS[protocol] || [];
    this.schemas = new Map(list.map((s) => [s.$id, s]));
    this.pendingActions = new Map(); // our CALL ids -> action, to find the schema of the reply
  }

  /** Remembers the action of a CALL this peer sends, so its CALLRESULT can be walked. */
  sent(text) {
    const frame = parse(text);
    if (Array.isArray(frame) && frame[0] === 2 && typeof frame[1] === 'string') {
      this.pendingActions.set(frame[1], frame[2]);
    }
  }

  /** Every primitive rule {@code text}, a frame received, breaks: [{rule, path, value, detail}]. */
  check(text) {
    const violations = decimalsIn(text);
    const frame = parse(text);
    if (!Array.isArray(frame)) {
      return violations;
    }
    let payload;
    let schema;
    if (frame[0] === 2 && frame.length === 4) {
      payload = frame[3];
      schema = this.schema(frame[2], 'req');
    } else if (frame[0] === 3 && frame.length === 3) {
      payload = frame[2];
      schema = this.schema(this.pendingActions.get(frame[1]), 'conf');
      this.pendingActions.delete(frame[1]);
    } else {
      if (frame[0] === 4) this.pendingActions.delete(frame[1]);
      return violations;
    }
    this.walk(payload, schema, schema, '', violations);
    return violations;
  }

  schema(action, kind) {
    if (typeof action !== 'string') return undefined;
    // ocpp-rpc names 1.6 and 2.0.1 schemas urn:X.req / urn:X.conf, 2.1 ones urn:XRequest / urn:XResponse.
    return (
      this.schemas.get(`urn:${action}.${kind}`) ||
      this.schemas.get(`urn:${action}${kind === 'req' ? 'Request' : 'Response'}`)
    );
  }

  walk(value, schema, root, path, out) {
    const s = resolve(schema, root);
    if (typeof value === 'string') {
      if (s && s.format === 'date-time') checkDateTime(value, path, out);
      return;
    }
    if (Array.isArray(value)) {
      const items = s && resolve(s.items, root);
      value.forEach((v, i) => this.walk(v, items, root, `${path}[${i}]`, out));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (this.protocol !== 'ocpp1.6') checkIdToken(value, path, out);
    for (const [key, v] of Object.entries(value)) {
      const child = s && s.properties ? s.properties[key] : undefined;
      this.walk(v, child, root, path ? `${path}.${key}` : key, out);
    }
  }
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return undefined;
  }
}

function resolve(schema, root) {
  let s = schema;
  for (let hops = 0; s && s.$ref && hops < 16; hops++) {
    const name = s.$ref.replace('#/definitions/', '');
    s = root && root.definitions ? root.definitions[name] : undefined;
  }
  return s;
}

function checkDateTime(value, path, out) {
  const m = RFC3339.exec(value);
  if (!m) {
    out.push({ rule: 'dateTime', path, value, detail: 'not an RFC 3339 date-time' });
  } else if (m[1] && m[1].length > 3) {
    out.push({ rule: 'dateTime', path, value, detail: `${m[1].length} fractional-second digits; at most 3` });
  }
}

function checkIdToken(object, path, out) {
  if (typeof object.idToken !== 'string' || typeof object.type !== 'string') return;
  const format = UID_HEX[object.type];
  if (format && !format.test(object.idToken)) {
    out.push({
      rule: 'idToken',
      path: path ? `${path}.idToken` : 'idToken',
      value: object.idToken,
      detail: `an ${object.type} idToken is ${object.type === 'ISO14443' ? '8 or 14' : '16'} hex characters`,
    });
  }
}

/** Numbers written with more than 6 decimal places, anywhere in the frame (strings skipped). */
function decimalsIn(text) {
  const out = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) continue;
      const fraction = m[1] ? m[1].length - 1 : 0;
      const exponent = m[2] ? parseInt(m[2].slice(1), 10) : 0;
      const places = Math.max(0, fraction - exponent);
      if (places > 6) {
        out.push({ rule: 'decimal', path: `@${i}`, value: m[0], detail: `${places} decimal places; at most 6` });
      }
      i += m[0].length - 1;
    }
  }
  return out;
}

/** Prints one {"event":"primitiveViolation"} line per rule a received frame breaks; returns how many. */
function reportViolations(checker, text, print) {
  const violations = checker.check(text);
  for (const v of violations) {
    print({ event: 'primitiveViolation', protocol: checker.protocol, ...v, frame: text });
  }
  return violations.length;
}

module.exports = { PrimitiveChecker, reportViolations };
