import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '@plantgraph/platform';

/** A database of a bench's own on the PostgreSQL server, dropped by `drop`. */
export interface ScratchDatabase {
  readonly database: DatabaseHandle;
  drop(): Promise<void>;
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates (afresh) the database `name` on the server `serverUrl` names, and opens it. */
export async function openScratchDatabase(
  serverUrl: string,
  name: string,
  poolSize = 20,
): Promise<ScratchDatabase> {
  await admin(serverUrl, `drop database if exists ${name} with (force)`);
  await admin(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize });
  return {
    database,
    async drop() {
      await database.close();
      await admin(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
