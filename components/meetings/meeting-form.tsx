'use client';

import { useFormAction } from '@/components/ui/use-form-action';
import { useState } from 'react';
import type { ActionResult } from '@/lib/action-result';
import type { MeetingFormValues } from '@/lib/meetings/schemas';
import { TextAreaField, TextField, selectClassName } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { SubmitButton } from '@/components/ui/submit-button';

const WEEKDAYS: [string, string][] = [['MO', 'Mon'], ['TU', 'Tue'], ['WE', 'Wed'], ['TH', 'Thu'], ['FR', 'Fri'], ['SA', 'Sat'], ['SU', 'Sun']];
const UNIT: Record<string, string> = { daily: 'day(s)', weekly: 'week(s)', monthly: 'month(s)' };

type Props = {
  action: (prev: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  initial: MeetingFormValues;
  rooms: { id: string; name: string }[];
  timeZones: string[];
  submitLabel: string;
  roomLocked?: boolean;
  /** The days a meeting may be scheduled on ('YYYY-MM-DD'), from `schedulingWindow()`. */
  dateWindow: { first: string; last: string; firstLabel: string; lastLabel: string };
};

export function MeetingForm({ action, initial, rooms, timeZones, submitLabel, roomLocked, dateWindow }: Props) {
  const { state, formAction, onSubmit, pending } = useFormAction(action);
  const [frequency, setFrequency] = useState(initial.frequency);
  // A series always ends (on a date or after a number of meetings); "never" only describes a single meeting.
  const [endKind, setEndKind] = useState<MeetingFormValues['endKind']>(initial.endKind === 'never' ? 'until' : initial.endKind);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const overlap = state && !state.ok && state.code === 'OVERLAP';

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-6">
      {state && !state.ok && <Notice tone={overlap ? 'warning' : 'error'}>{state.message}</Notice>}
      {initial.version && <input type="hidden" name="version" value={initial.version} />}
      <div>
        <label htmlFor="field-roomId" className="block text-sm font-medium text-slate-700">Room</label>
        {roomLocked ? <input type="hidden" name="roomId" value={initial.roomId} /> : null}
        <select id="field-roomId" name={roomLocked ? undefined : 'roomId'} defaultValue={initial.roomId} disabled={roomLocked} className={selectClassName} aria-describedby="field-roomId-error">
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>{r.name}</option>
          ))}
        </select>
        <p id="field-roomId-error" aria-live="polite" className="mt-1 text-sm text-red-700">{errors.roomId?.[0]}</p>
      </div>
      <TextField label="Title" name="title" required maxLength={200} defaultValue={initial.title} errors={errors.title} />
      <TextAreaField label="Description" name="description" rows={3} maxLength={2000} defaultValue={initial.description} errors={errors.description} hint="Optional. Shown on the meeting page and in calendar entries." />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="Date" name="date" type="date" required min={initial.date < dateWindow.first ? initial.date : dateWindow.first} max={dateWindow.last} defaultValue={initial.date} errors={errors.date} hint={`From ${dateWindow.firstLabel} to ${dateWindow.lastLabel}.`} />
        <TextField label="Starts" name="startTime" type="time" required defaultValue={initial.startTime} errors={errors.startTime} />
        <TextField label="Ends" name="endTime" type="time" required defaultValue={initial.endTime} errors={errors.endTime} />
      </div>
      <div>
        <label htmlFor="field-timeZone" className="block text-sm font-medium text-slate-700">Time zone</label>
        <select id="field-timeZone" name="timeZone" defaultValue={initial.timeZone} className={selectClassName} aria-describedby="field-timeZone-hint field-timeZone-error">
          {timeZones.map((z) => (
            <option key={z} value={z}>{z.replace(/_/g, ' ')}</option>
          ))}
        </select>
        <p id="field-timeZone-hint" className="mt-1 text-xs text-slate-500">The date and times above are in this zone. Everyone else sees them in their own.</p>
        <p id="field-timeZone-error" aria-live="polite" className="mt-1 text-sm text-red-700">{errors.timeZone?.[0]}</p>
      </div>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-800">Repeat</legend>
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="field-frequency" className="block text-sm font-medium text-slate-700">Repeats</label>
            <select id="field-frequency" name="frequency" value={frequency} onChange={(e) => setFrequency(e.target.value as MeetingFormValues['frequency'])} className={selectClassName}>
              <option value="none">Does not repeat</option>
              <option value="daily">Daily</option>
              <option value="weekly">Weekly</option>
              <option value="monthly">Monthly (same day of the month)</option>
            </select>
          </div>
          {frequency !== 'none' && (
            <div className="w-40">
              <TextField label={`Every … ${UNIT[frequency]}`} name="interval" type="number" min={1} max={52} defaultValue={initial.interval} errors={errors.interval} />
            </div>
          )}
        </div>
        {frequency === 'weekly' && (
          <div role="group" aria-labelledby="weekdays-label">
            <p id="weekdays-label" className="text-sm font-medium text-slate-700">On</p>
            <div className="mt-1 flex flex-wrap gap-2">
              {WEEKDAYS.map(([value, label]) => (
                <label key={value} className="flex items-center gap-1.5 rounded-md px-2 py-1 text-sm ring-1 ring-slate-300">
                  <input type="checkbox" name="weekdays" value={value} defaultChecked={initial.weekdays.includes(value)} />
                  {label}
                </label>
              ))}
            </div>
            <p className="mt-1 text-xs text-slate-500">None ticked: the weekday of the first date.</p>
            <p aria-live="polite" className="mt-1 text-sm text-red-700">{errors.weekdays?.[0]}</p>
          </div>
        )}
        {frequency !== 'none' && (
          <div className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="field-endKind" className="block text-sm font-medium text-slate-700">Ends</label>
              <select id="field-endKind" name="endKind" value={endKind} onChange={(e) => setEndKind(e.target.value as MeetingFormValues['endKind'])} className={selectClassName} aria-describedby="field-endKind-error">
                <option value="until">On a date</option>
                <option value="count">After a number of meetings</option>
              </select>
            </div>
            {endKind === 'until' && <TextField label="Last date" name="untilDate" type="date" min={dateWindow.first} max={dateWindow.last} defaultValue={initial.untilDate} errors={errors.untilDate} hint={`No later than ${dateWindow.lastLabel}.`} />}
            {endKind === 'count' && <TextField label="Number of meetings" name="count" type="number" min={1} max={500} defaultValue={initial.count} errors={errors.count} hint="At most 500." />}
            <p id="field-endKind-error" aria-live="polite" className="w-full text-sm text-red-700">{errors.endKind?.[0]}</p>
          </div>
        )}
      </fieldset>

      <fieldset className="space-y-2 rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-800">Guests’ personal links</legend>
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input type="checkbox" name="allowLinkSharing" defaultChecked={initial.allowLinkSharing} className="mt-0.5" aria-describedby="field-allowLinkSharing-hint" />
          Allow sharing: several people may use one personal link at the same time
        </label>
        <p id="field-allowLinkSharing-hint" className="text-xs text-slate-500">
          Off (recommended): while someone is in the meeting on a personal link, anyone else who opens it is turned away, so a forwarded link can’t be used. Either way the invite list shows shared and refused uses.
        </p>
      </fieldset>

      {overlap && (
        <label className="flex items-center gap-2 text-sm font-medium text-amber-900">
          <input type="checkbox" name="confirmOverlap" /> Schedule anyway
        </label>
      )}
      <SubmitButton pending={pending} pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
