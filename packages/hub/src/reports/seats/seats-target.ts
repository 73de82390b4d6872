/** One Duo account a seats report reads, with the hub organization mapped to it. */
export interface SeatsTarget {
  integrationId: string;
  /** Null for a token limited to organizations: integrations are fleet-wide. */
  integrationName: string | null;
  /** A child `account_id`, or `parent` for the integration's own account. */
  accountId: string;
  accountName: string;
  /** The child's API host when known (saves a lookup); null for the parent or an old mapping. */
  apiHostname: string | null;
  organization: { id: string; name: string } | null;
}

/** What a report covers: an integration, organizations, both (the organizations within it), or neither (all the caller may see). */
export interface SeatsSelection {
  integrationId?: string | undefined;
  organizationIds?: readonly string[] | undefined;
}

/** The account id organizations use for an integration's own (parent) account. */
export const PARENT_ACCOUNT = 'parent';
