// Before any test: dist/ built from the sources as they are (scripts/build.mjs), once, so the
// tests that start the command or a batch's workers do not each find it stale at the same time.
import { ensureBuilt, ROOT } from '../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await ensureBuilt(ROOT);
}
