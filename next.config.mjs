/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter'],
  poweredByHeader: false,
  experimental: { authInterrupts: true },
  // Security headers (CSP frame-src for the Jitsi server…) are set per request in proxy.ts.
};

export default nextConfig;
