/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'pg-boss'],
  poweredByHeader: false,
  // Attendee lists of up to 10,000 rows (5 MB) are uploaded through a server action.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: '6mb' } },
  // Security headers (CSP frame-src for the Jitsi server…) are set per request in proxy.ts.
};

export default nextConfig;
