/**
 * Jitsi's backend-safe room name (jitsi-meet `getBackendSafeRoomName`):
 * encodeURIComponent(NFKC(decodeURIComponent(name)).toLowerCase()).toLowerCase().
 * A token's `room` claim must be this name (docs/jitsi-token-contract.md, "The claims").
 * A name that is not valid percent-encoding is taken as already decoded.
 */
export function backendSafeRoomName(name: string): string {
  let room = name;
  try {
    room = decodeURIComponent(room);
  } catch {
    // not percent-encoded (e.g. a literal '%'): use it as it is
  }
  room = room.normalize('NFKC').toLowerCase();
  try {
    room = encodeURIComponent(room);
  } catch {
    room = encodeURIComponent(room.toWellFormed()); // lone surrogates cannot be encoded
  }
  return room.toLowerCase();
}
