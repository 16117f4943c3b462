/** Where an occurrence stands for joining: joining opens `openMinutes` before the start and closes at the end. */
export type JoinWindow = { state: 'early'; opensAt: Date } | { state: 'open' } | { state: 'ended' };

export function joinWindow(occurrence: { startsAt: Date; endsAt: Date }, now: Date, openMinutes: number): JoinWindow {
  const opensAt = new Date(occurrence.startsAt.getTime() - openMinutes * 60_000);
  if (now < opensAt) return { state: 'early', opensAt };
  if (now >= occurrence.endsAt) return { state: 'ended' };
  return { state: 'open' };
}
