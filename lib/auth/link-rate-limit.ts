import { consumeRateLimit, type RateLimitResult } from '@/lib/rate-limit';

/** Sign-in links: at most 5 per address and 20 per client address in 15 minutes. */
const LINK_LIMITS = { perAddress: 5, perClient: 20, windowSeconds: 15 * 60 };

export async function limitEmailLinkRequest(email: string | null, client: string): Promise<RateLimitResult> {
  const byClient = await consumeRateLimit(`link:client:${client}`, LINK_LIMITS.perClient, LINK_LIMITS.windowSeconds);
  if (!byClient.allowed || !email) return byClient;
  return consumeRateLimit(`link:address:${email}`, LINK_LIMITS.perAddress, LINK_LIMITS.windowSeconds);
}
