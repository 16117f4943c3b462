import { newInviteLink } from '../../lib/invites/tokens';
import { portalTestEnv } from './portal-env';

/** A personal link made as the portal makes them (same secret), so the portal's mails carry it again. */
export const testInviteLink = () => newInviteLink(portalTestEnv.AUTH_SECRET!);
