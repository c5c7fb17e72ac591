import type { MergeableType } from '../conflict-pair.js';
import type { ModeOutcome } from './generated-side.js';
import type { Persona } from './persona.js';
import type { Random } from './random.js';
import type { Occasion } from './workout-truth.js';

export interface ModeContext {
  readonly random: Random;
  readonly persona: Persona;
  /** The local day and where the person is (home, or travelling). */
  readonly occasion: Occasion;
  /** The same day at another place: where a mode sends the person to travel. */
  readonly away: Occasion;
  /** The person's home zone offset that day: a device left on home time shows it while travelling. */
  readonly homeOffset: number;
}

/** One way real users' records end up different: how it corrupts the sides, and how often. */
export interface FailureMode<T extends MergeableType = MergeableType> {
  /** `<dataType>.<mode>`, stable: reports and the model card name modes by it. */
  readonly id: `${T}.${string}`;
  readonly dataType: T;
  /** Share of this type's conflicts. */
  readonly share: number;
  /** One line for the generator's documentation. */
  readonly description: string;
  readonly generate: (context: ModeContext) => ModeOutcome<T>;
}
