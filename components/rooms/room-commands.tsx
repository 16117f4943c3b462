'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { archiveRoomAction, deleteRoomAction, endLiveMeetingAction, rotateLinkAction, unarchiveRoomAction } from '@/lib/rooms/actions';

type Command = (prev: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown>>;

function CommandButton({ roomId, action, label, confirmText, danger, doneText }: { roomId: string; action: Command; label: string; confirmText?: string; danger?: boolean; doneText?: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (confirmText && !window.confirm(confirmText)) e.preventDefault();
      }}
    >
      <input type="hidden" name="roomId" value={roomId} />
      <button
        disabled={pending}
        className={`rounded-md px-3 py-1.5 text-sm font-medium ring-1 disabled:opacity-50 ${danger ? 'text-red-700 ring-red-300 hover:bg-red-50' : 'text-slate-700 ring-slate-300 hover:bg-slate-50'}`}
      >
        {label}
      </button>
      <p aria-live="polite" className="mt-1 text-xs">
        {state?.ok ? <span className="text-green-700">{doneText}</span> : state ? <span className="text-red-700">{state.message}</span> : null}
      </p>
    </form>
  );
}

type Props = { roomId: string; roomName: string; archived: boolean; canArchive: boolean; canDelete: boolean; upcomingTitles: string[] };

export function RoomCommands({ roomId, roomName, archived, canArchive, canDelete, upcomingTitles }: Props) {
  const cancelled = upcomingTitles.length
    ? `\n\nThese upcoming meetings will be cancelled:\n• ${upcomingTitles.slice(0, 10).join('\n• ')}${upcomingTitles.length > 10 ? `\n…and ${upcomingTitles.length - 10} more` : ''}`
    : '\n\nIt has no upcoming meetings.';
  return (
    <div className="flex flex-wrap gap-3">
      <CommandButton
        roomId={roomId}
        action={rotateLinkAction}
        label="New meeting link"
        doneText="Done: old links no longer work."
        confirmText={`Give "${roomName}" a new Jitsi link? Anyone still using the old link (or a leaked one) can no longer enter.`}
      />
      {!archived && (
        <CommandButton
          roomId={roomId}
          action={endLiveMeetingAction.bind(null, roomId)}
          label="End live meeting for everyone"
          danger
          doneText="Ended: everyone’s attendance is closed, open meeting pages close within a minute, and nobody can rejoin the meeting that was on."
          confirmText={`End the meeting going on in "${roomName}" for everyone? Their meeting pages close within a minute and they cannot rejoin this meeting.`}
        />
      )}
      {canArchive &&
        (archived ? (
          <CommandButton roomId={roomId} action={unarchiveRoomAction} label="Restore room" doneText="Restored." />
        ) : (
          <CommandButton roomId={roomId} action={archiveRoomAction} label="Archive" doneText="Archived." confirmText={`Archive "${roomName}"? Nobody can join it until it is restored.`} />
        ))}
      {canDelete && (
        <CommandButton roomId={roomId} action={deleteRoomAction} label="Delete room" danger confirmText={`Delete "${roomName}" for good?${cancelled}`} />
      )}
    </div>
  );
}
