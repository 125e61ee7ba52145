/**
 * Lunr, loaded with require() rather than import. Lunr is one CommonJS file of 100 KB: imported
 * from an ES module, it is first scanned by Node's loader for the names it exports, and that scan
 * ran long enough in each thread of a build that loads Lunr for V8 to optimize the scanner itself
 * (about 0.1–0.2 s of a core per thread, six times in a cold build of 1,000 memos). require() runs
 * the file without the scan; the object is the same either way (Lunr's module.exports).
 */
import { createRequire } from 'node:module';
import type lunrModule from 'lunr';

const require = createRequire(import.meta.url);
const lunr = require('lunr') as typeof lunrModule;

export default lunr;
