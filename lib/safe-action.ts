import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { fail, formInput, fromError, ok, validationFailure, type ActionResult } from '@/lib/action-result';

/**
 * What a server action built by `serverAction` takes: its own arguments (bound with `.bind`, or passed
 * by the code that calls it), then what `useActionState` passes (the previous result, which it does
 * not read, and the form's fields).
 */
type ActionArgs<Args extends readonly string[]> = [...{ [K in keyof Args]: unknown }, prev?: unknown, formData?: FormData];

/** A command that returns nothing answers `{ ok: true, data: undefined }`. */
type Data<T> = T extends void ? undefined : T;

type ActionOptions<Caller, Schema extends z.ZodType, T, Bound extends readonly string[]> = {
  /** Who may call it: returns the caller, or redirects/throws for anyone else (`requireUser`, `requirePermission`). */
  caller: () => Promise<Caller>;
  /** The one schema for its input (strict: unknown fields are refused). */
  input: Schema;
  /**
   * Names of the arguments before the form's (`action.bind(null, roomId)`, or `joinAction(target)`
   * called from a component): they come from the browser like any field, so they are merged into the
   * input under these names and checked by the same schema.
   */
  args?: Bound;
  /**
   * How bad input is answered: forms with field errors (default); commands on one record as NOT_FOUND
   * (a mangled id is "not yours"); callers without a form (the meeting page) with the first problem as the message.
   */
  invalidInput?: 'fields' | 'not-found' | 'message';
  /** The work, once the caller and the input are known. AppErrors become results; others reach error.tsx. */
  run: (caller: Caller, input: z.output<Schema>) => Promise<T>;
  /** What to revalidate after success: a path, `'layout'` for every page of the portal, or paths from the result. */
  revalidate?: string | ((data: T, input: z.output<Schema>) => string[]);
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
  const argNames: readonly string[] = options.args ?? [];
  return async (...args: unknown[]) => {
    const caller = await options.caller();
    const formData = args[argNames.length + 1];
    const raw: Record<string, unknown> = formData instanceof FormData ? formInput(formData) : {};
    argNames.forEach((name, i) => (raw[name] = args[i]));
    const parsed = options.input.safeParse(raw);
    if (!parsed.success) {
      if (options.invalidInput === 'not-found') return fail('NOT_FOUND');
      if (options.invalidInput === 'message') return fail('VALIDATION', parsed.error.issues[0]?.message);
      return validationFailure(parsed.error);
    }
    let data: T;
    try {
      data = await options.run(caller, parsed.data);
    } catch (error) {
      return fromError(error);
    }
    const { revalidate } = options;
    if (revalidate === 'layout') revalidatePath('/', 'layout');
    else if (typeof revalidate === 'string') revalidatePath(revalidate);
    else if (revalidate) for (const path of revalidate(data, parsed.data)) revalidatePath(path);
    if (options.redirectTo) redirect(options.redirectTo(data, parsed.data));
    return ok(data);
  };
}
