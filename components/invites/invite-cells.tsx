import { DELIVERY_LABELS, inviteStateText, type InviteStateInput } from '@/lib/invites/state';

type Invitee = { name: string | null; email: string | null; useCount: number; maxUses: number | null; refusedUses: number; sharedUses: number };

/**
 * How often a personal link was used, and whether others tried it: "Used 3 times · 1 refused while in
 * use · shared once". Empty before the first use.
 */
function personalUses(i: Invitee): string {
  const parts = [];
  if (i.useCount) parts.push(i.useCount === 1 ? 'Used once' : `Used ${i.useCount} times`);
  if (i.sharedUses) parts.push(i.sharedUses === 1 ? 'shared once' : `shared ${i.sharedUses} times`);
  if (i.refusedUses) parts.push(`${i.refusedUses} refused while in use`);
  return parts.join(' · ');
}

/** How the revoke and re-send buttons name an invite. */
export function inviteLabel(i: Invitee): string {
  return i.email ? `${i.name ?? ''} <${i.email}>`.trim() : `open link (${i.useCount}/${i.maxUses} used)`;
}

/** Who the invite is for: a person by name and address, or an open link with its uses. */
export function Invitee({ invite: i }: { invite: Invitee }) {
  const uses = i.email ? personalUses(i) : '';
  return i.email ? (
    <>
      <span className="block font-medium text-slate-900">{i.name}</span>
      <span className="block text-xs text-slate-500">{i.email}</span>
      {uses && <span className={`block text-xs ${i.refusedUses || i.sharedUses ? 'font-medium text-amber-800' : 'text-slate-500'}`}>{uses}</span>}
    </>
  ) : (
    <span>Open link · {i.useCount} of {i.maxUses} uses</span>
  );
}

/** Where the invite stands (joined, expired…) and, for mailed invites, its delivery. */
export function InviteState({ invite: i, timeZone, now }: { invite: InviteStateInput & { delivery: string; deliveryError: string | null }; timeZone: string; now: Date }) {
  const mail = DELIVERY_LABELS[i.delivery];
  return (
    <>
      {inviteStateText(i, timeZone, now)}
      {mail && <span className={`block text-xs ${i.delivery === 'FAILED' ? 'text-red-700' : 'text-slate-500'}`}>{mail}{i.delivery === 'FAILED' && i.deliveryError ? `: ${i.deliveryError}` : ''}</span>}
    </>
  );
}
