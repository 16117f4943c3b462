'use client';

import { startTransition, useActionState, useRef, useState } from 'react';
import { createBulkAction, previewBulkAction } from '@/lib/invites/actions';
import { MAX_BYTES, tooLargeError } from '@/lib/invites/schemas';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { Table } from '@/components/ui/table';
import { countOf } from '@/lib/text';
import type { BulkPreviewData } from '@/lib/invites/actions';

/** A cell that never widens the table: long text is cut with "…" and shown whole on hover. */
function Clipped({ text, className }: { text: string; className: string }) {
  return (
    <span title={text} className={`block truncate ${className}`}>
      {text}
    </span>
  );
}

function PreviewRow({ row, picked, onPick }: { row: BulkPreviewData['rows'][number]; picked: boolean; onPick: (on: boolean) => void }) {
  return (
    <tr data-line={row.line} className={row.problems.length ? 'bg-red-50/60' : row.revoked ? 'bg-amber-50' : ''}>
      <td className="px-3 py-1.5 align-top text-slate-500">{row.line}</td>
      <td className="px-3 py-1.5 align-top"><Clipped text={row.name} className="max-w-[11rem]" /></td>
      <td className="px-3 py-1.5 align-top"><Clipped text={row.email} className="max-w-[14rem]" /></td>
      <td className="min-w-[12rem] px-3 py-1.5 align-top">
        {row.problems.length > 0 && <span className="text-red-800">{row.problems.join('; ')}</span>}
        {row.revoked && (
          <>
            <span className="block text-amber-900">Their invite was revoked earlier — not invited again unless you tick it.</span>
            <label className="mt-1 flex items-center gap-2 text-slate-800">
              <input type="checkbox" checked={picked} onChange={(e) => onPick(e.target.checked)} />
              Invite again
            </label>
          </>
        )}
      </td>
    </tr>
  );
}

/** Upload an attendee list, see every problem before anything is written, then create the invites. */
export function BulkInvite({ meetingId, canMail }: { meetingId: string; canMail: boolean }) {
  // The file is read from the input when sending, so a file chosen before the page finished loading counts too.
  const input = useRef<HTMLInputElement>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [deliver, setDeliver] = useState<'mail' | 'links'>(canMail ? 'mail' : 'links');
  const [reinvite, setReinvite] = useState<ReadonlySet<string>>(new Set());
  const [preview, runPreview, previewing] = useActionState(previewBulkAction, null);
  const [created, runCreate, creating] = useActionState(createBulkAction, null);

  const send = (action: (formData: FormData) => void) => {
    const file = input.current?.files?.[0];
    // Checked here too, so an oversized file is refused with the same words before minutes of upload.
    const problem = !file ? 'Choose a CSV file first.' : file.size > MAX_BYTES ? tooLargeError(file.size) : null;
    setFileProblem(problem);
    if (!file || problem) return;
    const formData = new FormData();
    formData.set('meetingId', meetingId);
    formData.set('file', file);
    formData.set('deliver', deliver);
    for (const email of reinvite) formData.append('reinvite', email);
    startTransition(() => action(formData));
  };

  const download = (csv: string) => {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'invite-links.csv';
    a.click();
    URL.revokeObjectURL(url);
  };

  const toCreate = preview?.ok ? preview.data.valid + reinvite.size : 0;

  if (created?.ok && !created.data.csv) {
    return (
      <div className="space-y-4" aria-live="polite">
        <Notice tone="success" title={`${countOf(created.data.created, 'invite')} created`}>
          {created.data.skipped > 0 && <p>{countOf(created.data.skipped, 'row was', 'rows were')} skipped (problems, duplicates, already invited or revoked earlier).</p>}
          <p>Each person is being sent their personal link by mail. Follow the delivery on the meeting page.</p>
        </Notice>
        <a href={`/meetings/${meetingId}#guests`} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">Follow delivery</a>
      </div>
    );
  }

  if (created?.ok) {
    return (
      <div className="space-y-4" aria-live="polite">
        <Notice tone="success" title={`${countOf(created.data.created, 'invite')} created`}>
          {created.data.skipped > 0 && <p>{countOf(created.data.skipped, 'row was', 'rows were')} skipped (problems, duplicates, already invited or revoked earlier).</p>}
          <p>Each person has a personal link. Download them now — for safety they are not stored and cannot be shown again.</p>
        </Notice>
        <Button type="button" onClick={() => download(created.data.csv)}>Download links (CSV)</Button>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setReinvite(new Set());
          send(runPreview);
        }}
        className="space-y-3"
      >
        <label htmlFor="attendees" className="block text-sm font-medium text-slate-700">Attendee list (CSV)</label>
        <input
          id="attendees"
          type="file"
          accept=".csv,text/csv,text/plain"
          ref={input}
          name="file"
          className="block text-sm"
          aria-describedby="attendees-hint attendees-error"
        />
        <p id="attendees-hint" className="text-xs text-slate-500">
          A header row with an “email” column and optionally “name” (or first and last name). Commas, semicolons or tabs; UTF-8, UTF-16 or Windows encoding; up to 10,000 people.
        </p>
        <p id="attendees-error" aria-live="polite" className="text-sm text-red-700">{fileProblem ?? (preview && !preview.ok ? preview.message : created && !created.ok ? created.message : null)}</p>
        <Button type="submit" variant="secondary" disabled={previewing}>{previewing ? 'Checking…' : 'Check file'}</Button>
      </form>

      {preview?.ok && (
        <section aria-labelledby="preview" className="space-y-3">
          <h2 id="preview" className="text-lg font-semibold text-slate-900">Check before inviting</h2>
          <p className="text-sm text-slate-700">
            {countOf(preview.data.total, 'row')}: <strong>{preview.data.valid.toLocaleString('en')} ready to invite</strong>
            {preview.data.revoked > 0 && <>, {countOf(preview.data.revoked, 'person', 'people')} whose invite was revoked earlier (not invited unless you tick them)</>}
            {preview.data.invalid > 0 && <>, {preview.data.invalid.toLocaleString('en')} with problems (they will be skipped)</>}.
          </p>
          <Table columns={['Line', 'Name', 'Email', 'Problem']} scroll>
            {preview.data.rows.map((r) => (
              <PreviewRow
                key={r.line}
                row={r}
                picked={reinvite.has(r.email)}
                onPick={(on) =>
                  setReinvite((current) => {
                    const next = new Set(current);
                    if (on) next.add(r.email);
                    else next.delete(r.email);
                    return next;
                  })
                }
              />
            ))}
          </Table>
          {preview.data.total > preview.data.rows.length && (
            <p className="text-xs text-slate-500">
              Showing the first {preview.data.rows.length.toLocaleString('en')} of {preview.data.total.toLocaleString('en')} rows: revoked people first, then problems.
            </p>
          )}
          <fieldset className="space-y-1 text-sm">
            <legend className="font-medium text-slate-700">Then</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="deliver" checked={deliver === 'mail'} disabled={!canMail} onChange={() => setDeliver('mail')} />
              Email each person their personal link{!canMail && ' (mail is not set up here)'}
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="deliver" checked={deliver === 'links'} onChange={() => setDeliver('links')} />
              Download the links and send them myself
            </label>
          </fieldset>
          <Button type="button" disabled={creating || toCreate === 0} onClick={() => send(runCreate)}>
            {creating ? 'Creating invites…' : `Create ${countOf(toCreate, 'invite')}`}
          </Button>
        </section>
      )}
    </div>
  );
}
