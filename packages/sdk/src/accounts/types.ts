/** A child account as the Accounts API lists it. */
export interface DuoAccount {
  account_id: string;
  name: string;
  api_hostname: string;
  [key: string]: unknown;
}
