import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseChromium } from './chromium';

const download = '/home/me/.cache/ms-playwright/chromium-1/chrome';
const only = (...present: string[]) => (path: string) => present.includes(path);

test('CHROMIUM_PATH wins when it exists', () => {
  assert.equal(chooseChromium({ configured: '/opt/chrome', playwrightDownload: download, exists: only('/opt/chrome', '/usr/bin/chromium') }), '/opt/chrome');
});

test('a CHROMIUM_PATH that does not exist is named, not silently replaced', () => {
  assert.throws(() => chooseChromium({ configured: '/opt/chrome', playwrightDownload: download, exists: only('/usr/bin/chromium') }), /CHROMIUM_PATH is \/opt\/chrome, but there is no such file/);
});

test("the distribution's Chromium comes before Playwright's download", () => {
  assert.equal(chooseChromium({ playwrightDownload: download, exists: only('/usr/bin/chromium', download) }), '/usr/bin/chromium');
});

test("Playwright's own download is used when it is the only one", () => {
  assert.equal(chooseChromium({ playwrightDownload: download, exists: only(download) }), undefined);
});

test('with no Chromium at all, the message names the commands that get one', () => {
  assert.throws(() => chooseChromium({ playwrightDownload: download, exists: only() }), (error: Error) => {
    assert.match(error.message, /npx playwright install --with-deps chromium/);
    assert.match(error.message, /apt-get install chromium/);
    return true;
  });
});
