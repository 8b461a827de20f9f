// Marks the CLI entry executable so the `gpu-market` bin works after `npm link` or a global install.
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/cli/main.js', import.meta.url), 0o755);
