/**
 * A group element, wrapping one @noble/curves point. Only src/spake2/group/ sees noble's types:
 * everything above works with `Element` and `Group`.
 */
import { inspect } from 'node:util';
import type { CurvePoint } from '@noble/curves/abstract/curve.js';
import { Spake2Error } from '../errors.js';
import type { Group } from './group.js';

// noble's point types differ per curve; this adapter only uses the methods they share.
export type NoblePoint = CurvePoint<any, any>;

export class Element {
  readonly group: Group;
  readonly #point: NoblePoint;

  constructor(group: Group, point: NoblePoint) {
    this.group = group;
    this.#point = point;
  }

  /** The wrapped noble point, for the adapter's own encoders only. */
  static unwrap(e: Element): NoblePoint {
    return e.#point;
  }

  add(other: Element): Element {
    return this.#wrap(this.#point.add(this.#same(other)));
  }

  subtract(other: Element): Element {
    return this.#wrap(this.#point.subtract(this.#same(other)));
  }

  negate(): Element {
    return this.#wrap(this.#point.negate());
  }

  /**
   * k·E through noble's constant-time `multiply` (blinded on P-256). Secret scalars (w, x, y)
   * only ever go through here. k must lie in [1, p): noble refuses 0 and anything ≥ p.
   */
  multiply(k: bigint): Element {
    if (k <= 0n || k >= this.group.p) {
      throw new Spake2Error('SPAKE2_ERR_INPUT', `scalar out of range [1, p) on ${this.group.name}`);
    }
    return this.#wrap(this.#point.multiply(k));
  }

  /** h·E as a point operation (RFC 9382 §3.3's "multiplication by h"); a no-op when h = 1. */
  clearCofactor(): Element {
    return this.#wrap(this.#point.clearCofactor());
  }

  isIdentity(): boolean {
    return this.#point.is0();
  }

  /** True when h·E is the identity: the element lies in the small torsion subgroup. */
  isSmallOrder(): boolean {
    return this.#point.isSmallOrder();
  }

  /** True when E lies in the prime-order subgroup (p·E = I). */
  isTorsionFree(): boolean {
    return this.#point.isTorsionFree();
  }

  equals(other: Element): boolean {
    return this.#point.equals(this.#same(other));
  }

  /** The RFC 9382 encoding of this element for its group (P-256: SEC1 uncompressed). */
  toBytes(): Uint8Array {
    return this.group.encode(this);
  }

  /**
   * Attach a precomputed table of 2^(bits-1) multiples so later `multiply` calls on this element
   * are ~6× faster. Worth it for the fixed M and N, built lazily on first use.
   */
  withTable(bits: number): Element {
    this.#point.precompute(bits, true);
    return this;
  }

  // An element may be secret (X = x·P, w·M, K): never render coordinates implicitly.
  toString(): string {
    return `[${this.group.name} element]`;
  }
  toJSON(): string {
    return this.toString();
  }
  [inspect.custom](): string {
    return this.toString();
  }

  #wrap(p: NoblePoint): Element {
    return new Element(this.group, p);
  }

  #same(other: Element): NoblePoint {
    if (other.group !== this.group) {
      throw new Spake2Error(
        'SPAKE2_ERR_INPUT',
        `cannot mix ${this.group.name} and ${other.group.name}`,
      );
    }
    return other.#point;
  }
}
