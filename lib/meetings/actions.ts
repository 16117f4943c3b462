'use server';

import { requireUser } from '@/lib/auth/session';
import { cancelMeeting, cancelOccurrence, createMeeting, updateMeeting } from '@/lib/meetings/mutations';
import { meetingFormSchema, meetingIdSchema, meetingUpdateSchema, occurrenceSchema } from '@/lib/meetings/schemas';
import { serverAction } from '@/lib/safe-action';

export const createMeetingAction = serverAction({
  caller: requireUser,
  input: meetingFormSchema,
  run: (user, input) => createMeeting(user, input),
  revalidate: 'layout',
  redirectTo: ({ id }) => `/meetings/${id}?created=1`,
});

export const updateMeetingAction = serverAction({
  caller: requireUser,
  input: meetingUpdateSchema,
  args: ['meetingId'],
  run: (user, { meetingId, ...input }) => updateMeeting(user, meetingId, input.version, input),
  revalidate: 'layout',
  redirectTo: (_done, { meetingId }) => `/meetings/${meetingId}?saved=1`,
});

export const cancelMeetingAction = serverAction({
  caller: requireUser,
  input: meetingIdSchema,
  invalidInput: 'not-found',
  run: (user, { meetingId }) => cancelMeeting(user, meetingId),
  revalidate: 'layout',
});

export const cancelOccurrenceAction = serverAction({
  caller: requireUser,
  input: occurrenceSchema,
  invalidInput: 'not-found',
  run: (user, { meetingId, occurrence }) => cancelOccurrence(user, meetingId, new Date(occurrence)),
  revalidate: 'layout',
});
