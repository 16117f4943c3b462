'use server';

import { requirePermission, requireUser } from '@/lib/auth/session';
import { createRoom, deleteRoom, endLiveMeeting, rotateJitsiName, setRoomArchived, transferRoomOwnership, updateRoom } from '@/lib/rooms/mutations';
import { roomFormSchema, roomIdSchema, roomUpdateSchema, transferRoomSchema } from '@/lib/rooms/schemas';
import { serverAction } from '@/lib/safe-action';

const manageAnyRoom = () => requirePermission('rooms.manage_any');

export const createRoomAction = serverAction({
  caller: () => requirePermission('rooms.create'),
  input: roomFormSchema,
  run: (user, input) => createRoom(user, input),
  revalidate: '/',
  redirectTo: ({ slug }) => `/rooms/${slug}?created=1`,
});

export const updateRoomAction = serverAction({
  caller: requireUser,
  input: roomUpdateSchema,
  args: ['roomId'],
  run: (user, { roomId, version, ...input }) => updateRoom(user, roomId, version, input),
  revalidate: '/',
  redirectTo: ({ slug }) => `/rooms/${slug}?saved=1`,
});

export const rotateLinkAction = serverAction({
  caller: requireUser,
  input: roomIdSchema,
  invalidInput: 'not-found',
  run: (user, { roomId }) => rotateJitsiName(user, roomId),
  revalidate: 'layout',
});

/** Ends the room's live meeting for everyone: closes its sessions; open meeting pages leave on their next heartbeat. */
export const endLiveMeetingAction = serverAction({
  caller: requireUser,
  input: roomIdSchema,
  args: ['roomId'],
  invalidInput: 'not-found',
  run: (user, { roomId }) => endLiveMeeting(user, roomId),
  revalidate: 'layout',
});

/**
 * The same, from inside the meeting (a moderator's *End meeting for everyone*), without re-rendering
 * any page: the caller's own meeting page ends the conference in Jitsi and goes back by itself, and a
 * re-render would first replace it with "was ended" and leave the person there.
 */
export const endMeetingFromCallAction = serverAction({
  caller: requireUser,
  input: roomIdSchema,
  args: ['roomId'],
  invalidInput: 'not-found',
  run: (user, { roomId }) => endLiveMeeting(user, roomId),
});

export const archiveRoomAction = serverAction({
  caller: requireUser,
  input: roomIdSchema,
  invalidInput: 'not-found',
  run: (user, { roomId }) => setRoomArchived(user, roomId, true),
  revalidate: 'layout',
});

export const unarchiveRoomAction = serverAction({
  caller: requireUser,
  input: roomIdSchema,
  invalidInput: 'not-found',
  run: (user, { roomId }) => setRoomArchived(user, roomId, false),
  revalidate: 'layout',
});

export const deleteRoomAction = serverAction({
  caller: requireUser,
  input: roomIdSchema,
  invalidInput: 'not-found',
  run: (user, { roomId }) => deleteRoom(user, roomId),
  revalidate: 'layout',
  redirectTo: () => '/rooms?deleted=1',
});

/** Admin room list: delete and stay on the list (the room page's delete goes back to "my rooms"). */
export const deleteRoomFromListAction = serverAction({
  caller: manageAnyRoom,
  input: roomIdSchema,
  invalidInput: 'not-found',
  run: (admin, { roomId }) => deleteRoom(admin, roomId),
  revalidate: 'layout',
});

export const transferRoomAction = serverAction({
  caller: manageAnyRoom,
  input: transferRoomSchema,
  run: (admin, { roomId, ownerEmail }) => transferRoomOwnership(admin, roomId, ownerEmail),
  revalidate: 'layout',
});
