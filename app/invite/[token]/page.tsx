import type { Metadata } from 'next';
import { getInvitePage } from '@/lib/invites/redeem';
import { INVALID_INVITE } from '@/lib/invites/redeem';
import { meetingWindowRefusal } from '@/lib/jitsi/join';
import { nextOccurrence } from '@/lib/meetings/recurrence';
import { GuestJoin } from '@/components/invites/guest-join';

export const metadata: Metadata = { title: 'Your invitation', referrer: 'no-referrer', robots: { index: false } };

/** The personal invite page for people without an account. Opening it changes nothing: joining is a POST. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await getInvitePage(token);
  if (!invite) {
    return (
      <main className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">This link can’t be used</h1>
        <p className="mt-3 text-slate-700">{INVALID_INVITE}</p>
      </main>
    );
  }
  const now = new Date();
  const next = nextOccurrence(invite.meeting, now);
  const refusal = meetingWindowRefusal({ ...invite.meeting, title: invite.title }, now, invite.meeting.timeZone);
  return (
    <main className="px-4 py-6">
      <GuestJoin
        token={token}
        title={invite.title}
        roomName={invite.roomName}
        host={invite.host}
        description={invite.description}
        startsAt={next?.startsAt.toISOString() ?? null}
        endsAt={next?.endsAt.toISOString() ?? null}
        defaultName={invite.personalName ?? ''}
        personal={invite.personal}
        notOpenYet={refusal?.message ?? null}
      />
    </main>
  );
}
