import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_BYTES,
  MAX_ROWS,
  decodeCsvBytes,
  previewAttendeeCsv,
  problemText,
  type CsvPreview,
  type PreviewRow,
} from './csv';

const NONE: ReadonlySet<string> = new Set();

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf16le'));
}

function utf16be(text: string): Uint8Array {
  const bytes = utf16le(text);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const a = bytes[i]!;
    bytes[i] = bytes[i + 1]!;
    bytes[i + 1] = a;
  }
  return bytes;
}

function withPrefix(prefix: number[], bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + bytes.length);
  out.set(prefix, 0);
  out.set(bytes, prefix.length);
  return out;
}

function ok(result: CsvPreview): Extract<CsvPreview, { ok: true }> {
  if (!result.ok) assert.fail(`expected a preview, got error: ${result.error}`);
  return result;
}

function error(result: CsvPreview): string {
  if (result.ok) assert.fail('expected an error, got a preview');
  return result.error;
}

function preview(text: string, alreadyInvited: ReadonlySet<string> = NONE) {
  return ok(previewAttendeeCsv(utf8(text), alreadyInvited));
}

function brief(rows: PreviewRow[]) {
  return rows.map(({ line, name, email, problems }) => [line, name, email, problems.join(',')]);
}

// --- delimiters ---------------------------------------------------------------------------------

test('comma-separated file', () => {
  const result = preview('name,email\nAda Lovelace,ada@example.com\nAlan Turing,alan@example.org\n');
  assert.equal(result.delimiter, ',');
  assert.equal(result.encoding, 'utf-8');
  assert.equal(result.truncated, false);
  assert.deepEqual(brief(result.rows), [
    [2, 'Ada Lovelace', 'ada@example.com', ''],
    [3, 'Alan Turing', 'alan@example.org', ''],
  ]);
  assert.equal(result.valid, 2);
  assert.equal(result.invalid, 0);
});

test('semicolon-separated file (Excel in many European locales), names with commas', () => {
  const result = preview('Name;Email\nLovelace, Ada;ada@example.com\nTuring, Alan;alan@example.org\n');
  assert.equal(result.delimiter, ';');
  assert.deepEqual(brief(result.rows), [
    [2, 'Lovelace, Ada', 'ada@example.com', ''],
    [3, 'Turing, Alan', 'alan@example.org', ''],
  ]);
});

test('tab-separated file', () => {
  const result = preview('email\tname\nada@example.com\tAda Lovelace\nalan@example.org\tAlan Turing');
  assert.equal(result.delimiter, '\t');
  assert.deepEqual(brief(result.rows), [
    [2, 'Ada Lovelace', 'ada@example.com', ''],
    [3, 'Alan Turing', 'alan@example.org', ''],
  ]);
});

test('pipe-separated file', () => {
  const result = preview('name|email\nAda|ada@example.com\nAlan|alan@example.org\n');
  assert.equal(result.delimiter, '|');
  assert.deepEqual(brief(result.rows).map((row) => row[2]), ['ada@example.com', 'alan@example.org']);
});

test('a single email column needs no delimiter', () => {
  const result = preview('Email\nada@example.com\nalan@example.org\n');
  assert.deepEqual(brief(result.rows), [
    [2, '', 'ada@example.com', ''],
    [3, '', 'alan@example.org', ''],
  ]);
});

test('Excel "sep=" first line sets the delimiter and is not the header', () => {
  const result = preview('sep=;\r\nname;email\r\nAda, L;ada@example.com\r\n');
  assert.equal(result.delimiter, ';');
  assert.deepEqual(brief(result.rows), [[3, 'Ada, L', 'ada@example.com', '']]);
});

// --- encodings ----------------------------------------------------------------------------------

test('UTF-8 with BOM: the BOM is removed so the first header is still recognised', () => {
  const bytes = withPrefix([0xef, 0xbb, 0xbf], utf8('email,name\nzoe@example.com,Zoë Müller\n'));
  const decoded = decodeCsvBytes(bytes);
  assert.equal(decoded.encoding, 'utf-8');
  assert.equal(decoded.text.charCodeAt(0), 'e'.charCodeAt(0));
  const result = ok(previewAttendeeCsv(bytes, NONE));
  assert.equal(result.encoding, 'utf-8');
  assert.deepEqual(brief(result.rows), [[2, 'Zoë Müller', 'zoe@example.com', '']]);
});

