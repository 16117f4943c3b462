'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { fail, formInput, fromError, ok, validationFailure, type ActionResult } from '@/lib/action-result';
import { requirePermission, requireUser } from '@/lib/auth/session';
import { createRoom, deleteRoom, RoomFieldError, rotateJitsiName, setRoomArchived, transferRoomOwnership, updateRoom } from '@/lib/rooms/mutations';
import { roomFormSchema, roomIdSchema, transferRoomSchema } from '@/lib/rooms/schemas';

function roomError(error: unknown): ActionResult<never> {
  if (error instanceof RoomFieldError) return fail('VALIDATION', 'Some fields need your attention.', { [error.field]: [error.message] });
  return fromError(error);
}

export async function createRoomAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requirePermission('rooms.create');
  const parsed = roomFormSchema.safeParse(formInput(formData));
  if (!parsed.success) return validationFailure(parsed.error);
  let slug: string;
  try {
    ({ slug } = await createRoom(user, parsed.data));
  } catch (error) {
    return roomError(error);
  }
  revalidatePath('/');
  redirect(`/rooms/${slug}?created=1`);
}

export async function updateRoomAction(roomId: string, _prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = roomFormSchema.safeParse(formInput(formData));
  if (!parsed.success) return validationFailure(parsed.error);
  if (!parsed.data.version) return fail('VALIDATION');
  let slug: string;
  try {
    ({ slug } = await updateRoom(user, roomId, parsed.data.version, parsed.data));
  } catch (error) {
    return roomError(error);
  }
  revalidatePath('/');
  redirect(`/rooms/${slug}?saved=1`);
}

async function roomCommand(formData: FormData, command: (user: Awaited<ReturnType<typeof requireUser>>, roomId: string) => Promise<void>): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = roomIdSchema.safeParse(formInput(formData));
  if (!parsed.success) return fail('NOT_FOUND');
  try {
    await command(user, parsed.data.roomId);
  } catch (error) {
    return fromError(error);
  }
  revalidatePath('/', 'layout');
  return ok(undefined);
}

export async function rotateLinkAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return roomCommand(formData, (user, roomId) => rotateJitsiName(user, roomId));
}

export async function archiveRoomAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return roomCommand(formData, (user, roomId) => setRoomArchived(user, roomId, true));
}

export async function unarchiveRoomAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return roomCommand(formData, (user, roomId) => setRoomArchived(user, roomId, false));
}

export async function deleteRoomAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await roomCommand(formData, (user, roomId) => deleteRoom(user, roomId));
  if (!result.ok) return result;
  redirect('/rooms?deleted=1');
}


/** Admin room list: delete and stay on the list (the room page's delete goes back to "my rooms"). */
export async function deleteRoomFromListAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  await requirePermission('rooms.manage_any');
  return roomCommand(formData, (user, roomId) => deleteRoom(user, roomId));
}

export async function transferRoomAction(_prev: ActionResult<{ ownerEmail: string }> | null, formData: FormData): Promise<ActionResult<{ ownerEmail: string }>> {
  const user = await requirePermission('rooms.manage_any');
  const parsed = transferRoomSchema.safeParse(formInput(formData));
  if (!parsed.success) return validationFailure(parsed.error);
  let result: { ownerEmail: string };
  try {
    result = await transferRoomOwnership(user, parsed.data.roomId, parsed.data.ownerEmail);
  } catch (error) {
    return fromError(error);
  }
  revalidatePath('/', 'layout');
  return ok(result);
}
