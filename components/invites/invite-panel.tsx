'use client';

import { useActionState, useState } from 'react';
import { createInviteAction, resendInviteAction, revokeInviteAction } from '@/lib/invites/actions';
import { useFormAction } from '@/components/ui/use-form-action';
import { TextField, selectClassName } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { SubmitButton } from '@/components/ui/submit-button';

function CreatedLink({ link }: { link: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor="invite-link" className="block text-sm font-medium text-slate-700">Invite link (shown once — copy it now)</label>
      <input id="invite-link" readOnly value={link} onFocus={(e) => e.target.select()} className="block w-full rounded-md bg-slate-50 px-3 py-2 font-mono text-xs ring-1 ring-slate-300" />
    </div>
  );
}

function PersonalInviteForm({ meetingId, canMail }: { meetingId: string; canMail: boolean }) {
  const { state, formAction, onSubmit, pending } = useFormAction(createInviteAction);
  const [role, setRole] = useState('GUEST');
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-3">
      <input type="hidden" name="kind" value="personal" />
      <input type="hidden" name="meetingId" value={meetingId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Guest’s name" name="name" maxLength={200} errors={errors.name} />
        <TextField label="Guest’s email" name="email" type="email" errors={errors.email} />
      </div>
      <div>
        <label htmlFor="invite-role" className="block text-sm font-medium text-slate-700">Joins as</label>
        <select id="invite-role" name="role" value={role} onChange={(e) => setRole(e.target.value)} className={selectClassName}>
          <option value="GUEST">Guest (participant)</option>
          <option value="CO_HOST">Co-host (moderator) — for an external presenter</option>
        </select>
        {role === 'CO_HOST' && <p className="mt-1 text-xs text-amber-800">Co-hosts can mute and remove people, and start recordings if the room allows.</p>}
      </div>
      {canMail && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="mail" defaultChecked /> Email the invitation (with its calendar entry)
        </label>
      )}
      {state && !state.ok && !state.fieldErrors && <Notice tone="error">{state.message}</Notice>}
      {state?.ok && (state.data.link ? <CreatedLink link={state.data.link} /> : <Notice tone="success">Invitation queued for mailing.</Notice>)}
      <SubmitButton pending={pending} variant="secondary" pendingLabel="Creating…">Create personal invite</SubmitButton>
    </form>
  );
}

function OpenLinkForm({ meetingId }: { meetingId: string }) {
  const { state, formAction, onSubmit, pending } = useFormAction(createInviteAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-3">
      <input type="hidden" name="kind" value="link" />
      <input type="hidden" name="meetingId" value={meetingId} />
      <div className="w-48">
        <TextField label="How many people may use it" name="maxUses" type="number" min={1} max={10000} defaultValue={10} errors={errors.maxUses} />
      </div>
      {state && !state.ok && !state.fieldErrors && <Notice tone="error">{state.message}</Notice>}
      {state?.ok && state.data.link && <CreatedLink link={state.data.link} />}
      <SubmitButton pending={pending} variant="secondary" pendingLabel="Creating…">Create open link</SubmitButton>
    </form>
  );
}

export function RevokeInviteButton({ inviteId, meetingId, label }: { inviteId: string; meetingId: string; label: string }) {
  const [state, formAction, pending] = useActionState(revokeInviteAction, null);
  return (
    <form action={formAction} onSubmit={(e) => !window.confirm(`Revoke the invite for ${label}? The link stops working at once.`) && e.preventDefault()}>
      <input type="hidden" name="inviteId" value={inviteId} />
      <input type="hidden" name="meetingId" value={meetingId} />
      <button disabled={pending} aria-label={`Revoke the invite for ${label}`} className="text-xs font-medium text-red-700 hover:underline disabled:opacity-50">Revoke</button>
      {state && !state.ok && <span aria-live="polite" className="ml-2 text-xs text-red-700">{state.message}</span>}
    </form>
  );
}

export function InviteForms({ meetingId, canMail }: { meetingId: string; canMail: boolean }) {
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-800">Invite one person</h3>
        <PersonalInviteForm meetingId={meetingId} canMail={canMail} />
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-800">Or share an open link</h3>
        <OpenLinkForm meetingId={meetingId} />
      </div>
    </div>
  );
}

export function ResendInviteButton({ inviteId, meetingId, label }: { inviteId: string; meetingId: string; label: string }) {
  const [state, formAction, pending] = useActionState(resendInviteAction, null);
  return (
    <form action={formAction} onSubmit={(e) => !window.confirm(`Send ${label} a new invitation mail? Their previous link stops working.`) && e.preventDefault()}>
      <input type="hidden" name="inviteId" value={inviteId} />
      <input type="hidden" name="meetingId" value={meetingId} />
      <button disabled={pending} aria-label={`Re-send the invitation to ${label}`} className="text-xs font-medium text-brand-700 hover:underline disabled:opacity-50">Re-send</button>
      {state && !state.ok && <span aria-live="polite" className="ml-2 text-xs text-red-700">{state.message}</span>}
    </form>
  );
}
