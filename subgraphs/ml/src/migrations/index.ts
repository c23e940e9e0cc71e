import { Migration0001MlState } from './0001-ml-state.ts';

export const migrations = [{ name: '0001-ml-state', class: Migration0001MlState }];
