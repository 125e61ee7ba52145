/**
 * What OSCOLA prints for a court that CSL cannot tell from another: CSL conditions test a type or
 * whether a variable is set, never a value, so "App no 35343/05 (ECtHR, …)" for a Strasbourg case
 * cannot be chosen inside the style. Before a case reaches the OSCOLA style (on the page and in the
 * CSL-JSON handed to pandoc, so both print the same), its court's form is applied from this table.
 * The library itself keeps the court's full name and the bare number.
 */
import type { CslItem } from '../../model/records.js';

interface CourtForm {
  /** The court, as the start of the case's `authority`. */
  readonly court: RegExp;
  /** The court as OSCOLA abbreviates it in a case's brackets. */
  readonly abbreviation: string;
  /** The court's chamber sitting as its Grand Chamber, marked as the court's own citations do. */
  readonly grandChamber?: string;
  /** The label before the case number (OSCOLA's "App no" for an application). */
  readonly numberLabel?: string;
  /** Whether OSCOLA names the kind of decision ("(Judgment)"); it does not for Strasbourg. */
  readonly printsDecisionKind: boolean;
}

const OSCOLA_COURT_FORMS: readonly CourtForm[] = [
  { court: /^European Court of Human Rights\b/, abbreviation: 'ECtHR', grandChamber: ' [GC]', numberLabel: 'App no', printsDecisionKind: false },
  { court: /^International Court of Justice$/, abbreviation: 'ICJ', printsDecisionKind: true },
];

/** A case as the OSCOLA style should be given it: its court's OSCOLA form applied; any other item unchanged. */
export function oscolaCourtForm(item: CslItem): CslItem {
  if (item.type !== 'legal_case' || typeof item.authority !== 'string') return item;
  const authority = item.authority;
  const form = OSCOLA_COURT_FORMS.find((candidate) => candidate.court.test(authority));
  if (form === undefined) return item;
  const prepared: Record<string, unknown> = { ...item, authority: `${form.abbreviation}${form.grandChamber !== undefined && /Grand Chamber/.test(authority) ? form.grandChamber : ''}` };
  if (form.numberLabel !== undefined && typeof item.number === 'string' && item.number !== '') {
    // The library keeps the bare number; an editor who already wrote "no. 35343/05" gets the label once.
    prepared.number = `${form.numberLabel} ${item.number.replace(/^(?:app(?:lication)?\.?\s+)?no\.?\s+/i, '')}`;
  }
  if (!form.printsDecisionKind) delete prepared.genre;
  return prepared as CslItem;
}
