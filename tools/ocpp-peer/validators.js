'use strict';
// Strict-mode validators the peers add to ocpp-rpc's own.
// ocpp-rpc 2.2.1 looks a message's schema up as urn:<Action>.req / urn:<Action>.conf, but the 2.1
// schemas it bundles are named urn:<Action>Request / urn:<Action>Response, so its own 2.1 strict
// mode refuses every message with "Schema 'urn:BootNotification.req' is missing". This validator
// holds the same bundled 2.1 schemas, unchanged but for their $id, under the names ocpp-rpc asks
// for; registered after the standard ones, it replaces the 2.1 validator.
const { createValidator } = require('ocpp-rpc');

function ocpp21() {
  const schemas = require('ocpp-rpc/lib/schemas/ocpp2_1.json').map((schema) => {
    const id = schema.$id.replace(/Request$/, '.req').replace(/Response$/, '.conf');
    return Object.assign({}, schema, { $id: id });
  });
  return createValidator('ocpp2.1', schemas);
}

module.exports = { strictModeValidators: () => [ocpp21()] };
