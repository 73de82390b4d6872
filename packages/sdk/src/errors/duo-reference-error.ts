import { DuoError } from './duo-error.js';

/** Why a reference did not name exactly one object. */
export type ReferenceProblem = 'none' | 'several';

/** One object a reference could mean, as shown to a person choosing between them. */
export type ReferenceCandidate = Record<string, string | undefined>;

/**
 * A reference (a username, an email, a phone number, a group name...) matched no object or
 * several. `field` names the input it came from; `candidates` lists the matches when there were
 * several, so the caller can retry with an id. The reference itself is kept out of the message:
 * it may be personal data the caller would not want in a log.
 */
export class DuoReferenceError extends DuoError {
  override name = 'DuoReferenceError';
  readonly field: string;
  /** What kind of object was meant: `user`, `phone`, `group`, `token`... */
  readonly kind: string;
  readonly problem: ReferenceProblem;
  readonly candidates: ReferenceCandidate[];

  constructor(init: { field: string; kind: string; problem: ReferenceProblem; candidates?: ReferenceCandidate[]; matches?: number }) {
    const candidates = init.candidates ?? [];
    super(
      init.problem === 'none'
        ? `${init.field}: no Duo ${init.kind} matches`
        : `${init.field}: ${init.matches ?? candidates.length} Duo ${init.kind}s match; give one of their ids instead`,
    );
    this.field = init.field;
    this.kind = init.kind;
    this.problem = init.problem;
    this.candidates = candidates;
  }

  protected override extraFields(): Record<string, unknown> {
    return { field: this.field, kind: this.kind, problem: this.problem, candidates: this.candidates };
  }
}
