import { Migration0001Conversations } from './0001-conversations.ts';

export const migrations = [{ name: '0001-conversations', class: Migration0001Conversations }];
