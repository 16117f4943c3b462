/**
 * The postMessage protocol between the stand-in's IFrame API (`external-api.ts`, in the portal's page)
 * and its meeting page (`meeting-page.ts`, in the frame). Both directions use an exact target origin
 * and check event.source + event.origin.
 *
 * kind 'ready': frame → API, then queued commands are delivered.
 * kind 'event': frame → API (videoConferenceJoined, participantRoleChanged, videoConferenceLeft,
 *   readyToClose, errorOccurred, displayNameChange, audioMuteStatusChanged, videoMuteStatusChanged).
 * kind 'command': API → frame (hangup, displayName, toggleAudio, toggleVideo).
 */
export const STANDIN_PROTOCOL = 'gatehouse-jitsi-standin';

export type StandinMessage = {
  protocol: typeof STANDIN_PROTOCOL;
  apiId: string | number | undefined;
  kind: 'ready' | 'event' | 'command';
  name: string;
  data?: Record<string, unknown>;
  args?: unknown[];
};

/** Whether a postMessage payload is a stand-in message for the API instance `apiId`. */
export function isStandinMessage(value: unknown, apiId: string | number | undefined): value is StandinMessage {
  if (!value || typeof value !== 'object') return false;
  const message = value as Partial<StandinMessage>;
  return message.protocol === STANDIN_PROTOCOL && String(message.apiId) === String(apiId);
}
