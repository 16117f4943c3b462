#!/bin/sh
# Stand-in for Prisma's native schema engine, which `prisma generate` only needs to exist; it is not
# downloaded (the download host is not reachable everywhere, and the project does not need the engine).
# Migrations run on Prisma's WASM schema engine through the project's own commands.
echo "Prisma's native schema engine is not installed here: use npm run db:migrate / db:migration / db:status / db:reset" >&2
exit 1
