export type * from './state/types.js';
export type * from './route.js';
