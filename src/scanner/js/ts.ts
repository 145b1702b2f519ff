/**
 * The TypeScript compiler API, loaded with `require`: an ESM `import` of the 9 MB CommonJS
 * bundle makes Node scan it for named exports first, which costs about 0.7 s per process.
 * Types come from `import type * as T from 'typescript'` in each file.
 */
import { createRequire } from 'node:module';
import type * as T from 'typescript';

const ts = createRequire(import.meta.url)('typescript') as typeof T;
export default ts;
