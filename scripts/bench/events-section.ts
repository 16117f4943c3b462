/**
 * docs/benchmarks.md carries the events benchmark (`npm run bench:events`) in a marked section of its
 * own: the main suite rewrites the file around it, and the events benchmark rewrites only the section.
 */
import fs from 'node:fs';

const START = '<!-- bench:events -->';
const END = '<!-- /bench:events -->';

/** The marked section of `text` (markers included), or '' when there is none. */
export function eventsSection(text: string): string {
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  return from >= 0 && to > from ? text.slice(from, to + END.length) : '';
}

/** Writes `markdown` to `file`, keeping the events section the file already has. */
export function writeKeepingEventsSection(file: string, markdown: string): void {
  const kept = fs.existsSync(file) ? eventsSection(fs.readFileSync(file, 'utf8')) : '';
  fs.writeFileSync(file, kept ? `${markdown.trimEnd()}\n\n${kept}\n` : markdown);
}

/** Puts `body` into the events section of `file` (appended when the file has none yet). */
export function writeEventsSection(file: string, body: string): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const section = `${START}\n${body.trim()}\n${END}`;
  const current = eventsSection(text);
  fs.writeFileSync(file, current ? text.replace(current, section) : `${text.trimEnd()}\n\n${section}\n`);
}
