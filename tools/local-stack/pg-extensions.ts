import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { StackError } from './errors';
import { report } from './progress';
import { runStep } from './processes';
import { cacheDir, vendorDir } from './settings';

/**
 * pgvector and DocumentDB, the two PostgreSQL extensions Debian does not package, built from the
 * vendored upstream archives (../shared/vendor/README.md) as INFRA-NOTES ("Database") describes and
 * installed into the system's PostgreSQL 15 once: a fingerprint of the archives and of the recipe,
 * kept beside the installed files (they are the machine's, not a checkout's: a second clone uses
 * them as they are), says that they are in, as long as their files are still there.
 */

export const pgMajor = 15;
export const pgBinDir = `/usr/lib/postgresql/${pgMajor}/bin`;
const extensionDir = `/usr/share/postgresql/${pgMajor}/extension`;
const libDir = `/usr/lib/postgresql/${pgMajor}/lib`;

interface VendoredArchive {
  file: string;
  sha256: string;
  /** The folder the archive unpacks to. */
  root: string;
}

const pgvector: VendoredArchive = {
  file: 'pgvector-0.8.0.tar.gz',
  sha256: '9b74807f88ad0a3929667b1c47f30cefd10665c2d2db090be1191bac8b82dac4',
  root: 'pgvector-0.8.0',
};
const documentdb: VendoredArchive = {
  file: 'documentdb-0.107-0-ferretdb.tar.gz',
  sha256: '7d0ce5c029f5ffe0a737d2ce551ebe66c75f5cf1ae5141a9ed895c25cb1a6ab4',
  root: 'documentdb-0.107-0-ferretdb',
};

/** Works around Debian's libbson 1.23 (DocumentDB pins 1.28). */
const documentdbCopt = '-DBSON_SUBTYPE_SENSITIVE=0x08 -Wno-switch';

/** Debian's libintelrdfpmath-dev has no pkg-config file; DocumentDB's build asks for one. */
function intelMathLibPc(): string {
  const multiarch = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
  return [
    'Name: intelmathlib',
    "Description: Intel Decimal Floating-Point Math Library (Debian's libintelrdfpmath-dev)",
    'Version: 2.0',
    'Cflags: -I/usr/include',
    `Libs: -L/usr/lib/${multiarch} -lbidgcc000`,
    '',
  ].join('\n');
}

/** Files whose absence means the extensions are not (or no longer) installed. */
const installedFiles = [
  `${extensionDir}/vector.control`,
  `${extensionDir}/documentdb_core.control`,
  `${extensionDir}/documentdb.control`,
  `${libDir}/vector.so`,
  `${libDir}/pg_documentdb_core.so`,
  `${libDir}/pg_documentdb.so`,
];

/** Changes whenever an archive or the way it is built does: then the extensions are built again. */
const fingerprint = createHash('sha256')
  .update(JSON.stringify({ archives: [pgvector, documentdb], documentdbCopt, pgMajor, recipe: 1 }))
  .digest('hex');

const marker = `${extensionDir}/hub-stack-extensions.fingerprint`;

export function extensionsInstalled(): boolean {
  return (
    existsSync(marker) &&
    readFileSync(marker, 'utf8') === fingerprint &&
    installedFiles.every((file) => existsSync(file))
  );
}

function verifiedArchive(archive: VendoredArchive): string {
  const file = resolve(vendorDir, archive.file);
  if (!existsSync(file)) {
    throw new StackError(
      'postgres',
      `${archive.file} is missing: looked in ${vendorDir} (set HUB_VENDOR_DIR to the folder holding ` +
        `${pgvector.file} and ${documentdb.file}; ../shared/vendor/README.md says where they come from)`,
    );
  }
  const actual = createHash('sha256').update(readFileSync(file)).digest('hex');
  if (actual !== archive.sha256) {
    throw new StackError(
      'postgres',
      `${file} has sha256 ${actual}, expected ${archive.sha256}: not the archive this stack was made for`,
    );
  }
  return file;
}

/** Builds and installs pgvector and DocumentDB unless the installed ones come from the same inputs. */
export async function ensureExtensions(): Promise<void> {
  if (extensionsInstalled()) return;
  if (process.getuid?.() !== 0) {
    throw new StackError(
      'postgres',
      `the pgvector and DocumentDB extensions are not installed in ${libDir}; run \`npm run ` +
        'stack:up` once as root to build and install them (INFRA-NOTES "Database" has the recipe)',
    );
  }
  const archives = [pgvector, documentdb].map((archive) => verifiedArchive(archive));
  report('postgres', 'building pgvector and DocumentDB from the vendored sources (first run only)');
  const scratch = resolve(cacheDir, 'build', `pg-extensions-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(resolve(scratch, 'pkgconfig'), { recursive: true });
  writeFileSync(resolve(scratch, 'pkgconfig', 'intelmathlib.pc'), intelMathLibPc());
  for (const archive of archives)
    await runStep('postgres', 'tar', ['-xzf', archive, '-C', scratch]);

  const env = {
    PKG_CONFIG_PATH: [resolve(scratch, 'pkgconfig'), process.env.PKG_CONFIG_PATH]
      .filter(Boolean)
      .join(':'),
  };
  const vars = [`PG_CONFIG=${pgBinDir}/pg_config`, 'with_llvm=no'];
  const jobs = `-j${availableParallelism()}`;
  const make = (dir: string, args: string[]): Promise<void> =>
    runStep('postgres', 'make', [...args, ...vars], { cwd: resolve(scratch, dir), env });

  await make(pgvector.root, [jobs]);
  await make(pgvector.root, ['install']);
  report('postgres', 'pgvector installed; building DocumentDB');
  const copt = `COPT=${documentdbCopt}`;
  await make(documentdb.root, [jobs, copt, '-C', 'pg_documentdb_core']);
  await make(documentdb.root, [jobs, copt, '-C', 'pg_documentdb']);
  await make(documentdb.root, [copt, 'install-no-distributed']);
  const absent = installedFiles.filter((file) => !existsSync(file));
  if (absent.length > 0) {
    throw new StackError('postgres', `the build installed no ${absent.join(', ')}`);
  }
  writeFileSync(marker, fingerprint);
  rmSync(scratch, { recursive: true, force: true }); // kept after a failure, to look into
  report('postgres', 'DocumentDB installed');
}
