import { allTables } from '@repo/database/domains';
import { resolveMigrationsFolder } from '@repo/database/migrate';
import { readMigrationFolder } from '../migrations/folder';
import { CatalogService } from './catalog-service';

/**
 * "Ours": the hashes of this project's migration files (every line-ending variant, as the
 * migrator accepts them) and this project's table names. Read once per folder.
 */
export function oursFrom(folder: string = resolveMigrationsFolder()) {
  let read: Promise<{ hashes: ReadonlySet<string>; tables: readonly string[] }> | undefined;
  return () => {
    read ??= readMigrationFolder(folder).then((f) => ({
      hashes: new Set(f.files.flatMap((file) => file.equivalentHashes)),
      tables: allTables.map((t) => t.name),
    }));
    return read;
  };
}

/** A catalog module for services built on their own (tests, benches): same code, own cache. */
export function standaloneCatalog(): CatalogService {
  return new CatalogService({ ours: oursFrom() });
}
