import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { fail, formInput, fromError, ok, validationFailure, type ActionResult } from '@/lib/action-result';

/**
 * What a server action built by `serverAction` takes: the arguments bound to it, then what
 * `useActionState` passes (the previous result, which it does not read, and the form's fields).
 */
type ActionArgs<Bound extends readonly string[]> = [...{ [K in keyof Bound]: string }, prev?: unknown, formData?: FormData];

/** A command that returns nothing answers `{ ok: true, data: undefined }`. */
type Data<T> = T extends void ? undefined : T;

type ActionOptions<Caller, Schema extends z.ZodType, T, Bound extends readonly string[]> = {
  /** Who may call it: returns the caller, or redirects/throws for anyone else (`requireUser`, `requirePermission`). */
  caller: () => Promise<Caller>;
  /** The one schema for its input (strict: unknown fields are refused). */
  input: Schema;
  /**
   * Names of the arguments bound before the form's (`action.bind(null, roomId)`): they come from the
   * browser like any field, so they are merged into the input and checked by the same schema.
   */
  bound?: Bound;
  /** Commands on one record answer bad input as NOT_FOUND (a mangled id is "not yours"), forms with field errors. */
  invalidInput?: 'fields' | 'not-found';
  /** The work, once the caller and the input are known. AppErrors become results; others reach error.tsx. */
  run: (caller: Caller, input: z.output<Schema>) => Promise<T>;
  /** What to revalidate after success: a path, or `'layout'` for every page of the portal. */
  revalidate?: string;
  /** Where to send the browser after success (outside the try, as `redirect` must be). */
  redirectTo?: (data: T, input: z.output<Schema>) => string;
};

/**
 * The one shape of a server action: authenticate → validate → run → revalidate → result or redirect.
 * Every `'use server'` export is built with it, so no action can skip a step.
 */
export function serverAction<Caller, Schema extends z.ZodType, T, const Bound extends readonly string[] = []>(
  options: ActionOptions<Caller, Schema, T, Bound> & { redirectTo: NonNullable<ActionOptions<Caller, Schema, T, Bound>['redirectTo']> },
): (...args: ActionArgs<Bound>) => Promise<ActionResult<never>>;
export function serverAction<Caller, Schema extends z.ZodType, T, const Bound extends readonly string[] = []>(
  options: ActionOptions<Caller, Schema, T, Bound> & { redirectTo?: undefined },
): (...args: ActionArgs<Bound>) => Promise<ActionResult<Data<T>>>;
export function serverAction<Caller, Schema extends z.ZodType, T, const Bound extends readonly string[] = []>(
  options: ActionOptions<Caller, Schema, T, Bound>,
): (...args: ActionArgs<Bound>) => Promise<ActionResult<unknown>> {
  const boundNames: readonly string[] = options.bound ?? [];
  return async (...args: unknown[]) => {
    const caller = await options.caller();
    const formData = args[boundNames.length + 1];
    const raw: Record<string, unknown> = formData instanceof FormData ? formInput(formData) : {};
    boundNames.forEach((name, i) => (raw[name] = args[i]));
    const parsed = options.input.safeParse(raw);
    if (!parsed.success) return options.invalidInput === 'not-found' ? fail('NOT_FOUND') : validationFailure(parsed.error);
    let data: T;
    try {
      data = await options.run(caller, parsed.data);
    } catch (error) {
      return fromError(error);
    }
    if (options.revalidate === 'layout') revalidatePath('/', 'layout');
    else if (options.revalidate) revalidatePath(options.revalidate);
    if (options.redirectTo) redirect(options.redirectTo(data, parsed.data));
    return ok(data);
  };
}
