import { z } from 'zod';
import { AppError, errorMessages, type ErrorCode } from '@/lib/errors';
import { isOverloadError, OVERLOADED } from '@/lib/db-state';

/** What every server action returns to its form. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string[]> };

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string = errorMessages[code], fieldErrors?: Record<string, string[]>): ActionResult<never> {
  return { ok: false, code, message, ...(fieldErrors ? { fieldErrors } : {}) };
}

/** A zod failure as a VALIDATION result with the messages per field. */
export function validationFailure(error: z.ZodError): ActionResult<never> {
  const { fieldErrors, formErrors } = z.flattenError(error);
  return fail('VALIDATION', formErrors[0] ?? errorMessages.VALIDATION, fieldErrors);
}

/**
 * Turns a thrown AppError into its result, and a database overload (a burst waiting for connections)
 * into a "try again" answer; anything else is rethrown (and reaches error.tsx).
 */
export function fromError(error: unknown): ActionResult<never> {
  if (error instanceof AppError) return fail(error.code, error.message, error.fieldErrors);
  if (isOverloadError(error)) return fail('UNAVAILABLE', OVERLOADED);
  throw error;
}

/**
 * A form's fields: text as strings, uploads as File, a field sent more than once (a group of
 * checkboxes) as a list; without the `$ACTION_…` fields React adds to forms submitted before
 * hydration, so strict schemas can still reject every unknown field.
 */
export function formInput(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const input: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const [key, value] of formData) {
    if (key.startsWith('$ACTION')) continue;
    const existing = input[key];
    input[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return input;
}
