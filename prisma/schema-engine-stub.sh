#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded on these machines.
# Migrations run on Prisma's WASM schema engine through the project's own commands.
echo "Prisma's native schema engine is not installed here: use npm run db:migrate / db:migration / db:status / db:reset" >&2
exit 1
