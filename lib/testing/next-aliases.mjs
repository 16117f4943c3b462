// Node module hooks for the unit runner: resolve Next's entry points the way Next's own server build
// does (its react-server variants), so modules that import them can be tested outside Next.
const aliases = {
  'next/navigation': 'next/dist/api/navigation.react-server.js',
};

export async function resolve(specifier, context, nextResolve) {
  return nextResolve(aliases[specifier] ?? specifier, context);
}
