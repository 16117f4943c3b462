'use client';

import { useActionState } from 'react';
import { revealSetupAction } from '@/lib/jitsi/admin-actions';
import type { ServerConfigBlock } from '@/lib/jitsi/server-config';
import { CopyButton } from '@/components/ui/copy-button';

/** The generated server settings; the secret stays hidden until the admin asks (each reveal is audited). */
export function JitsiSetupBlocks({ blocks, hasSecret }: { blocks: ServerConfigBlock[]; hasSecret: boolean }) {
  const [state, reveal, pending] = useActionState(revealSetupAction, null);
  const shown = state?.ok ? state.data : blocks;
  return (
    <div className="space-y-6">
      {hasSecret && (
        <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
          {state?.ok ? (
            <p role="status">The shared secret is shown below. Copy it into your Jitsi server’s configuration only; anyone with it can mint tokens.</p>
          ) : (
            <>
              <p>The shared secret is hidden.</p>
              <form action={reveal}>
                <button disabled={pending} className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-50">
                  {pending ? 'Revealing…' : 'Reveal secret'}
                </button>
              </form>
            </>
          )}
          {state && !state.ok && <p className="text-red-700">{state.message}</p>}
        </div>
      )}
      {shown.map((block) => (
        <section key={block.id} aria-labelledby={`block-${block.id}`} className="rounded-lg border border-slate-200 bg-white">
          <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
            <div>
              <h3 id={`block-${block.id}`} className="font-semibold text-slate-900">{block.title}</h3>
              <p className="text-xs text-slate-500">{block.file}</p>
            </div>
            <CopyButton text={block.text} label={`Copy ${block.title}`} />
          </div>
          <p className="px-4 pt-3 text-sm text-slate-700">{block.explanation}</p>
          <pre data-testid={`setup-${block.id}`} className="m-4 overflow-x-auto rounded-md bg-slate-900 p-4 text-xs leading-relaxed text-slate-100">{block.text}</pre>
        </section>
      ))}
    </div>
  );
}
