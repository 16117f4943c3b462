import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'react';

const control =
  'mt-1 block w-full rounded-md border-0 px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:ring-red-500';

type Common = { label: string; name: string; hint?: string; errors?: string[] };

/** A labelled input with its hint and its error messages (announced as they appear). */
export function TextField({ label, name, hint, errors, ...props }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const id = props.id ?? `field-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <input id={id} name={name} aria-invalid={!!errors?.length} aria-describedby={`${id}-hint ${id}-error`} className={control} {...props} />
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
      <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-700">{errors?.[0]}</p>
    </div>
  );
}

export function TextAreaField({ label, name, hint, errors, ...props }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = props.id ?? `field-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <textarea id={id} name={name} aria-invalid={!!errors?.length} aria-describedby={`${id}-hint ${id}-error`} className={control} {...props} />
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
      <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-700">{errors?.[0]}</p>
    </div>
  );
}

export function CheckboxField({ label, name, hint, defaultChecked }: { label: string; name: string; hint?: string; defaultChecked?: boolean }) {
  const id = `field-${name}`;
  return (
    <div className="flex items-start gap-3">
      <input id={id} name={name} type="checkbox" defaultChecked={defaultChecked} className="mt-1 h-4 w-4 rounded border-slate-300 text-brand-600" />
      <label htmlFor={id} className="text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        {hint && <span className="block text-xs text-slate-500">{hint}</span>}
      </label>
    </div>
  );
}

export const selectClassName = control;
