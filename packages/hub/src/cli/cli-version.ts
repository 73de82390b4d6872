/** The version `duohub --version` prints; a test keeps it equal to packages/hub/package.json's. */
export const DUOHUB_VERSION = '0.1.0';
