import { z } from 'zod';

/** What the meeting page reports for its own token: joined, left, a role change, or "still here". */
export const sessionEventSchema = z.strictObject({
  jti: z.uuid(),
  kind: z.enum(['joined', 'left', 'role', 'heartbeat']),
  role: z.enum(['moderator', 'participant']).optional(),
});
