import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { browserScripts } from './browser-scripts';

test('the stand-in browser code bundles into self-contained scripts that install the IFrame API', async () => {
  const { externalApi, meetingPage } = await browserScripts();
  for (const script of [externalApi, meetingPage]) {
    assert.doesNotMatch(script, /^\s*(import|export)\s/m, 'no module syntax left for the browser');
    assert.match(script, /gatehouse-jitsi-standin/, 'the protocol name is inlined');
    assert.doesNotThrow(() => new vm.Script(script), 'valid JavaScript');
  }
  // Run the API script against a minimal window: it must define the constructor @jitsi/react-sdk calls.
  const window: Record<string, unknown> = { location: { origin: 'https://portal.example', host: 'portal.example' } };
  vm.runInNewContext(externalApi, { window, URL });
  const api = window.JitsiMeetExternalAPI as { isGatehouseStandin?: boolean } | undefined;
  assert.equal(typeof api, 'function');
  assert.equal(api?.isGatehouseStandin, true);
  assert.equal(await browserScripts(), await browserScripts(), 'built once per process');
});
