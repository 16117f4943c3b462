/**
 * The project's error codes. Mutations throw AppError with one of them; actions turn it into an
 * ActionResult whose message is safe to show.
 */
export const errorMessages = {
  NOT_FOUND: 'We could not find that. It may have been removed, or it is not yours.',
  FORBIDDEN: 'You are not allowed to do that.',
  VALIDATION: 'Some fields need your attention.',
  CONFLICT: 'Someone else changed this while you were editing. Reload the page to see their changes.',
  LAST_ADMIN: 'Gatehouse needs at least one active admin: make someone else an admin first.',
  SELF: 'You cannot do that to your own account.',
  RATE_LIMITED: 'Too many attempts. Wait a few minutes and try again.',
  UNAVAILABLE: 'This is not available on this deployment.',
  OVERLAP: 'Another meeting in this room overlaps this one.',
  ENDED: 'The host ended this meeting for everyone.',
} as const;

export type ErrorCode = keyof typeof errorMessages;

/** The one error a mutation throws: a code, a message safe to show, and optionally the fields it is about. */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string = errorMessages[code],
    public readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A problem with one field of a form: the message goes next to that field, the form says "some fields need your attention". */
export function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION', errorMessages.VALIDATION, { [field]: [message] });
}
