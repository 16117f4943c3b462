import Papa from 'papaparse';
import { normalizeEmail } from '@/lib/auth/schemas';
import { MAX_BYTES, tooLargeError } from '@/lib/invites/schemas';

/**
 * Attendee CSV import: decode the uploaded bytes, parse them, and build a preview with per-row
 * problems. Pure: no database, no framework. The page shows the preview; the action writes only
 * the rows without problems after the organiser confirms (re-running this on the same bytes).
 */

export const MAX_ROWS = 10_000;
export { MAX_BYTES } from '@/lib/invites/schemas';
const MAX_NAME_LENGTH = 200;
const MAX_EMAIL_DISPLAY = 254;

export type RowProblem = 'bad_email' | 'duplicate_in_file' | 'already_invited' | 'missing_email' | 'name_too_long';

export type PreviewRow = {
  /** 1-based line in the file where the row starts (the header is line 1 unless blank lines precede it). */
  line: number;
  name: string;
  /** The normalised address, or the raw text (trimmed, at most 254 characters) when it is not valid. */
  email: string;
  problems: RowProblem[];
  /**
   * This address was invited to the meeting before and the invite was revoked: the row is not invited
   * again unless the organiser picks it (`reinvite` in `createBulkInvites`).
   */
  revoked: boolean;
};

export type CsvPreview =
  | {
      ok: true;
      rows: PreviewRow[];
      /** Rows without problems that are not revoked earlier: invited as they are. */
      valid: number;
      /** Rows without problems whose address was revoked earlier: invited only when picked. */
      revoked: number;
      invalid: number;
      encoding: string;
      delimiter: string;
      truncated: false;
    }
  | { ok: false; error: string };

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const PROBLEM_TEXT: Record<RowProblem, string> = {
  bad_email: 'This is not a valid email address',
  duplicate_in_file: 'Listed twice in this file (the first one is kept)',
  already_invited: 'Already invited to this meeting',
  missing_email: 'No email address',
  name_too_long: `Name is longer than ${MAX_NAME_LENGTH} characters`,
};

export function problemText(problem: RowProblem): string {
  return PROBLEM_TEXT[problem];
}

