/** The stand-in's HTML pages. Their script is bundled from ./meeting-page.ts, their style is ./page.css. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MeetingPageContext } from './meeting-page';

const PAGE_STYLE = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'page.css'), 'utf8');

/** JSON for a <script type="application/json"> block. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The meeting page for one room; its script reads `context` from the standin-context block. */
export function meetingPage(context: MeetingPageContext, title: string, nonce: string, footer: string, script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${htmlEscape(title)} · Jitsi stand-in</title>
<style nonce="${nonce}">${PAGE_STYLE}</style>
</head>
<body>
<div class="banner" role="note" data-testid="standin-banner">Gatehouse Jitsi stand-in — not a real video bridge</div>
<main>
  <h1>${htmlEscape(title)}</h1>
  <p class="where">${htmlEscape(context.where)}</p>
  <section id="verdict-area" aria-live="polite"><p>Checking the token…</p></section>
  <section id="lobby-area" aria-live="polite"></section>
  <p><button id="leave" type="button" data-testid="standin-leave">Leave</button> <button id="drop" type="button" data-testid="standin-drop" hidden>Drop connection (test)</button> <button id="mute" type="button" data-testid="standin-mute" hidden>Mute</button> <span id="status" role="status"></span></p>
  <p id="microphone" data-testid="standin-microphone"></p>
  <footer>${htmlEscape(footer)}</footer>
</main>
<script id="standin-context" type="application/json">${scriptJson(context)}</script>
<script nonce="${nonce}">${script}</script>
</body>
</html>
`;
}

/** The page at /: what the stand-in is and how to use it. */
export function indexPage(nonce: string, footer: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Gatehouse Jitsi stand-in</title><style nonce="${nonce}">${PAGE_STYLE}</style></head>
<body><div class="banner" role="note">Gatehouse Jitsi stand-in — not a real video bridge</div>
<main><h1>Gatehouse Jitsi stand-in</h1>
<p>Open <code>/&lt;room&gt;#jwt=&lt;token&gt;</code> (or <code>/&lt;tenant&gt;/&lt;room&gt;</code>) to see what a self-hosted Jitsi would do with a token,
or embed it with <code>/external_api.js</code> like a real Jitsi Meet.</p>
<footer>${htmlEscape(footer)}</footer></main></body></html>
`;
}
