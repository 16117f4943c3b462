/** Runs once when the server starts: a bad configuration stops start-up with a message naming the variable. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getEnv } = await import('./lib/env');
    getEnv();
  }
}
