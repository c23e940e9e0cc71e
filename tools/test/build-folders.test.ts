// Web builds: each version of the sources gets its own folder and the server is pointed at it, so a
// build made while `npm start` serves an older version never replaces files under the running server.
import { describe, expect, it } from 'vitest';
import {
  WEB_DIST_ENV,
  ensureWebBuild,
  webBuildDir,
  webBuildIsCurrent,
  webSourceHash,
} from '../src/web.ts';

describe('web build folders', () => {
  it('names the folder by the sources hash, under web/.next-builds', () => {
    const hash = webSourceHash();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(webBuildDir(hash)).toBe(`.next-builds/${hash.slice(0, 16)}`);
    expect(webBuildDir('0123456789abcdef'.repeat(4))).toBe('.next-builds/0123456789abcdef');
    expect(webBuildDir()).toBe(webBuildDir(hash));
  });

  it('counts only a finished build as current', () => {
    expect(webBuildIsCurrent('.next-builds/not-a-build')).toBe(false);
  });

  it("next.config.ts takes its distDir from the build's folder (the server and the build agree)", async () => {
    process.env[WEB_DIST_ENV] = '.next-builds/feedfacecafebeef';
    try {
      const { default: config } = (await import('../../web/next.config.ts')) as {
        default: { distDir?: string };
      };
      expect(config.distDir).toBe('.next-builds/feedfacecafebeef');
    } finally {
      delete process.env[WEB_DIST_ENV];
    }
  });

  it(
    'leaves the sources as they were: the same build stays current (no rebuild loop)',
    { timeout: 600_000 },
    async () => {
      const before = webSourceHash();
      const { distDir } = await ensureWebBuild();
      expect(distDir).toBe(webBuildDir(before));
      // next build rewrites tsconfig.json and next-env.d.ts for its distDir; both are put back.
      expect(webSourceHash()).toBe(before);
      expect(webBuildIsCurrent(distDir)).toBe(true);
      expect(await ensureWebBuild()).toEqual({ built: false, distDir });
    },
  );
});
