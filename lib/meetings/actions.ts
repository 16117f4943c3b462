'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { fail, formInput, fromError, ok, validationFailure, type ActionResult } from '@/lib/action-result';
import { requireUser } from '@/lib/auth/session';
import { cancelMeeting, cancelOccurrence, createMeeting, OverlapError, updateMeeting } from '@/lib/meetings/mutations';
import { meetingFormSchema, meetingIdSchema, occurrenceSchema } from '@/lib/meetings/schemas';

function meetingError(error: unknown): ActionResult<never> {
  if (error instanceof OverlapError) return fail('OVERLAP', error.message);
  return fromError(error);
}

export async function createMeetingAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = meetingFormSchema.safeParse(formInput(formData));
  if (!parsed.success) return validationFailure(parsed.error);
  let id: string;
  try {
    ({ id } = await createMeeting(user, parsed.data));
  } catch (error) {
    return meetingError(error);
  }
  revalidatePath('/', 'layout');
  redirect(`/meetings/${id}?created=1`);
}

export async function updateMeetingAction(meetingId: string, _prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = meetingFormSchema.safeParse(formInput(formData));
  if (!parsed.success) return validationFailure(parsed.error);
  if (!parsed.data.version) return fail('VALIDATION');
  try {
    await updateMeeting(user, meetingId, parsed.data.version, parsed.data);
  } catch (error) {
    return meetingError(error);
  }
  revalidatePath('/', 'layout');
  redirect(`/meetings/${meetingId}?saved=1`);
}

export async function cancelMeetingAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = meetingIdSchema.safeParse(formInput(formData));
  if (!parsed.success) return fail('NOT_FOUND');
  try {
    await cancelMeeting(user, parsed.data.meetingId);
  } catch (error) {
    return fromError(error);
  }
  revalidatePath('/', 'layout');
  return ok(undefined);
}

export async function cancelOccurrenceAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = occurrenceSchema.safeParse(formInput(formData));
  if (!parsed.success) return fail('NOT_FOUND');
  try {
    await cancelOccurrence(user, parsed.data.meetingId, new Date(parsed.data.occurrence));
  } catch (error) {
    return fromError(error);
  }
  revalidatePath('/', 'layout');
  return ok(undefined);
}
