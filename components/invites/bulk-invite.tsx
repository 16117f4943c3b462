'use client';

import { startTransition, useActionState, useRef, useState } from 'react';
import { createBulkAction, previewBulkAction } from '@/lib/invites/actions';
import { MAX_BYTES, tooLargeError } from '@/lib/invites/schemas';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { Table } from '@/components/ui/table';

/** Upload an attendee list, see every problem before anything is written, then create the invites. */
export function BulkInvite({ meetingId, canMail }: { meetingId: string; canMail: boolean }) {
  // The file is read from the input when sending, so a file chosen before the page finished loading counts too.
  const input = useRef<HTMLInputElement>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [deliver, setDeliver] = useState<'mail' | 'links'>(canMail ? 'mail' : 'links');
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

  if (created?.ok && !created.data.csv) {
    return (
      <div className="space-y-4" aria-live="polite">
        <Notice tone="success" title={`${created.data.created.toLocaleString('en')} invites created`}>
          {created.data.skipped > 0 && <p>{created.data.skipped.toLocaleString('en')} rows were skipped (problems, duplicates or already invited).</p>}
          <p>Each person is being sent their personal link by mail. Follow the delivery on the meeting page.</p>
        </Notice>
        <a href={`/meetings/${meetingId}#guests`} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">Follow delivery</a>
      </div>
    );
  }

  if (created?.ok) {
    return (
      <div className="space-y-4" aria-live="polite">
        <Notice tone="success" title={`${created.data.created.toLocaleString('en')} invites created`}>
          {created.data.skipped > 0 && <p>{created.data.skipped.toLocaleString('en')} rows were skipped (problems, duplicates or already invited).</p>}
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
            {preview.data.total.toLocaleString('en')} rows: <strong>{preview.data.valid.toLocaleString('en')} ready to invite</strong>
            {preview.data.invalid > 0 && <>, {preview.data.invalid.toLocaleString('en')} with problems (they will be skipped)</>}.
          </p>
          <Table columns={['Line', 'Name', 'Email', 'Problem']} scroll>
            {preview.data.rows.map((r) => (
              <tr key={r.line} className={r.problems.length ? 'bg-red-50/60' : ''}>
                <td className="px-3 py-1.5 text-slate-500">{r.line}</td>
                <td className="px-3 py-1.5">{r.name}</td>
                <td className="px-3 py-1.5">{r.email}</td>
                <td className="px-3 py-1.5 text-red-800">{r.problems.join('; ')}</td>
              </tr>
            ))}
          </Table>
          {preview.data.total > preview.data.rows.length && <p className="text-xs text-slate-500">Showing the first {preview.data.rows.length} rows, problems first.</p>}
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
          <Button type="button" disabled={creating || preview.data.valid === 0} onClick={() => send(runCreate)}>
            {creating ? 'Creating invites…' : `Create ${preview.data.valid.toLocaleString('en')} invites`}
          </Button>
        </section>
      )}
    </div>
  );
}
