import { z } from 'zod';

/** A record id from a form or a URL (cuid): short, printable, never trusted beyond that. */
export const idSchema = z.string().min(1).max(64);
