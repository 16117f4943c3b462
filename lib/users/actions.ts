'use server';

import { requirePermission } from '@/lib/auth/session';
import { serverAction } from '@/lib/safe-action';
import { changeUserRole, disableUser, enableUser } from '@/lib/users/mutations';
import { roleChangeSchema, userIdSchema } from '@/lib/users/schemas';

const manageUsers = () => requirePermission('users.manage');

export const disableUserAction = serverAction({
  caller: manageUsers,
  input: userIdSchema,
  run: (actor, { userId }) => disableUser(actor, userId),
  revalidate: '/admin/users',
});

export const enableUserAction = serverAction({
  caller: manageUsers,
  input: userIdSchema,
  run: (actor, { userId }) => enableUser(actor, userId),
  revalidate: '/admin/users',
});

export const changeRoleAction = serverAction({
  caller: manageUsers,
  input: roleChangeSchema,
  run: (actor, { userId, role }) => changeUserRole(actor, userId, role),
  revalidate: '/admin/users',
});
