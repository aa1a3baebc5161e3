export * from './envelope.ts';
export * from './event-tables.ts';
export * from './event-tables-migration.ts';
export * from './outbox.ts';
export * from './handler.ts';
