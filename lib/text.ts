import { z } from 'zod';

/** Control characters (but tab and newlines) and bidi overrides: never wanted in names or descriptions. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/**
 * A trimmed text field with a length limit that refuses control characters and bidi overrides.
 * `multiline` allows tabs and new lines (descriptions).
 */
export function plainText({ max, required, multiline = false }: { max: number; required?: string; multiline?: boolean }) {
  const base = z.string().trim();
  const sized = required ? base.min(1, required) : base;
  return sized
    .max(max, `Use at most ${max.toLocaleString('en')} characters.`)
    .refine((s) => !(multiline ? CONTROL : CONTROL_OR_NEWLINE).test(s), 'Remove the control characters.');
}

/** "1 invite", "0 invites", "1,250 invites": a count with its noun in the right number. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? singular : plural}`;
}