test('UTF-16LE with BOM (Excel "Unicode text", tab-separated)', () => {
  const bytes = withPrefix([0xff, 0xfe], utf16le('Name\tE-mail\r\nZoë Müller\tzoe@example.com\r\n李小龍\tlee@example.com\r\n'));
  const result = ok(previewAttendeeCsv(bytes, NONE));
  assert.equal(result.encoding, 'utf-16le');
  assert.equal(result.delimiter, '\t');
  assert.deepEqual(brief(result.rows), [
    [2, 'Zoë Müller', 'zoe@example.com', ''],
    [3, '李小龍', 'lee@example.com', ''],
  ]);
});

test('UTF-16BE with BOM', () => {
  const bytes = withPrefix([0xfe, 0xff], utf16be('name,email\nZoë,zoe@example.com\n'));
  const decoded = decodeCsvBytes(bytes);
  assert.equal(decoded.encoding, 'utf-16be');
  assert.equal(decoded.text, 'name,email\nZoë,zoe@example.com\n');
});

test('windows-1252 bytes (Excel on Windows) are decoded when they are not UTF-8', () => {
  // "Zoë Müller" in windows-1252: ë = 0xEB, ü = 0xFC, which are invalid as UTF-8.
  const bytes = new Uint8Array(Buffer.from('name;email\r\nZoë Müller;zoe@example.com\r\n', 'latin1'));
  assert.equal(bytes.includes(0xeb), true);
  const result = ok(previewAttendeeCsv(bytes, NONE));
  assert.equal(result.encoding, 'windows-1252');
  assert.deepEqual(brief(result.rows), [[2, 'Zoë Müller', 'zoe@example.com', '']]);
  // 0x80–0x9F are printable in windows-1252 (not C1 controls as in Latin-1); Node 20's decoder gets them wrong.
  const smart = decodeCsvBytes(new Uint8Array([0x80, 0x35, 0x20, 0x93, 0x4f, 0x92, 0x4e, 0x94, 0x20, 0x96, 0x20, 0x8a, 0x9e, 0x99, 0xe9]));
  assert.deepEqual(smart, { text: '€5 “O’N” – Šž™é', encoding: 'windows-1252' });
});

test('valid UTF-8 stays UTF-8', () => {
  assert.deepEqual(decodeCsvBytes(utf8('Zoë Müller')), { text: 'Zoë Müller', encoding: 'utf-8' });
  assert.deepEqual(decodeCsvBytes(new Uint8Array()), { text: '', encoding: 'utf-8' });
});

// --- structure ----------------------------------------------------------------------------------

test('CRLF line endings leave no carriage returns in the values', () => {
  const result = preview('name,email\r\nAda,ada@example.com\r\nAlan,alan@example.org\r\n');
  assert.deepEqual(brief(result.rows), [
    [2, 'Ada', 'ada@example.com', ''],
    [3, 'Alan', 'alan@example.org', ''],
  ]);
});

test('quoted fields may hold the delimiter, quotes and line breaks; lines still count from the file', () => {
  const text = [
    'name,email',
    '"Lovelace, Ada ""Countess""",ada@example.com',
    '"Alan',
    'Turing",alan@example.org',
    'Grace Hopper,grace@example.net',
  ].join('\r\n');
  const result = preview(text);
  assert.deepEqual(brief(result.rows), [
    [2, 'Lovelace, Ada "Countess"', 'ada@example.com', ''],
    [3, 'Alan Turing', 'alan@example.org', ''],
    [5, 'Grace Hopper', 'grace@example.net', ''],
  ]);
});

test('empty and blank lines are skipped, line numbers still match the file', () => {
  const result = preview('\nname,email\n\nAda,ada@example.com\n   \n , \n\nAlan,alan@example.org\n\n\n');
  assert.deepEqual(brief(result.rows), [
    [4, 'Ada', 'ada@example.com', ''],
    [8, 'Alan', 'alan@example.org', ''],
  ]);
});

