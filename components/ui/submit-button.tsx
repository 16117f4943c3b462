'use client';

import { useFormStatus } from 'react-dom';
import { Button, type ButtonProps } from '@/components/ui/button';

/** A submit button that disables itself while its form is being sent (no double submissions). */
export function SubmitButton({ pendingLabel, pending: pendingProp, children, ...props }: ButtonProps & { pendingLabel?: string; pending?: boolean }) {
  const pending = useFormStatus().pending || !!pendingProp;
  return (
    <Button type="submit" disabled={pending || props.disabled} aria-disabled={pending} {...props}>
      {pending ? (pendingLabel ?? children) : children}
    </Button>
  );
}
