'use client';

import { useActionState } from 'react';
import { changeRoleAction, disableUserAction, enableUserAction } from '@/lib/users/actions';

type Props = { user: { id: string; email: string; role: 'ADMIN' | 'MEMBER'; disabled: boolean } };

export function UserActions({ user }: Props) {
  const [roleState, roleAction, rolePending] = useActionState(changeRoleAction, null);
  const [disableState, disableAction, disablePending] = useActionState(disableUserAction, null);
  const [enableState, enableAction, enablePending] = useActionState(enableUserAction, null);
  const error = [roleState, disableState, enableState].find((s) => s && !s.ok);
  const button = 'rounded-md px-2.5 py-1 text-xs font-medium ring-1 disabled:opacity-50';

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={roleAction}>
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="role" value={user.role === 'ADMIN' ? 'MEMBER' : 'ADMIN'} />
        <button disabled={rolePending} className={`${button} ring-slate-300 hover:bg-slate-50`}>
          {user.role === 'ADMIN' ? 'Make member' : 'Make admin'}
        </button>
      </form>
      {user.disabled ? (
        <form action={enableAction}>
          <input type="hidden" name="userId" value={user.id} />
          <button disabled={enablePending} className={`${button} ring-slate-300 hover:bg-slate-50`}>Enable</button>
        </form>
      ) : (
        <form
          action={disableAction}
          onSubmit={(event) => {
            if (!window.confirm(`Disable ${user.email}? They are signed out at once and cannot sign in or join meetings until enabled again.`)) event.preventDefault();
          }}
        >
          <input type="hidden" name="userId" value={user.id} />
          <button disabled={disablePending} className={`${button} text-red-700 ring-red-300 hover:bg-red-50`}>Disable</button>
        </form>
      )}
      <p aria-live="polite" className="basis-full text-right text-xs text-red-700">{error && !error.ok ? error.message : null}</p>
    </div>
  );
}
