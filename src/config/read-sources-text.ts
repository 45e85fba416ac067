import { readFile } from 'node:fs/promises';
import { ConfigError } from '../shared/errors.ts';

/**
 * The text of a sources.yaml, unparsed. Apart from loadSources, so a command can tell from the
 * text alone (its hash, src/store/sources/sync-sources.ts) that the file is what the database was last
 * synced with, without loading the YAML parser and the schema.
 */
export async function readSourcesText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError([{ file, message: `cannot read the sources file: ${(error as Error).message}` }]);
  }
}
