'use client';

import { startTransition, useActionState, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/action-result';

/**
 * useActionState for forms that must keep what the person typed when the action says no: React
 * resets a form after its `action` runs, so submission goes through onSubmit instead (the `action`
 * stays as the no-JavaScript fallback).
 */
export function useFormAction<T>(action: (prev: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>) {
  const [state, formAction, pending] = useActionState(action, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };
  return { state, formAction, onSubmit, pending };
}
