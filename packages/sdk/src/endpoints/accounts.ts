import { defineEndpoint } from './define-endpoint.js';
import { accountShape, emptyAnswer } from './objects.js';
import { required } from './required.js';
import { t } from './shape.js';

const DOCS = 'https://duo.com/docs/accountsapi';

/** `POST /accounts/v1/account/list`: every child at once; a read despite the POST. */
export const accountsList = defineEndpoint({
  id: 'accounts.list',
  summary: 'List child accounts',
  method: 'POST',
  path: '/accounts/v1/account/list',
  api: 'accounts',
  pacing: 'accounts',
  idempotent: true,
  paging: { style: 'none' },
  params: {},
  response: t.array(accountShape),
  docs: `${DOCS}#retrieve-accounts`,
});

/** `POST /accounts/v1/account/create`: never resent. */
export const accountsCreate = defineEndpoint({
  id: 'accounts.create',
  summary: 'Create a child account',
  method: 'POST',
  path: '/accounts/v1/account/create',
  api: 'accounts',
  pacing: 'accounts',
  idempotent: false,
  params: { name: required(t.string({ minLength: 1 })) },
  response: accountShape,
  docs: `${DOCS}#create-account`,
});

/** `POST /accounts/v1/account/delete`: repeatable. */
export const accountsDelete = defineEndpoint({
  id: 'accounts.delete',
  summary: 'Delete a child account',
  method: 'POST',
  path: '/accounts/v1/account/delete',
  api: 'accounts',
  pacing: 'accounts',
  idempotent: true,
  params: { account_id: required(t.string({ minLength: 1 })) },
  response: emptyAnswer,
  docs: `${DOCS}#delete-account`,
});

/** Every Accounts API endpoint. */
export const accountEndpoints = [accountsList, accountsCreate, accountsDelete] as const;
