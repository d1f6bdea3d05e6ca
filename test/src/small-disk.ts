import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, statfsSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WriteBytes } from '@bpnet/core/node';

/** A directory on a file system of a few KiB, to fill up in tests. */
export interface SmallDisk {
  readonly directory: string;
  /** What it is, for test titles: a real tmpfs, or the simulation used where mounting one is not allowed. */
  readonly description: string;
  /** Whether it is a real file system (a tmpfs) rather than a simulation through `writeBytes`. */
  readonly real: boolean;
  /** For a simulated disk, the write that enforces its size: pass it to the writers (`{ writeBytes }`). */
  readonly writeBytes: WriteBytes | undefined;
  /** Fills the disk with a file named `ballast` until at most `leave` bytes are free. */
  fill(leave: number): void;
  /** Removes the ballast. */
  empty(): void;
  /** Unmounts and removes the disk. */
  dispose(): void;
}

/**
 * A disk of `bytes` bytes: a real tmpfs when this process may mount one (root with the right to mount, as on this
 * machine), else a simulated one of the same size: a directory whose writes, through `writeBytes`, are cut short and
 * then refused with ENOSPC exactly as Node reports a full disk, once the files in it hold `bytes` bytes.
 */
export function smallDisk(bytes: number): SmallDisk {
  const directory = mkdtempSync(join(tmpdir(), 'bpnet-small-disk-'));
  const refusal = mountTmpfs(directory, bytes);
  const ballast = join(directory, 'ballast');
  const kib = `${bytes / 1024} KiB`;
  if (refusal === undefined) {
    return {
      directory,
      description: `a real ${kib} tmpfs`,
      real: true,
      writeBytes: undefined,
      fill: (leave) => writeBallast(ballast, () => freeOnFileSystem(directory) - leave),
      empty: () => rmSync(ballast, { force: true }),
      dispose: () => {
        execFileSync('umount', [directory]);
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }
  const free = () => bytes - usedBytes(directory);
  return {
    directory,
    description: `a simulated ${kib} disk (${refusal})`,
    real: false,
    writeBytes: (descriptor, buffer, offset, length) => {
      const allowed = free();
      if (allowed <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
      return writeSync(descriptor, buffer, offset, Math.min(length, allowed));
    },
    fill: (leave) => writeBallast(ballast, () => free() - leave),
    empty: () => rmSync(ballast, { force: true }),
    dispose: () => rmSync(directory, { recursive: true, force: true }),
  };
}

/**
 * Mounts a tmpfs of `bytes` on `directory`; undefined when mounted, else why not. `BPNET_TEST_NO_MOUNT=1` in the
 * environment forces the simulated disk, to run the tests as a machine without the right to mount would.
 */
function mountTmpfs(directory: string, bytes: number): string | undefined {
  if (process.env.BPNET_TEST_NO_MOUNT === '1') return 'mounting disabled by BPNET_TEST_NO_MOUNT';
  if (process.platform !== 'linux') return `cannot mount a tmpfs on ${process.platform}`;
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0755`, 'tmpfs', directory], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    const detail = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim().split('\n')[0].slice(0, 100);
    return `mount refused: ${detail}`;
  }
}

function freeOnFileSystem(directory: string): number {
  const status = statfsSync(directory);
  return status.bavail * status.bsize;
}

function usedBytes(directory: string): number {
  let total = 0;
  for (const name of readdirSync(directory)) total += statSync(join(directory, name), { throwIfNoEntry: false })?.size ?? 0;
  return total;
}

/** Appends to `path` until `wanted()` (bytes still to fill) is at most 0 or the disk refuses. */
function writeBallast(path: string, wanted: () => number): void {
  const descriptor = openSync(path, 'a');
  try {
    const page = Buffer.alloc(4096, 0x20);
    for (let left = wanted(); left > 0; left = wanted()) {
      if (writeSync(descriptor, page, 0, Math.min(left, page.length)) === 0) break;
    }
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(descriptor);
  }
}