/**
 * Decodes an uploaded file: a byte order mark decides (and is removed); otherwise strict UTF-8,
 * falling back to windows-1252 (what Excel on Windows writes for "CSV") when the bytes are not UTF-8.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decode('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decode('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decode('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decode('windows-1252', bytes), encoding: 'windows-1252' };
  }
}

function decode(encoding: CsvEncoding, bytes: Uint8Array): string {
  // The BOM (if any) was already cut off; a second one would be content.
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  return encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, fixCp1252) : text;
}

/**
 * Bytes 0x80–0x9F in windows-1252 (€, ‚, „, …, ‘, ’, “, ”, –, —, ™, Š, Ž…). Node's TextDecoder
 * decodes them as Latin-1 control characters (nodejs/node#56542, still in Node 20.20), so they are
 * mapped here; with a fixed Node they never reach this step. Undefined bytes stay as they are (WHATWG).
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function fixCp1252(char: string): string {
  return CP1252_HIGH.charAt(char.charCodeAt(0) - 0x80);
}

// ---------------------------------------------------------------------------------------------
// Header recognition

/** "E-Mail-Adresse" → "emailadresse", "First_Name" → "firstname". */
function headerKey(cell: string): string {
  return cell.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const EMAIL_HEADERS = ['email', 'emailaddress', 'mail', 'mailaddress', 'emailadresse', 'mailadresse'];
const NAME_HEADERS = ['name', 'fullname', 'displayname', 'attendee', 'attendeename', 'participant', 'participantname'];
const FIRST_NAME_HEADERS = ['firstname', 'givenname', 'forename', 'vorname'];
const LAST_NAME_HEADERS = ['lastname', 'surname', 'familyname', 'nachname'];

type Columns = { email: number; name: number; first: number; last: number };

function findColumn(keys: string[], wanted: string[]): number {
  for (const key of wanted) {
    const index = keys.indexOf(key);
    if (index !== -1) return index;
  }
  return -1;
}

function findColumns(header: string[]): Columns | null {
  const keys = header.map(headerKey);
  let email = findColumn(keys, EMAIL_HEADERS);
  // "Work email", "Primary e-mail address"…
  if (email === -1) email = keys.findIndex((key) => key.endsWith('email') || key.endsWith('emailaddress'));
  if (email === -1) return null;
  const name = findColumn(keys, NAME_HEADERS);
  return {
    email,
    name,
    first: name === -1 ? findColumn(keys, FIRST_NAME_HEADERS) : -1,
    last: name === -1 ? findColumn(keys, LAST_NAME_HEADERS) : -1,
  };
}

// ---------------------------------------------------------------------------------------------
// Cell cleaning

/** Tabs and line breaks (from quoted cells) become spaces; other C0/C1 controls, NUL and bidi controls go. */
const NAME_WHITESPACE = /[\t\n\r\u000b\u000c\u0085\u2028\u2029]/g;
const NAME_UNWANTED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Shown for a bad address so an invisible or reordering character is visible rather than acting. */
const EMAIL_DISPLAY_UNWANTED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function cleanName(raw: string): string {
  return raw.replace(NAME_WHITESPACE, ' ').replace(NAME_UNWANTED, '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let cut = value.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1); // no lone half of a surrogate pair
  return cut;
}

function displayBadEmail(raw: string): string {
  return truncate(raw.replace(EMAIL_DISPLAY_UNWANTED, '\ufffd'), MAX_EMAIL_DISPLAY);
}

// ---------------------------------------------------------------------------------------------
// Messages

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

const SMALL_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function fileCountWords(n: number): string {
  return SMALL_NUMBERS[n] ?? formatCount(n);
}

function tooManyRowsError(count: number): string {
  const files = Math.ceil(count / MAX_ROWS);
  return `The file has ${formatCount(count)} attendees; at most ${formatCount(MAX_ROWS)} can be invited at once. Split it into ${fileCountWords(files)} files.`;
}

const NO_ATTENDEES_ERROR = 'The file has no attendees.';
const NO_EMAIL_COLUMN_ERROR = 'The first row must name the columns, with one called "email" (and optionally "name").';

function quoteError(code: string, line: number): string {
  const where = code === 'MissingQuotes' ? 'a quotation mark (") that is never closed' : 'a quotation mark (") in the wrong place';
  return `Line ${formatCount(line)} has ${where}, so the file cannot be read. Fix that line, or save the file again from your spreadsheet program as CSV.`;
}

// ---------------------------------------------------------------------------------------------
// Parsing

const DELIMITERS = [',', ';', '\t', '|'];
/** Excel's optional first line naming the delimiter: `sep=;`. */
const SEP_LINE = /^sep=([,;\t|])$/i;

type RawRow = { line: number; cells: string[] };
type ParsedRows =
  | { ok: true; rows: RawRow[]; dataRowCount: number; delimiter: string }
  | { ok: false; error: string };

function isBlank(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/**
 * Parses the text into rows with the line each starts on. Blank rows are skipped. Keeps at most
 * the header and MAX_ROWS + 1 data rows, but counts all of them (for the "too many" message).
 */
function parseRows(text: string): ParsedRows {
  // 1. Delimiter and line break, guessed by papaparse from the first rows.
  const sep = SEP_LINE.exec(text.slice(0, 8).split(/\r\n|\r|\n/, 1)[0] ?? '');
  // The first megabyte is plenty (papaparse reads no more for the line break, 10 rows for the delimiter).
  const guess = Papa.parse<string[]>(text.slice(0, 1024 * 1024), {
    header: false,
    skipEmptyLines: 'greedy',
    delimitersToGuess: DELIMITERS,
    preview: 1,
  });
  const delimiter = sep?.[1] ?? guess.meta.delimiter;
  const linebreak = guess.meta.linebreak;
  const breakChar = linebreak === '\r' ? '\r' : '\n';

  // 2. The real pass, row by row, to know where every row starts.
  const rows: RawRow[] = [];
  let dataRowCount = 0;
  let seenHeader = false;
  let rowStart = 0; // offset of the current row in `text`
  let line = 1; // line of `lineAt`
  let lineAt = 0;
  let error: string | null = null;

  const lineOf = (offset: number): number => {
    // Offsets only grow, so each character is scanned once.
    let next = text.indexOf(breakChar, lineAt);
    while (next !== -1 && next < offset) {
      line++;
      next = text.indexOf(breakChar, next + 1);
    }
    lineAt = offset;
    return line;
  };

  Papa.parse<string[]>(text, {
    header: false,
    delimiter,
    newline: linebreak as '\r' | '\n' | '\r\n',
    skipEmptyLines: false, // done here, so no row (and no error) is dropped unseen
    step: (result, parser) => {
      const cells = result.data;
      const start = rowStart;
      rowStart = result.meta.cursor;
      const quoteProblem = result.errors.find((e) => e.type === 'Quotes');
      if (quoteProblem) {
        const at = typeof quoteProblem.index === 'number' ? quoteProblem.index : start;
        error = quoteError(quoteProblem.code, lineOf(Math.max(at - 1, start)));
        parser.abort();
        return;
      }
      if (start === 0 && sep !== null) return; // the `sep=` line itself
      if (isBlank(cells)) return;
      if (!seenHeader) {
        seenHeader = true;
        rows.push({ line: lineOf(start), cells });
        return;
      }
      dataRowCount++;
      if (dataRowCount <= MAX_ROWS + 1) rows.push({ line: lineOf(start), cells });
    },
  });

  if (error !== null) return { ok: false, error };
  return { ok: true, rows, dataRowCount, delimiter };
}

/**
 * Builds the preview of an attendee CSV: every data row with its problems, or one error that makes
 * the whole file unusable. `alreadyInvited` holds normalised addresses of the meeting's live invitees,
 * `revokedBefore` those whose invite to the meeting was revoked.
 */
export function previewAttendeeCsv(bytes: Uint8Array, alreadyInvited: ReadonlySet<string>, revokedBefore: ReadonlySet<string> = new Set()): CsvPreview {
  if (bytes.length > MAX_BYTES) return { ok: false, error: tooLargeError(bytes.length) };

  const { text, encoding } = decodeCsvBytes(bytes);
  const parsed = parseRows(text);
  if (!parsed.ok) return parsed;

  const [header, ...data] = parsed.rows;
  if (!header) return { ok: false, error: NO_ATTENDEES_ERROR };
  const columns = findColumns(header.cells.map((cell) => cell.trim()));
  if (!columns) return { ok: false, error: NO_EMAIL_COLUMN_ERROR };
  if (parsed.dataRowCount === 0) return { ok: false, error: NO_ATTENDEES_ERROR };
  if (parsed.dataRowCount > MAX_ROWS) return { ok: false, error: tooManyRowsError(parsed.dataRowCount) };

  const seen = new Set<string>();
  const rows: PreviewRow[] = [];
  let valid = 0;
  let revoked = 0;

  for (const { line, cells } of data) {
    const problems: RowProblem[] = [];

    const cell = (index: number): string => (index === -1 ? '' : (cells[index] ?? ''));
    let name =
      columns.name !== -1 ? cleanName(cell(columns.name)) : cleanName(`${cell(columns.first)} ${cell(columns.last)}`);
    if (name.length > MAX_NAME_LENGTH) {
      problems.push('name_too_long');
      name = `${truncate(name, MAX_NAME_LENGTH)}…`;
    }

    const rawEmail = cell(columns.email).trim();
    let email: string;
    if (rawEmail === '') {
      email = '';
      problems.push('missing_email');
    } else {
      const normalized = normalizeEmail(rawEmail);
      if (normalized === null) {
        email = displayBadEmail(rawEmail);
        problems.push('bad_email');
      } else {
        email = normalized;
        if (seen.has(normalized)) problems.push('duplicate_in_file');
        else seen.add(normalized);
        if (alreadyInvited.has(normalized)) problems.push('already_invited');
      }
    }

    const wasRevoked = problems.length === 0 && revokedBefore.has(email);
    if (wasRevoked) revoked++;
    else if (problems.length === 0) valid++;
    rows.push({ line, name, email, problems, revoked: wasRevoked });
  }

  return { ok: true, rows, valid, revoked, invalid: rows.length - valid - revoked, encoding, delimiter: parsed.delimiter, truncated: false };
}
