/** Why the environment could not be turned into a config; names the variable, never its value. */
export class HubConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'HubConfigError';
    this.variable = variable;
  }
}
