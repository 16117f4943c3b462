'use client';

import { useActionState } from 'react';
import { archiveRoomAction, deleteRoomFromListAction, rotateLinkAction, transferRoomAction, unarchiveRoomAction } from '@/lib/rooms/actions';
import { useFormAction } from '@/components/ui/use-form-action';

type Props = { room: { id: string; name: string; archived: boolean; upcomingMeetings: number } };

const button = 'rounded-md px-2.5 py-1 text-xs font-medium ring-1 disabled:opacity-50';

function confirmed(message: string) {
  return (event: React.FormEvent) => {
    if (!window.confirm(message)) event.preventDefault();
  };
}

export function AdminRoomActions({ room }: Props) {
  const [rotateState, rotate, rotating] = useActionState(rotateLinkAction, null);
  const [archiveState, archive, archiving] = useActionState(archiveRoomAction, null);
  const [restoreState, restore, restoring] = useActionState(unarchiveRoomAction, null);
  const [deleteState, remove, deleting] = useActionState(deleteRoomFromListAction, null);
  const transfer = useFormAction(transferRoomAction);
  const error = [rotateState, archiveState, restoreState, deleteState].find((s) => s && !s.ok);
  const transferError = transfer.state && !transfer.state.ok ? (transfer.state.fieldErrors?.ownerEmail?.[0] ?? transfer.state.message) : null;
  const cancels = room.upcomingMeetings ? ` Its ${room.upcomingMeetings} upcoming ${room.upcomingMeetings === 1 ? 'meeting is' : 'meetings are'} cancelled and every invitation stops working.` : '';

  return (
    <div className="flex w-full max-w-xs flex-col items-end gap-2 sm:w-auto">
      <div className="flex flex-wrap justify-end gap-2">
        <form action={rotate} onSubmit={confirmed(`Give “${room.name}” a new meeting link? Anyone still in the meeting stays; old links stop working.`)}>
          <input type="hidden" name="roomId" value={room.id} />
          <button disabled={rotating} className={`${button} ring-slate-300 hover:bg-slate-50`}>New link</button>
        </form>
        {room.archived ? (
          <form action={restore}>
            <input type="hidden" name="roomId" value={room.id} />
            <button disabled={restoring} className={`${button} ring-slate-300 hover:bg-slate-50`}>Restore</button>
          </form>
        ) : (
          <form action={archive} onSubmit={confirmed(`Archive “${room.name}”? Nobody can join it until it is restored.`)}>
            <input type="hidden" name="roomId" value={room.id} />
            <button disabled={archiving} className={`${button} ring-slate-300 hover:bg-slate-50`}>Archive</button>
          </form>
        )}
        <form action={remove} onSubmit={confirmed(`Delete “${room.name}” for good?${cancels}`)}>
          <input type="hidden" name="roomId" value={room.id} />
          <button disabled={deleting} className={`${button} text-red-700 ring-red-300 hover:bg-red-50`}>Delete</button>
        </form>
      </div>
      <form action={transfer.formAction} onSubmit={transfer.onSubmit} className="flex gap-2" noValidate>
        <input type="hidden" name="roomId" value={room.id} />
        <label className="sr-only" htmlFor={`owner-${room.id}`}>New host for {room.name}</label>
        <input
          id={`owner-${room.id}`}
          name="ownerEmail"
          type="email"
          placeholder="New host’s email"
          aria-invalid={!!transferError}
          aria-describedby={`owner-${room.id}-message`}
          className="w-44 rounded-md px-2 py-1 text-xs ring-1 ring-slate-300"
        />
        <button disabled={transfer.pending} className={`${button} ring-slate-300 hover:bg-slate-50`}>Transfer</button>
      </form>
      <p id={`owner-${room.id}-message`} aria-live="polite" className="space-y-0.5 text-right text-xs">
        {transferError && <span className="block text-red-700">{transferError}</span>}
        {transfer.state?.ok && <span className="block text-green-700">{transfer.state.data.ownerEmail} now hosts this room.</span>}
        {rotateState?.ok && <span className="block text-green-700">New link made: old links no longer work.</span>}
        {error && !error.ok && <span className="block text-red-700">{error.message}</span>}
      </p>
    </div>
  );
}
