import type { Metadata } from 'next';
import { requirePermission } from '@/lib/auth/session';
import { TokenInspector } from '@/components/admin/token-inspector';

export const metadata: Metadata = { title: 'Token inspector' };

export default async function TokenInspectorPage() {
  await requirePermission('jitsi.manage');
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Token inspector</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Someone sees a blank meeting, “token not provided”, “authentication failed” or joins with the wrong role? Paste the token or the full
          meeting link they used. You see what is inside and, check by check, what your Jitsi (set up as on the Jitsi setup page) does with it.
          On the server: <code className="rounded bg-slate-100 px-1">npm run jitsi:inspect -- &lt;token-or-link&gt;</code>.
        </p>
      </div>
      <TokenInspector />
    </div>
  );
}
