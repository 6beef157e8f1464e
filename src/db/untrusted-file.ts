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

/** Opens a file to read, non-blocking (a FIFO cannot hang the open); `noFollow` refuses a symbolic link at the end. */
function openToRead(file: string, given: string, noFollow: boolean): number {
  try {
    return fs.openSync(
      file,
      fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | (noFollow ? fs.constants.O_NOFOLLOW : 0),
    );
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UnsafeFileError(given, 'does not exist');
    if (code === 'ELOOP') throw new UnsafeFileError(given, 'is a symbolic link that cannot be followed');
    throw new UnsafeFileError(given, `cannot be opened (${code ?? 'error'})`);
  }
}

/**
 * Reads what the descriptor `fd` holds, at most `maxBytes`, checked with fstat on the descriptor itself (so it is the
 * file that is read that gets checked), then read with a bounded buffer: a file that grows after the check, or a
 * device that reports size 0, still cannot exceed the cap.
 */
function readOpened(
  fd: number,
  given: string,
  maxBytes: number,
  limitName: string,
  stat = fs.fstatSync(fd),
): Buffer {
  const over = `over the limit of ${maxBytes} bytes (${limitName})`;
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
}

/** Reads a regular file of at most `maxBytes` (no symbolic link at the end of the path). */
export function readRegularFile(file: string, maxBytes: number, limitName: string, given = file): Buffer {
  const fd = openToRead(file, given, true);
  try {
    return readOpened(fd, given, maxBytes, limitName);
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

/** Where the file open as `fd` really is: the kernel's own answer on Linux, so nothing can change it in between. */
function openedPath(fd: number, opened: string): string {
  try {
    return fs.readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    // No /proc (not Linux): the path resolved after the open, accepted only if it is the very file open (same device
    // and inode). A swap between the two would have to be undone before this check to go unseen.
    const real = fs.realpathSync(opened);
    const a = fs.fstatSync(fd);
    const b = fs.statSync(real);
    return a.dev === b.dev && a.ino === b.ino ? real : '(replaced while being opened)';
  }
}

/**
 * Reads `given`, a path relative to `folder`, refusing anything that leaves the folder: an absolute path, `..`, a
 * symbolic link (anywhere on the way) that resolves outside it, and a file with other hard links. The file is opened
 * first and what was opened is checked (its real path, from the descriptor), so a folder or link swapped at any moment
 * cannot make it read a file outside: the check and the read are about one and the same open file.
 */
export function readConfinedFile(folder: string, given: string, maxBytes: number, limitName: string): Buffer {
  if (path.isAbsolute(given)) {
    throw new UnsafeFileError(
      given,
      "is an absolute path; give a path relative to the dataset file's folder",
    );
  }
  let root: string;
  try {
    root = fs.realpathSync(folder);
  } catch (err) {
    throw new UnsafeFileError(folder, `cannot be resolved (${(err as NodeJS.ErrnoException).code})`);
  }
  const opened = path.resolve(root, given);
  // Symbolic links inside the folder are allowed, so they are followed; where they lead is checked below.
  const fd = openToRead(opened, given, false);
  try {
    const stat = fs.fstatSync(fd);
    const inside = path.relative(root, openedPath(fd, opened));
    if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
      throw new UnsafeFileError(given, "resolves outside the dataset file's folder");
    }
    // A hard link is the same file under two names: one inside the folder can be a file from anywhere (hard links
    // need no rights on the target's folder). A text is copied into the dataset's folder, not linked.
    if (stat.isFile() && stat.nlink > 1) {
      throw new UnsafeFileError(
        given,
        `has ${stat.nlink} hard links; a file with other names may belong outside the dataset file's folder (copy it instead)`,
      );
    }
    return readOpened(fd, given, maxBytes, limitName, stat);
  } finally {
    fs.closeSync(fd);
  }
}
