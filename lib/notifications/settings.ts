/** The reminder lead times a person can choose, in minutes (0: no reminders). Shared by the form and the server. */
export const REMINDER_CHOICES = [0, 5, 10, 15, 30, 60] as const;
export const DEFAULT_REMINDER_MINUTES = 10;
/** The longest lead time: how far ahead the reminder scan looks. */
export const MAX_REMINDER_MINUTES = 60;
/** The local hour the morning digest goes out (until noon, if the worker was down). */
export const DIGEST_HOUR = 7;
