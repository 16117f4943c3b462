import 'server-only';
import NextAuth, { type NextAuthConfig } from 'next-auth';
import Nodemailer from 'next-auth/providers/nodemailer';
import { PrismaAdapter } from '@auth/prisma-adapter';
import type { Adapter } from 'next-auth/adapters';
import { db } from '@/lib/db';
import { authSecret, getEnv } from '@/lib/env';
import type { Role } from '@/lib/generated/prisma/enums';
import { recordAudit } from '@/lib/audit/record';
import { sendMail } from '@/lib/mail/send';
import { signInLinkMail } from '@/lib/mail/templates';
import { decideEntry } from '@/lib/auth/policy';
import { normalizeEmail, safeCallbackPath } from '@/lib/auth/schemas';

declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string | null; email: string; image: string | null; role: Role; timeZone: string };
  }
}

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

/** Refuses crafted addresses before Auth.js stores or mails anything (also for direct POSTs). */
function normalizeIdentifier(identifier: string): string {
  const email = normalizeEmail(identifier ?? '');
  if (!email) throw new Error('Invalid email address');
  return email;
}

/**
 * Whether a sign-in link may be mailed to `email` (a normalised address); a refusal is audited. The
 * caller still answers "check your email" either way, so the page does not reveal who may sign in.
 */
export async function mayReceiveSignInLink(email: string): Promise<boolean> {
  const existing = await db.user.findUnique({ where: { email }, select: { disabledAt: true, lastSignInAt: true } });
  const decision = decideEntry(getEnv(), email, existing);
  if (!decision.allowed) await recordAudit({ kind: 'auth.sign_in_refused', actorEmail: email, data: { method: 'email', reason: decision.reason, stage: 'link' } });
  return decision.allowed;
}

function buildConfig(): NextAuthConfig {
  const env = getEnv();
  const providers: NextAuthConfig['providers'] = [];
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push({
      id: 'oidc',
      name: env.OIDC_NAME,
      type: 'oidc',
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      // Safe here because the signIn callback refuses any address the provider has not verified.
      allowDangerousEmailAccountLinking: true,
    });
  }
  if (env.SMTP_URL && env.MAIL_FROM) {
    const minutes = env.EMAIL_LINK_MAX_AGE_MINUTES;
    providers.push(
      Nodemailer({
        server: env.SMTP_URL,
        from: env.MAIL_FROM,
        maxAge: minutes * 60,
        normalizeIdentifier,
        async sendVerificationRequest({ identifier, url }) {
          // The same answer whether or not the address may sign in: only allowed people get a mail.
          if (!(await mayReceiveSignInLink(identifier))) return;
          await recordAudit({ kind: 'auth.link_requested', actorEmail: identifier });
          // Not awaited: an SMTP round trip would make the answer slower for real addresses than for others.
          void sendMail(signInLinkMail({ to: identifier, url, minutes, host: new URL(url).host })).catch((error: unknown) =>
            recordAudit({ kind: 'mail.failed', actorEmail: identifier, data: { purpose: 'sign-in link', error: String(error).slice(0, 300) } }),
          );
        },
      }),
    );
  }

  const base = PrismaAdapter(db);
  // One user per address whatever the provider's spelling: addresses are stored lowercase.
  const adapter: Adapter = {
    ...base,
    createUser: (user) => base.createUser!({ ...user, email: user.email.toLowerCase() }),
    getUserByEmail: (address) => base.getUserByEmail!(address.toLowerCase()),
    // A disabled account has no sessions; should one survive a race, it ends at the next request.
    async getSessionAndUser(sessionToken) {
      const found = await base.getSessionAndUser!(sessionToken);
      if (found && (found.user as { disabledAt?: Date | null }).disabledAt) {
        await db.session.deleteMany({ where: { userId: found.user.id } });
        return null;
      }
      return found;
    },
    // Signing out with a session that is already gone (ended elsewhere, or a made-up cookie) is not an error.
    async deleteSession(sessionToken) {
      await db.session.deleteMany({ where: { sessionToken } });
    },
  };

  return {
    adapter,
    secret: authSecret(env),
    trustHost: true,
    session: { strategy: 'database', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 3600 },
    providers,
    pages: { signIn: '/sign-in', verifyRequest: '/sign-in/check-email', error: '/sign-in/error' },
    callbacks: {
      // Auth.js's own callbackUrl (e.g. /api/auth/signin?callbackUrl=…) gets the same check as the sign-in page's.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
      async signIn({ user, account, profile, email }) {
        if (email?.verificationRequest) return true; // decided in sendVerificationRequest, without revealing it
        const address = normalizeEmail(user.email ?? '');
        const method = account?.provider ?? 'unknown';
        const refuse = async (reason: string) => {
          await recordAudit({ kind: 'auth.sign_in_refused', actorEmail: address ?? user.email ?? null, data: { method, reason } });
          return `/not-allowed?reason=${reason}`;
        };
        if (!address) return refuse('unverified');
        if (account?.type === 'oidc' && profile?.email_verified !== true) return refuse('unverified');
        const existing = await db.user.findUnique({ where: { email: address }, select: { disabledAt: true, lastSignInAt: true } });
        const decision = decideEntry(env, address, existing);
        return decision.allowed ? true : refuse(decision.reason);
      },
      session({ session, user }) {
        // Only these fields reach the browser: never the session token or the user row.
        const u = user as typeof user & { role: Role; timeZone: string };
        return { expires: session.expires, user: { id: u.id, name: u.name ?? null, email: u.email, image: u.image ?? null, role: u.role, timeZone: u.timeZone } };
      },
    },
    events: {
      async signIn({ user, account }) {
        if (!user.id || !user.email) return;
        const current = await db.user.findUnique({ where: { id: user.id }, select: { lastSignInAt: true, role: true } });
        const makeAdmin = env.ADMIN_EMAILS.includes(user.email.toLowerCase()) && !current?.lastSignInAt && current?.role !== 'ADMIN';
        await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date(), ...(makeAdmin ? { role: 'ADMIN' } : {}) } });
        await recordAudit({ kind: 'auth.sign_in', actorId: user.id, actorEmail: user.email, data: { method: account?.provider ?? 'unknown', ...(makeAdmin ? { madeAdmin: true } : {}) } });
      },
      async signOut(message) {
        if ('session' in message && message.session) {
          await recordAudit({ kind: 'auth.sign_out', actorId: message.session.userId });
        }
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());

/** Which sign-in methods this deployment offers (the sign-in page shows exactly these). */
export function signInMethods() {
  const env = getEnv();
  return {
    oidc: env.OIDC_ISSUER ? { name: env.OIDC_NAME } : null,
    email: !!(env.SMTP_URL && env.MAIL_FROM),
  };
}
