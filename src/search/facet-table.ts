/**
 * The facet values of every record as numbers, for counting and filtering the candidates of a
 * query: each record has an ordinal, each facet's values are numbered, and a record's values are
 * a run in one typed array. Counting the thousands of candidates of a common word is then a walk
 * over small integers, where a map from value strings to counts per candidate was a quarter of
 * the time of a search.
 */

/** A facet table over records, by facet name: build once per index, ask per query. */
export class FacetTable<Name extends string> {
  private readonly ordinalOf = new Map<string, number>();
  /** Per facet: its values as written, by number. */
  private readonly valuesOf: Record<Name, string[]>;
  /** Per facet: value → its number. */
  private readonly numberOf: Record<Name, Map<string, number>>;
  /** Per facet: record ordinal → where its run of value numbers starts in `runs` (and, at ordinal + 1, ends). */
  private readonly startsOf: Record<Name, Int32Array>;
  private readonly runsOf: Record<Name, Int32Array>;

  constructor(
    private readonly names: readonly Name[],
    records: Iterable<readonly [string, Readonly<Record<Name, readonly string[]>>]>,
  ) {
    const list = [...records];
    this.valuesOf = {} as Record<Name, string[]>;
    this.numberOf = {} as Record<Name, Map<string, number>>;
    this.startsOf = {} as Record<Name, Int32Array>;
    this.runsOf = {} as Record<Name, Int32Array>;
    list.forEach(([ref], ordinal) => this.ordinalOf.set(ref, ordinal));
    for (const name of names) {
      const values: string[] = [];
      const numbers = new Map<string, number>();
      const starts = new Int32Array(list.length + 1);
      const runs: number[] = [];
      list.forEach(([, byName], ordinal) => {
        starts[ordinal] = runs.length;
        for (const value of byName[name]) {
          let number = numbers.get(value);
          if (number === undefined) {
            number = values.length;
            values.push(value);
            numbers.set(value, number);
          }
          runs.push(number);
        }
      });
      starts[list.length] = runs.length;
      this.valuesOf[name] = values;
      this.numberOf[name] = numbers;
      this.startsOf[name] = starts;
      this.runsOf[name] = Int32Array.from(runs);
    }
  }

  /** A record's ordinal in the table, or -1 for a record it does not hold. */
  ordinal(ref: string): number {
    return this.ordinalOf.get(ref) ?? -1;
  }

  /**
   * A test for records holding every filter's value; a filter on a value no record holds passes
   * nothing. Built once per query, then asked per candidate.
   */
  filter(filters: Partial<Record<Name, string>>): (ordinal: number) => boolean {
    const wanted: Array<{ starts: Int32Array; runs: Int32Array; number: number }> = [];
    for (const name of this.names) {
      const value = filters[name];
      if (value === undefined) continue;
      const number = this.numberOf[name].get(value);
      if (number === undefined) return () => false;
      wanted.push({ starts: this.startsOf[name], runs: this.runsOf[name], number });
    }
    return (ordinal) => {
      if (ordinal < 0) return false;
      for (const { starts, runs, number } of wanted) {
        let found = false;
        for (let at = starts[ordinal]!; at < starts[ordinal + 1]!; at++) {
          if (runs[at] === number) {
            found = true;
            break;
          }
        }
        if (!found) return false;
      }
      return true;
    };
  }

  /** How many of the given records hold each value, per facet; values no record holds are left out. */
  count(ordinals: Iterable<number>): Record<Name, Array<{ value: string; count: number }>> {
    const tallies = this.names.map((name) => new Int32Array(this.valuesOf[name].length));
    const columns = this.names.map((name) => ({ starts: this.startsOf[name], runs: this.runsOf[name] }));
    for (const ordinal of ordinals) {
      if (ordinal < 0) continue;
      for (let facet = 0; facet < columns.length; facet++) {
        const { starts, runs } = columns[facet]!;
        const tally = tallies[facet]!;
        for (let at = starts[ordinal]!; at < starts[ordinal + 1]!; at++) tally[runs[at]!]!++;
      }
    }
    const result = {} as Record<Name, Array<{ value: string; count: number }>>;
    this.names.forEach((name, facet) => {
      const values = this.valuesOf[name];
      const tally = tallies[facet]!;
      const counted: Array<{ value: string; count: number }> = [];
      for (let number = 0; number < tally.length; number++) if (tally[number]! > 0) counted.push({ value: values[number]!, count: tally[number]! });
      result[name] = counted;
    });
    return result;
  }
}
