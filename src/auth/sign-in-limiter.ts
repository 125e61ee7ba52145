/**
 * Limits failed sign-ins per account and client pair, per client, and per account, each with an
 * exponential backoff — never globally, so one reader's failures never lock anyone else out.
 * Counts live in memory (a restart forgets them) and are bounded in number.
 */

/** How many failures each kind of key allows before it backs off, and how far it may back off. */
export interface SignInLimits {
  /** The same name from the same client: a forgotten password, or one guesser. */
  readonly perAccountAndClient: number;
  /** One client across names: a guesser trying many accounts. */
  readonly perClient: number;
  /** One name across clients: guessing spread over many addresses. */
  readonly perAccount: number;
  /** The first wait after the limit, doubled with each further failure. */
  readonly firstWaitMs: number;
  readonly longestWaitMs: number;
  /** Failures are forgotten after this long without another. */
  readonly forgetAfterMs: number;
  /** The most keys kept; the oldest are forgotten first. */
  readonly maxKeys: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perAccountAndClient: 10,
  perClient: 30,
  perAccount: 100,
  firstWaitMs: 1000,
  longestWaitMs: 15 * 60 * 1000,
  forgetAfterMs: 15 * 60 * 1000,
  maxKeys: 100_000,
};

interface FailureCount {
  failures: number;
  lastFailure: number;
  blockedUntil: number;
}

/** Counts failed sign-ins and says when a sign-in must wait. */
export class SignInLimiter {
  private readonly counts = new Map<string, FailureCount>();

  constructor(
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The milliseconds this account must wait from this client before trying again; 0 to go ahead. */
  waitFor(account: string, client: string): number {
    const now = this.now();
    let wait = 0;
    for (const key of this.keys(account, client)) {
      const count = this.current(key, now);
      if (count !== undefined) wait = Math.max(wait, count.blockedUntil - now);
    }
    return wait;
  }

  /** Records a failed sign-in; each key past its limit backs off twice as long as last time. */
  failed(account: string, client: string): void {
    const now = this.now();
    const allowed = [this.limits.perAccountAndClient, this.limits.perClient, this.limits.perAccount];
    this.keys(account, client).forEach((key, i) => {
      const count = this.current(key, now) ?? { failures: 0, lastFailure: now, blockedUntil: 0 };
      count.failures++;
      count.lastFailure = now;
      const over = count.failures - allowed[i]!;
      if (over >= 0) count.blockedUntil = now + Math.min(this.limits.longestWaitMs, this.limits.firstWaitMs * 2 ** Math.min(over, 30));
      this.counts.delete(key);
      this.counts.set(key, count);
    });
    while (this.counts.size > this.limits.maxKeys) this.counts.delete(this.counts.keys().next().value!);
  }

  /** Forgets the failures of this account from this client after it signed in. */
  succeeded(account: string, client: string): void {
    this.counts.delete(this.keys(account, client)[0]!);
  }

  private keys(account: string, client: string): [string, string, string] {
    return [`pair\u0000${account}\u0000${client}`, `client\u0000${client}`, `account\u0000${account}`];
  }

  private current(key: string, now: number): FailureCount | undefined {
    const count = this.counts.get(key);
    if (count === undefined) return undefined;
    if (now - count.lastFailure > this.limits.forgetAfterMs && now >= count.blockedUntil) {
      this.counts.delete(key);
      return undefined;
    }
    return count;
  }
}
