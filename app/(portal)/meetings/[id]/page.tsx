import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { joinWindow } from '@/lib/meetings/join-window';
import { getMeetingForViewer } from '@/lib/meetings/queries';
import { describeRecurrence, expandOccurrences } from '@/lib/meetings/recurrence';
import { formatInZone, relativeStart } from '@/lib/time/zones';
import { Notice } from '@/components/ui/notice';
import { CancelMeetingButton, CancelOccurrenceButton } from '@/components/meetings/meeting-commands';
import { InviteForms } from '@/components/invites/invite-panel';
import { InviteList } from '@/components/invites/invite-list';
import { MeetingAttendance } from '@/components/meetings/meeting-attendance';
import { LiveCount } from '@/components/rooms/live-count';
import { DeliveryProgress } from '@/components/invites/delivery-progress';
import { inviteDeliveryProgress } from '@/lib/invites/delivery';
import { NotificationDelivery } from '@/components/meetings/notification-delivery';
import { notificationDelivery } from '@/lib/notifications/queries';
import { mailDelivery } from '@/lib/mail/send';
import { pageNumber } from '@/components/ui/pager';

export const metadata: Metadata = { title: 'Meeting' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; saved?: string; q?: string; page?: string }> };

export default async function MeetingPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const meeting = await getMeetingForViewer(user, (await params).id);
  if (!meeting) notFound();
  const { created, saved, q, page } = await searchParams;
  const now = new Date();
  const occurrences = expandOccurrences(meeting, { from: now, to: new Date(now.getTime() + 366 * 86_400_000) }).slice(0, 12);
  const next = meeting.cancelledAt ? undefined : occurrences.find((o) => !o.cancelled);
  const window = next ? joinWindow(next, now, getEnv().JOIN_WINDOW_MINUTES) : null;
  const zone = user.timeZone;

  return (
    <div className="max-w-3xl space-y-6">
      {created && <Notice tone="success">Meeting scheduled.</Notice>}
      {saved && <Notice tone="success">Changes saved.</Notice>}
      {meeting.cancelledAt && <Notice tone="warning">This meeting was cancelled.</Notice>}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{meeting.title}</h1>
          <p className="mt-1 text-sm text-slate-600">
            in <Link href={`/rooms/${meeting.room.slug}`} className="font-medium hover:underline">{meeting.room.name}</Link> · organised by {meeting.organizer.name ?? meeting.organizer.email}
          </p>
          {meeting.canEdit && (
            <div className="mt-2">
              <LiveCount slug={meeting.room.slug} />
            </div>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <a href={`/meetings/${meeting.id}/ics`} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">Add to calendar (.ics)</a>
          {meeting.canEdit && !meeting.cancelledAt && (
            <>
              <Link href={`/meetings/${meeting.id}/edit`} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">Edit</Link>
              <CancelMeetingButton meetingId={meeting.id} recurring={!!meeting.recurrence} />
            </>
          )}
        </div>
      </div>

      <dl className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">When</dt>
          <dd className="font-medium text-slate-900">
            {next ? `${formatInZone(next.startsAt, zone, 'full')} – ${formatInZone(next.endsAt, zone, 'time')}` : 'No upcoming date'}
          </dd>
          {meeting.timeZone !== zone && next && (
            <dd className="text-xs text-slate-500">Planned in {meeting.timeZone.replace(/_/g, ' ')}: {formatInZone(next.startsAt, meeting.timeZone, 'full')}</dd>
          )}
        </div>
        <div>
          <dt className="text-slate-500">Repeats</dt>
          <dd className="font-medium text-slate-900">{describeRecurrence(meeting.recurrence, meeting.timeZone)}</dd>
        </div>
        {window && next && (
          <div className="sm:col-span-2">
            <dt className="text-slate-500">Joining</dt>
            <dd className="font-medium text-slate-900">
              {window.state === 'open' ? (
                <Link href={`/meetings/${meeting.id}/join`} className="inline-block rounded-md bg-green-600 px-4 py-2 text-sm font-semibold text-white hover:bg-green-700">
                  Join now ({relativeStart(next.startsAt, now)})
                </Link>
              ) : window.state === 'early' ? `Opens ${formatInZone(window.opensAt, zone, 'time')}, ${getEnv().JOIN_WINDOW_MINUTES} minutes before the start (${relativeStart(next.startsAt, now)})` : 'This meeting has ended'}
            </dd>
          </div>
        )}
      </dl>

      {meeting.description && <p className="whitespace-pre-wrap text-slate-700">{meeting.description}</p>}

      {meeting.canEdit && !meeting.cancelledAt && (
        <section aria-labelledby="guests" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="guests" className="text-lg font-semibold text-slate-900">Guests</h2>
          {meeting.room.guestsAllowed ? (
            <>
              <InviteForms meetingId={meeting.id} canMail={mailDelivery() !== 'none'} />
              <p className="text-sm">
                <Link href={`/meetings/${meeting.id}/invite-many`} className="font-semibold text-brand-700 hover:underline">Invite many people from a CSV file →</Link>
              </p>
              <DeliveryProgress {...(await inviteDeliveryProgress(meeting.id))} />
              <InviteList meetingId={meeting.id} timeZone={zone} canMail={mailDelivery() !== 'none'} search={(typeof q === 'string' && q.trim().slice(0, 100)) || undefined} page={pageNumber(page)} />
            </>
          ) : (
            <p className="text-sm text-slate-600">
              This room does not admit guests. Turn on “Guests allowed” in the <Link href={`/rooms/${meeting.room.slug}/edit`} className="underline">room’s settings</Link> to invite people without an account.
            </p>
          )}
        </section>
      )}

      {meeting.canEdit && <MeetingAttendance meetingId={meeting.id} timeZone={zone} />}
      {meeting.canEdit && <NotificationDelivery {...await notificationDelivery(meeting.id)} timeZone={zone} />}

      {meeting.recurrence && !meeting.cancelledAt && (
        <section aria-labelledby="dates">
          <h2 id="dates" className="mb-2 text-lg font-semibold text-slate-900">Next dates</h2>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {occurrences.map((o) => {
              const label = formatInZone(o.startsAt, zone, 'short');
              return (
                <li key={o.startsAt.toISOString()} className="flex items-center justify-between px-4 py-2 text-sm">
                  <span className={o.cancelled ? 'text-slate-400 line-through' : 'text-slate-800'}>{label}–{formatInZone(o.endsAt, zone, 'time')}</span>
                  {o.cancelled ? <span className="text-xs text-slate-500">Cancelled</span> : meeting.canEdit && <CancelOccurrenceButton meetingId={meeting.id} occurrence={o.startsAt.toISOString()} label={label} />}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}
