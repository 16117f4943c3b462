/** @type {import('next').NextConfig} */
const nextConfig = {
  // The container image (Containerfile) builds with BUILD_STANDALONE=1: a self-contained server.js with
  // only the node_modules files it uses. `npm start` on a host keeps the normal build.
  ...(process.env.BUILD_STANDALONE === '1' ? { output: 'standalone' } : {}),
  // PGlite loads its WASM and data files from its own package folder at run time; ws (under the Jitsi
  // live check's XMPP client) loads its optional native helpers at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'pg-boss', 'ws', '@xmpp/client', '@xmpp/websocket'],
  poweredByHeader: false,
  // Attendee lists of up to 10,000 rows (5 MB) are uploaded through a server action.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: '6mb' } },
  // Headers that depend on the running configuration (CSP with its nonce, Permissions-Policy for the
  // Jitsi origin, HSTS) are set per request in proxy.ts; these two hold for every response, static files too.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
