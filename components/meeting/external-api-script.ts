/**
 * Loads Jitsi's `external_api.js` before `JitsiMeeting` mounts.
 *
 * `@jitsi/react-sdk` loads the same script itself, but it caches its first attempt for the life of
 * the page: after one failed load (Jitsi down, a certificate not yet accepted) every later
 * `JitsiMeeting` fails the same way, silently. Loading it here first means a failed load is seen at
 * once and "Try again" really tries again; once `window.JitsiMeetExternalAPI` exists, the SDK uses it
 * and adds no script of its own.
 */

const pending = new Map<string, Promise<void>>();

function hasExternalApi(): boolean {
  return typeof (window as unknown as { JitsiMeetExternalAPI?: unknown }).JitsiMeetExternalAPI === 'function';
}

/** The URL the SDK would load: `https://<domain>/[<tenant>/]external_api.js`. */
export function externalApiUrl(domain: string, roomName: string): string {
  const parts = roomName.split('/');
  const tenant = parts.length > 1 ? parts[0] : undefined;
  return `https://${domain}/${tenant ? `${tenant}/` : ''}external_api.js`;
}

/** Resolves once `window.JitsiMeetExternalAPI` exists; rejects when the script cannot be loaded. */
export function loadExternalApi(src: string): Promise<void> {
  if (hasExternalApi()) return Promise.resolve();
  const existing = pending.get(src);
  if (existing) return existing;
  const promise = new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.async = true;
    script.src = src;
    const forget = () => {
      pending.delete(src);
      script.remove();
    };
    script.onload = () => {
      if (hasExternalApi()) {
        pending.delete(src);
        resolve();
      } else {
        forget();
        reject(new Error(`${src} did not define JitsiMeetExternalAPI`));
      }
    };
    script.onerror = () => {
      forget();
      reject(new Error(`could not load ${src}`));
    };
    document.head.appendChild(script);
  });
  pending.set(src, promise);
  return promise;
}
