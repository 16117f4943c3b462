// Loaded with `node --import` by `npm run test:unit` (see next-aliases.mjs).
import { register } from 'node:module';

register('./next-aliases.mjs', import.meta.url);
