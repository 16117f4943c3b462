'use client';

import { useFormAction } from '@/components/ui/use-form-action';
import { updateTimeZoneAction } from '@/lib/users/profile-actions';
import { selectClassName } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';

export function TimeZoneForm({ current, timeZones }: { current: string; timeZones: string[] }) {
  const { state, formAction, onSubmit, pending } = useFormAction(updateTimeZoneAction);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1">
        <label htmlFor="tz" className="block text-sm font-medium text-slate-700">Your time zone</label>
        <select id="tz" name="timeZone" defaultValue={current} className={selectClassName}>
          {timeZones.map((z) => (
            <option key={z} value={z}>{z.replace(/_/g, ' ')}</option>
          ))}
        </select>
      </div>
      <SubmitButton pending={pending} variant="secondary" pendingLabel="Saving…">Save</SubmitButton>
      <p aria-live="polite" className="basis-full text-sm">
        {state?.ok ? <span className="text-green-700">Saved.</span> : state ? <span className="text-red-700">{state.fieldErrors?.timeZone?.[0] ?? state.message}</span> : null}
      </p>
    </form>
  );
}
