'use client';

import { useFormAction } from '@/components/ui/use-form-action';
import { updateNotificationSettingsAction } from '@/lib/users/profile-actions';
import { selectClassName } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { DIGEST_HOUR, REMINDER_CHOICES } from '@/lib/notifications/settings';

const label = (minutes: number) => (minutes === 0 ? 'No reminders' : minutes === 60 ? '1 hour before' : `${minutes} minutes before`);

export function NotificationForm({ reminderMinutes, updateMails, digestMails }: { reminderMinutes: number; updateMails: boolean; digestMails: boolean }) {
  const { state, formAction, onSubmit, pending } = useFormAction(updateNotificationSettingsAction);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4">
      <div className="max-w-xs">
        <label htmlFor="reminderMinutes" className="block text-sm font-medium text-slate-700">Remind me of meetings</label>
        <select id="reminderMinutes" name="reminderMinutes" defaultValue={String(reminderMinutes)} className={selectClassName}>
          {REMINDER_CHOICES.map((m) => (
            <option key={m} value={m}>{label(m)}</option>
          ))}
        </select>
        <p className="mt-1 text-xs text-slate-500">A mail before each meeting you host, co-host, take part in or are invited to. Your guests are reminded this long before too (10 minutes if you turn yours off).</p>
      </div>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="updateMails" defaultChecked={updateMails} className="mt-0.5 h-4 w-4 rounded border-slate-300" />
        <span>
          Mail me when a meeting changes or is cancelled
          <span className="block text-xs text-slate-500">The mail carries the updated calendar entry, so your calendar follows.</span>
        </span>
      </label>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="digestMails" defaultChecked={digestMails} className="mt-0.5 h-4 w-4 rounded border-slate-300" />
        <span>
          Mail me a list of the day’s meetings each morning
          <span className="block text-xs text-slate-500">At {DIGEST_HOUR}:00 your time, only on days with meetings.</span>
        </span>
      </label>
      <div className="flex items-center gap-3">
        <SubmitButton pending={pending} variant="secondary" pendingLabel="Saving…">Save</SubmitButton>
        <p aria-live="polite" className="text-sm">
          {state?.ok ? <span className="text-green-700">Saved.</span> : state ? <span className="text-red-700">{state.fieldErrors?.reminderMinutes?.[0] ?? state.message}</span> : null}
        </p>
      </div>
    </form>
  );
}
