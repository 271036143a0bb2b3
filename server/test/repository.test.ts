import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Source the code loads must be committed: a too-broad ignore rule once hid a reference-data file
 * (server/src/modules/projects/data/), so a fresh clone failed every migration while the author's checkout passed.
 * Runs where the checkout is a git work tree.
 */
describe('repository', () => {
  it('ignores no file under the source folders', (ctx) => {
    if (!fs.existsSync(path.join(ROOT, '.git'))) {
      console.warn('SKIPPED: not a git work tree');
      ctx.skip();
    }
    const out = execFileSync(
      'git',
      [
        'ls-files',
        '--others',
        '--ignored',
        '--exclude-standard',
        '--',
        'server',
        'contracts',
        'web/src',
        'e2e',
        'bench',
        'scripts',
        'bin',
        'docs',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const ignored = out
      .split('\n')
      .filter(Boolean)
      .filter((f) => !f.startsWith('bench/.data/') && !f.startsWith('bench/results/tmp'));
    expect(ignored, 'git-ignored files under source folders').toEqual([]);
  });
});