test('first name and last name columns are joined', () => {
  const result = preview('First Name,Last Name,Email\nAda,Lovelace,ada@example.com\n,Turing,alan@example.org\nGrace,,grace@example.net\n');
  assert.deepEqual(brief(result.rows).map((row) => row[1]), ['Ada Lovelace', 'Turing', 'Grace']);
});

test('a "name" column wins over first/last name columns', () => {
  const result = preview('first_name,last_name,display name,email\nAda,Lovelace,Countess of Lovelace,ada@example.com\n');
  assert.equal(result.rows[0]?.name, 'Countess of Lovelace');
});

test('header variations are recognised; extra columns are ignored', () => {
  const cases: Array<[string, string]> = [
    ['Name,Email', 'Ada'],
    [' NAME , EMAIL ', 'Ada'],
    ['Full name,E-mail', 'Ada'],
    ['Attendee,Email Address', 'Ada'],
    ['Display Name,E-Mail-Adresse', 'Ada'],
    ['name,mail', 'Ada'],
    ['name,e_mail', 'Ada'],
    ['Name,Work email', 'Ada'],
    ['Vorname,Nachname,E-Mail', 'Ada'],
    ['"Name","Email"', 'Ada'],
  ];
  for (const [header, name] of cases) {
    const columns = header.split(',').length;
    const row = columns === 3 ? 'Ada,,ada@example.com' : 'Ada,ada@example.com';
    const result = previewAttendeeCsv(utf8(`${header}\n${row}\n`), NONE);
    assert.ok(result.ok, `header ${header}: ${result.ok ? '' : result.error}`);
    assert.deepEqual(brief(result.rows), [[2, name, 'ada@example.com', '']], `header ${header}`);
  }
  const extra = preview('Company,Email,Notes,Name,Phone\nACME,ada@example.com,"likes, commas",Ada,+44 1\n');
  assert.deepEqual(brief(extra.rows), [[2, 'Ada', 'ada@example.com', '']]);
});

test('no email column: the organiser is told what the first row must be', () => {
  const message = 'The first row must name the columns, with one called "email" (and optionally "name").';
  assert.equal(error(previewAttendeeCsv(utf8('name,address\nAda,ada@example.com\n'), NONE)), message);
  // A file without a header row: the first row is data.
  assert.equal(error(previewAttendeeCsv(utf8('Ada,ada@example.com\nAlan,alan@example.org\n'), NONE)), message);
});

test('an empty file or a header without rows has no attendees', () => {
  for (const text of ['', '\n\n', '  \r\n', 'name,email\n', 'name,email\n\n , \n']) {
    assert.equal(error(previewAttendeeCsv(utf8(text), NONE)), 'The file has no attendees.', JSON.stringify(text));
  }
});

