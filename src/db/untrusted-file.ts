// Reading files named by untrusted dataset files: confined to a folder, regular files only, bounded in size.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** A file that must not be read; the message names the path as given and what is wrong, never its contents. */
export class UnsafeFileError extends Error {
  constructor(given: string, problem: string) {
    super(`${given} ${problem}`);
    this.name = 'UnsafeFileError';
  }
}

const limitsSchema = z.object({
  /** Largest original text a dataset may name with textFile (bytes). */
  DATASET_TEXT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(4 * 1024 * 1024),
  /** Largest dataset JSON file (bytes). */
  DATASET_FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(64 * 1024 * 1024),
});
export type DatasetLimits = z.infer<typeof limitsSchema>;

/** The size caps, from the environment; a bad value is one line naming the variable. */
export function datasetLimits(env: NodeJS.ProcessEnv = process.env): DatasetLimits {
  const parsed = limitsSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  return parsed.data;
}

/**
 * Reads a regular file of at most `maxBytes`. It is opened non-blocking (a FIFO cannot hang the open), checked with
 * fstat on the open descriptor (so it is the file that is read that gets checked), then read with a bounded buffer:
 * a file that grows after the check, or a device that reports size 0, still cannot exceed the cap.
 */
export function readRegularFile(file: string, maxBytes: number, limitName: string, given = file): Buffer {
  const over = `over the limit of ${maxBytes} bytes (${limitName})`;
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UnsafeFileError(given, 'does not exist');
    if (code === 'ELOOP') throw new UnsafeFileError(given, 'is a symbolic link that cannot be followed');
    throw new UnsafeFileError(given, `cannot be opened (${code ?? 'error'})`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new UnsafeFileError(given, `is not a regular file (it is ${kindOf(stat)})`);
    if (stat.size > maxBytes) {
      throw new UnsafeFileError(given, `is ${stat.size} bytes, ${over}`);
    }
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) throw new UnsafeFileError(given, `is ${over}`);
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw new UnsafeFileError(given, `is ${over}`);
    }
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a file named by the operator (a dataset on the command line): a symbolic link there is the operator's choice
 * and is followed; what it leads to must still be a regular file under the cap.
 */
export function readNamedFile(file: string, maxBytes: number, limitName: string): Buffer {
  let real = file;
  try {
    real = fs.realpathSync(file);
  } catch {
    // Missing or unreadable: the open below says which, naming the path as given.
  }
  return readRegularFile(real, maxBytes, limitName, file);
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

/**
 * Reads `given`, a path relative to `folder`, refusing anything that leaves the folder: an absolute path, `..`, or a
 * symbolic link (anywhere on the way) that resolves outside it.
 */
export function readConfinedFile(folder: string, given: string, maxBytes: number, limitName: string): Buffer {
  if (path.isAbsolute(given)) {
    throw new UnsafeFileError(
      given,
      "is an absolute path; give a path relative to the dataset file's folder",
    );
  }
  let root: string;
  let real: string;
  try {
    root = fs.realpathSync(folder);
    real = fs.realpathSync(path.resolve(folder, given));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UnsafeFileError(given, code === 'ENOENT' ? 'does not exist' : `cannot be resolved (${code})`);
  }
  const inside = path.relative(root, real);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    throw new UnsafeFileError(given, "resolves outside the dataset file's folder");
  }
  // The resolved path has no symbolic link left; O_NOFOLLOW refuses one swapped in since.
  return readRegularFile(real, maxBytes, limitName, given);
}
