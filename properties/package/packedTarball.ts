import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { root, run } from '../consumers/consumerProject.js';

/** The package as `npm pack` made it from the build: the tarball, and the files in it as npm lists them. */
export interface Packed {
  readonly tarball: string;
  readonly files: readonly string[];
}

/** Where the packs of the tree are kept: one folder per state of the tree, under the ignored reports/. */
const PACKS = join(root, 'reports', 'packs');

/** How old another tree's pack must be to be removed: older than any run of the suite that could still use it. */
const STALE_MS = 60 * 60 * 1000;

/** What npm packs from, each file with its size and time of change: a new build or edit gives a new key. */
const SOURCES = ['dist', 'src', 'scenarios', 'docs'];

/** A digest of the package's manifest and of every file npm could pack (path, size, mtime). */
function treeKey(): string {
  const hash = createHash('sha256');
  for (const name of ['package.json', 'README.md', 'LICENSE', '.npmignore'])
    if (existsSync(join(root, name))) hash.update(`${name}\0`).update(readFileSync(join(root, name)));
  for (const folder of SOURCES)
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      const { size, mtimeMs } = statSync(path);
      hash.update(`${relative(root, path)}\0${String(size)}\0${String(mtimeMs)}\n`);
    }
  return hash.digest('hex').slice(0, 16);
}

/** What a folder of PACKS holds once whole: the tarball's name and its files. */
interface Listing {
  readonly filename: string;
  readonly files: readonly string[];
}

function read(folder: string): Packed {
  const listing = JSON.parse(readFileSync(join(folder, 'listing.json'), 'utf8')) as Listing;
  return { tarball: join(folder, listing.filename), files: listing.files };
}

/** Packs the tree into a new folder and puts it in place as `folder`, unless another file's pack got there first. */
async function pack(folder: string): Promise<Packed> {
  // Packs of earlier trees are of no use any more, once no run still installs from them.
  for (const old of existsSync(PACKS) ? readdirSync(PACKS) : []) {
    const path = join(PACKS, old);
    const changed = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (path !== folder && changed < Date.now() - STALE_MS) rmSync(path, { recursive: true, force: true });
  }
  mkdirSync(PACKS, { recursive: true });
  const into = mkdtempSync(join(PACKS, 'new-'));
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', into], root);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [manifest] = JSON.parse(packed.stdout) as [{ readonly filename: string; readonly files: { path: string }[] }];
  const listing: Listing = { filename: manifest.filename, files: manifest.files.map((file) => file.path) };
  writeFileSync(join(into, 'listing.json'), `${JSON.stringify(listing)}\n`);
  try {
    renameSync(into, folder);
  } catch {
    // Another file packed the same tree at the same time: its folder stands, the same bytes.
    rmSync(into, { recursive: true, force: true });
  }
  return read(folder);
}

let packing: Promise<Packed> | undefined;

/**
 * The package packed as `npm publish` would (`npm pack`, from the build `npm test` made
 * first), once for every test file that needs it (the consumers install it, others read its
 * file list): kept under reports/packs/ by a digest of the tree it was packed from, so a file
 * in another worker finds it made instead of packing the same tree again (about 4 s of CPU).
 */
export function packedTarball(): Promise<Packed> {
  return (packing ??= (() => {
    const folder = join(PACKS, treeKey());
    return existsSync(join(folder, 'listing.json')) ? Promise.resolve(read(folder)) : pack(folder);
  })());
}
