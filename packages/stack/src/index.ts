export * from './config.ts';
export * from './start-stack.ts';