test('an unclosed quote makes the file unusable and names the line', () => {
  const message = error(previewAttendeeCsv(utf8('name,email\r\nAda,ada@example.com\r\n"Alan,alan@example.org\r\nGrace,grace@example.net\r\n'), NONE));
  assert.match(message, /^Line 3 has a quotation mark \("\) that is never closed/);
  const misplaced = error(previewAttendeeCsv(utf8('name,email\nAda,ada@example.com\n\n"Alan" Turing,alan@example.org\n'), NONE));
  assert.match(misplaced, /^Line 4 has a quotation mark \("\) in the wrong place/);
});

test('a quote inside an unquoted field is just text', () => {
  const result = preview('name,email\nAda "Countess" Lovelace,ada@example.com\n');
  assert.equal(result.rows[0]?.name, 'Ada "Countess" Lovelace');
});

// --- limits -------------------------------------------------------------------------------------

function generatedCsv(rows: number): Uint8Array {
  const lines = ['Name,Email,Department'];
  for (let i = 0; i < rows; i++) lines.push(`"Attendee ${i}, Jr.",Person.${i}@Example.com,Dept ${i % 17}`);
  return utf8(`${lines.join('\r\n')}\r\n`);
}

test('10,000 rows preview quickly', () => {
  const bytes = generatedCsv(MAX_ROWS);
  const invited = new Set(['person.5@example.com']);
  const started = performance.now();
  const result = ok(previewAttendeeCsv(bytes, invited));
  const elapsed = performance.now() - started;
  console.log(`previewAttendeeCsv: ${MAX_ROWS.toLocaleString('en-US')} rows (${bytes.length.toLocaleString('en-US')} bytes) in ${elapsed.toFixed(1)} ms`);
  assert.equal(result.rows.length, MAX_ROWS);
  assert.equal(result.valid, MAX_ROWS - 1);
  assert.equal(result.invalid, 1);
  assert.deepEqual(result.rows[5]?.problems, ['already_invited']);
  assert.deepEqual(brief([result.rows[MAX_ROWS - 1]!]), [[MAX_ROWS + 1, 'Attendee 9999, Jr.', 'person.9999@example.com', '']]);
  assert.ok(elapsed < 2000, `took ${elapsed} ms`);
});

test('more than 10,000 rows is refused with the exact numbers', () => {
  assert.equal(
    error(previewAttendeeCsv(generatedCsv(MAX_ROWS + 1), NONE)),
    'The file has 10,001 attendees; at most 10,000 can be invited at once. Split it into two files.',
  );
  assert.equal(
    error(previewAttendeeCsv(generatedCsv(25_000), NONE)),
    'The file has 25,000 attendees; at most 10,000 can be invited at once. Split it into three files.',
  );
});

test('blank lines do not count towards the row limit', () => {
  const lines = ['email'];
  for (let i = 0; i < MAX_ROWS; i++) lines.push(`p${i}@example.com`, '');
  const result = preview(lines.join('\n'));
  assert.equal(result.rows.length, MAX_ROWS);
});

test('files over 5 MB are refused before parsing', () => {
  const bytes = new Uint8Array(MAX_BYTES + 1).fill(0x61);
  assert.equal(
    error(previewAttendeeCsv(bytes, NONE)),
    'The file is 5.1 MB; at most 5 MB can be uploaded. Split it into smaller files.',
  );
  const twelve = new Uint8Array(12 * 1024 * 1024);
  assert.match(error(previewAttendeeCsv(twelve, NONE)), /^The file is 12\.0 MB; at most 5 MB/);
});

test('a file of exactly 5 MB is accepted', () => {
  const header = 'email,notes\n';
  const row = `ada@example.com,${'x'.repeat(1000)}\n`;
  const rows = Math.floor((MAX_BYTES - header.length) / row.length);
  const text = header + row.repeat(rows);
  const bytes = new Uint8Array(MAX_BYTES).fill(0x0a); // padded with line feeds (blank lines)
  bytes.set(utf8(text), 0);
  const result = ok(previewAttendeeCsv(bytes, NONE));
  assert.equal(result.rows.length, rows);
  assert.equal(result.valid, 1);
});

// --- per-row problems ---------------------------------------------------------------------------

test('crafted and invalid addresses are flagged and shown as typed', () => {
  const result = preview('name,email\nA,"""a,b""@example.com"\nB,x＠example.com\nC,no-at\nD,  Ada@Example.COM  \nE,ada@example.com <ada@example.com>\n');
  assert.deepEqual(brief(result.rows), [
    [2, 'A', '"a,b"@example.com', 'bad_email'],
    [3, 'B', 'x＠example.com', 'bad_email'],
    [4, 'C', 'no-at', 'bad_email'],
    [5, 'D', 'ada@example.com', ''],
    [6, 'E', 'ada@example.com <ada@example.com>', 'bad_email'],
  ]);
  assert.equal(result.valid, 1);
  assert.equal(result.invalid, 4);
});

test('a bad address is shown truncated to 254 characters, with bidi controls made visible', () => {
  const long = `${'a'.repeat(300)}@example.com`;
  const result = preview(`email\n${long}\nevil\u202Emoc.elpmaxe@ada\n`);
  assert.equal(result.rows[0]?.email, 'a'.repeat(254));
  assert.deepEqual(result.rows[0]?.problems, ['bad_email']);
  assert.equal(result.rows[1]?.email, 'evil\uFFFDmoc.elpmaxe@ada');
  assert.deepEqual(result.rows[1]?.problems, ['bad_email']);
});

test('a missing address is its own problem', () => {
  const result = preview('name,email\nAda,\nAlan\n');
  assert.deepEqual(brief(result.rows), [
    [2, 'Ada', '', 'missing_email'],
    [3, 'Alan', '', 'missing_email'],
  ]);
});

test('duplicates (case-insensitive): the first is kept, later ones are flagged', () => {
  const result = preview('name,email\nAda,Ada@Example.com\nAda again,ada@example.com\nAlan,alan@example.org\nAda thrice, ADA@EXAMPLE.COM\n');
  assert.deepEqual(brief(result.rows), [
    [2, 'Ada', 'ada@example.com', ''],
    [3, 'Ada again', 'ada@example.com', 'duplicate_in_file'],
    [4, 'Alan', 'alan@example.org', ''],
    [5, 'Ada thrice', 'ada@example.com', 'duplicate_in_file'],
  ]);
  assert.equal(result.valid, 2);
  assert.equal(result.invalid, 2);
});

test('people already invited are flagged', () => {
  const result = preview('name,email\nAda,ADA@example.com\nAlan,alan@example.org\nAda,ada@example.com\n', new Set(['ada@example.com']));
  assert.deepEqual(brief(result.rows), [
    [2, 'Ada', 'ada@example.com', 'already_invited'],
    [3, 'Alan', 'alan@example.org', ''],
    [4, 'Ada', 'ada@example.com', 'duplicate_in_file,already_invited'],
  ]);
  assert.equal(result.valid, 1);
});

test('people whose invite was revoked are marked, not counted as ready, and never hide a real problem', () => {
  const result = ok(
    previewAttendeeCsv(utf8('name,email\nRevoked Rita,RITA@example.com\nNew Ned,ned@example.com\nRita twice,rita@example.com\nBad,nope\n'), NONE, new Set(['rita@example.com'])),
  );
  assert.deepEqual(
    result.rows.map((r) => [r.email, r.problems.join(','), r.revoked]),
    [
      ['rita@example.com', '', true],
      ['ned@example.com', '', false],
      ['rita@example.com', 'duplicate_in_file', false],
      ['nope', 'bad_email', false],
    ],
  );
  assert.deepEqual([result.valid, result.revoked, result.invalid], [1, 1, 2]);
});

test('names are kept as text; control characters and bidi overrides are removed', () => {
  const result = preview(
    'name,email\n' +
      '<script>alert(1)</script>,a@example.com\n' +
      'Ada \u202ERLO\u202C Lovelace,b@example.com\n' +
      '"Gr\u0000ace\u2066 \u0007Hopper\u2069",c@example.com\n' +
      '"  Alan \t  Turing  ",d@example.com\n',
  );
  assert.deepEqual(brief(result.rows).map((row) => row[1]), [
    '<script>alert(1)</script>',
    'Ada RLO Lovelace',
    'Grace Hopper',
    'Alan Turing',
  ]);
  assert.equal(result.valid, 4);
});

test('names longer than 200 characters are flagged; 200 is fine', () => {
  const result = preview(`name,email\n${'n'.repeat(200)},a@example.com\n${'n'.repeat(201)},b@example.com\n`);
  assert.deepEqual(result.rows[0]?.problems, []);
  assert.equal(result.rows[0]?.name, 'n'.repeat(200));
  assert.deepEqual(result.rows[1]?.problems, ['name_too_long']);
  assert.equal(result.valid, 1);
});

test('a row can have several problems', () => {
  const result = preview(`name,email\n${'n'.repeat(250)},nope\n`);
  assert.deepEqual(result.rows[0]?.problems, ['name_too_long', 'bad_email']);
  assert.equal(result.invalid, 1);
});

test('problem texts', () => {
  assert.equal(problemText('bad_email'), 'This is not a valid email address');
  assert.equal(problemText('duplicate_in_file'), 'Listed twice in this file (the first one is kept)');
  assert.equal(problemText('already_invited'), 'Already invited to this meeting');
  assert.equal(problemText('missing_email'), 'No email address');
  assert.equal(problemText('name_too_long'), 'Name is longer than 200 characters');
});
