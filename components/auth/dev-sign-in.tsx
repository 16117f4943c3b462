'use client';

import { useActionState } from 'react';
import { devSignIn } from '@/lib/auth/actions';
import { SubmitButton } from '@/components/ui/submit-button';

type DemoUser = { id: string; name: string | null; email: string; role: 'ADMIN' | 'MEMBER' };

export function DevSignIn({ users, callbackUrl }: { users: DemoUser[]; callbackUrl: string }) {
  const [state, formAction] = useActionState(devSignIn, null);
  return (
    <div>
      <ul className="space-y-2">
        {users.map((user) => (
          <li key={user.id}>
            <form action={formAction}>
              <input type="hidden" name="userId" value={user.id} />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <SubmitButton variant="secondary" block className="justify-between" aria-label={`Sign in as ${user.name ?? user.email}`}>
                <span className="text-left">
                  <span className="block">{user.name ?? user.email}</span>
                  <span className="block text-xs font-normal text-slate-500">{user.email}</span>
                </span>
                <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">{user.role === 'ADMIN' ? 'Admin' : 'Member'}</span>
              </SubmitButton>
            </form>
          </li>
        ))}
      </ul>
      <p aria-live="polite" className="mt-2 text-sm text-red-700">
        {state && !state.ok ? state.message : null}
      </p>
    </div>
  );
}
