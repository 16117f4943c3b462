'use client';

import { useFormAction } from '@/components/ui/use-form-action';
import { useState } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { slugify, type RoomFormValues } from '@/lib/rooms/schemas';
import { CheckboxField, selectClassName, TextAreaField, TextField } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { SubmitButton } from '@/components/ui/submit-button';

type Props = {
  action: (prev: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  initial: RoomFormValues;
  submitLabel: string;
  /** Jitsi's events are on: the portal knows how many are in, so a participant limit can apply. */
  eventsEnabled: boolean;
};

export function RoomForm({ action, initial, submitLabel, eventsEnabled }: Props) {
  const { state, formAction, onSubmit, pending } = useFormAction(action);
  const [slug, setSlug] = useState(initial.slug);
  const [slugEdited, setSlugEdited] = useState(!!initial.slug);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-6">
      {state && !state.ok && (
        <Notice tone="error" title={state.code === 'CONFLICT' ? 'Not saved' : undefined}>
          {state.message}
        </Notice>
      )}
      {initial.version && <input type="hidden" name="version" value={initial.version} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Room name"
          name="name"
          required
          maxLength={80}
          defaultValue={initial.name}
          errors={errors.name}
          onChange={(e) => !slugEdited && setSlug(slugify(e.target.value))}
        />
        <TextField
          label="Address"
          name="slug"
          required
          maxLength={60}
          value={slug}
          onChange={(e) => {
            setSlugEdited(true);
            setSlug(e.target.value);
          }}
          hint={`Shown in the portal as /rooms/${slug || '…'}. The Jitsi room name is separate and secret.`}
          errors={errors.slug}
        />
      </div>
      <TextAreaField label="Description" name="description" rows={2} maxLength={1000} defaultValue={initial.description} errors={errors.description} />
      <TextAreaField
        label="Co-hosts"
        name="coHosts"
        rows={2}
        defaultValue={initial.coHosts}
        placeholder="colleague@example.com, another@example.com"
        hint="Employees who may edit this room and schedule meetings in it. They join as moderators."
        errors={errors.coHosts}
      />
      <TextAreaField
        label="Participants"
        name="participants"
        rows={2}
        defaultValue={initial.participants}
        placeholder="teammate@example.com"
        hint="Employees who may join this room’s meetings (as participants). Guests are invited per meeting."
        errors={errors.participants}
      />
      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-800">Meeting settings</legend>
        <CheckboxField name="alwaysOpen" label="Always open" hint="Can be joined at any time, not only around scheduled meetings." defaultChecked={initial.alwaysOpen} />
        <CheckboxField name="guestsAllowed" label="Guests allowed" hint="Hosts can invite people without an account." defaultChecked={initial.guestsAllowed} />
        <div>
          <label htmlFor="field-lobby" className="block text-sm font-medium text-slate-800">Lobby</label>
          <select id="field-lobby" name="lobby" defaultValue={initial.lobby} className={selectClassName} aria-describedby="field-lobby-hint field-lobby-error">
            <option value="OFF">Off — everyone walks in</option>
            <option value="GUESTS">Guests wait — people on an open invite link wait; employees and people invited by address walk in</option>
            <option value="EVERYONE">Everyone waits except hosts and co-hosts</option>
          </select>
          <p id="field-lobby-hint" className="mt-1 text-xs text-slate-500">Whoever waits is let in or turned away by a host or co-host in the meeting. Hosts, co-hosts and admins never wait.</p>
          <p id="field-lobby-error" aria-live="polite" className="mt-1 text-sm text-red-700">{errors.lobby?.[0]}</p>
        </div>
        {eventsEnabled ? (
          <TextField
            label="Participant limit"
            name="maxParticipants"
            inputMode="numeric"
            maxLength={6}
            defaultValue={initial.maxParticipants}
            hint="Leave empty for no limit. When this many people are in a meeting, others are turned away with a message; hosts and co-hosts always get in."
            errors={errors.maxParticipants}
          />
        ) : (
          <div>
            <input type="hidden" name="maxParticipants" value={initial.maxParticipants} />
            <p className="text-sm font-medium text-slate-800">Participant limit</p>
            <p className="mt-1 text-xs text-slate-500" data-testid="limit-needs-events">
              Needs Jitsi’s server events: without them Gatehouse cannot know how many people are in a meeting. An admin turns them on with JITSI_EVENTS_SECRET and the event_sync lines on Jitsi setup.
            </p>
          </div>
        )}
        <CheckboxField name="startAudioMuted" label="Start with microphones muted" defaultChecked={initial.startAudioMuted} />
        <CheckboxField name="startVideoMuted" label="Start with cameras off" defaultChecked={initial.startVideoMuted} />
        <CheckboxField name="everyoneCanShareScreen" label="Everyone may share their screen" hint="Otherwise only moderators can." defaultChecked={initial.everyoneCanShareScreen} />
      </fieldset>
      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-800">Moderators may use</legend>
        <CheckboxField name="moderatorRecording" label="Recording" defaultChecked={initial.moderatorRecording} />
        <CheckboxField name="moderatorLivestreaming" label="Live streaming" defaultChecked={initial.moderatorLivestreaming} />
        <CheckboxField name="moderatorTranscription" label="Transcription" defaultChecked={initial.moderatorTranscription} />
      </fieldset>
      <SubmitButton pending={pending} pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}

export const emptyRoom: RoomFormValues = {
  name: '',
  slug: '',
  description: '',
  coHosts: '',
  participants: '',
  alwaysOpen: false,
  guestsAllowed: false,
  lobby: 'OFF',
  maxParticipants: '',
  startAudioMuted: false,
  startVideoMuted: false,
  moderatorRecording: false,
  moderatorLivestreaming: false,
  moderatorTranscription: false,
  everyoneCanShareScreen: true,
};
