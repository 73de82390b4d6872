import type { EndpointDeclaration } from './define-endpoint.js';
import type { ValueOf } from './shape.js';

type Params<E extends EndpointDeclaration> = E['params'];
type RequiredNames<P> = { [K in keyof P]: P[K] extends { required: true } ? K : never }[keyof P];

/**
 * The parameters of a declared endpoint as a TypeScript type: required ones required, the rest
 * optional, each typed from its shape (`enum` to its literals).
 */
export type ParamsOf<E extends EndpointDeclaration> = { [K in RequiredNames<Params<E>>]: ValueOf<Params<E>[K]> } & {
  [K in Exclude<keyof Params<E>, RequiredNames<Params<E>>>]?: ValueOf<Params<E>[K]>;
};

/** The type of Duo's `response` member for a declared endpoint. */
export type ResponseOf<E extends EndpointDeclaration> = ValueOf<E['response']>;

