/**
 * The well-known instruments the detector recognises by name when an article follows or precedes
 * it (`Article 7(1)(i) of the Rome Statute`, `Rome Statute, art. 25(3)(e)`). Each is resolved to a
 * library entry whose title is the instrument's official title, or to the key an alias file gives.
 * A corpus adds names and keys in `corpus/aliases.yaml`.
 */

/** One instrument: its id, the official title a library entry carries, and the names it goes by. */
export interface Instrument {
  readonly id: string;
  /** The official title, compared with library titles; null where no single title fits. */
  readonly title: string | null;
  /** The names writers use, case as written; the first is the one the detector reports. */
  readonly names: readonly string[];
  /** The cite key a corpus assigned in its alias file, if any. */
  readonly key?: string;
}

/** The instruments known without any alias file. */
export const BUILT_IN_INSTRUMENTS: readonly Instrument[] = [
  { id: 'rome-statute', title: 'Rome Statute of the International Criminal Court', names: ['Rome Statute', 'ICC Statute', 'Statute of the International Criminal Court', 'Statute of the ICC', 'Rome Statute of the International Criminal Court'] },
  { id: 'genocide-convention', title: 'Convention on the Prevention and Punishment of the Crime of Genocide', names: ['Genocide Convention', 'Convention on Genocide', 'Convention on the Prevention and Punishment of the Crime of Genocide'] },
  { id: 'iccpr', title: 'International Covenant on Civil and Political Rights', names: ['ICCPR', 'International Covenant on Civil and Political Rights', 'Covenant on Civil and Political Rights'] },
  { id: 'icescr', title: 'International Covenant on Economic, Social and Cultural Rights', names: ['ICESCR', 'International Covenant on Economic, Social and Cultural Rights'] },
  { id: 'cat', title: 'Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment', names: ['Convention against Torture', 'Torture Convention', 'UNCAT', 'CAT'] },
  {
    id: 'icped',
    title: 'International Convention for the Protection of All Persons from Enforced Disappearance',
    names: ['Enforced Disappearance Convention', 'Convention on Enforced Disappearance', 'ICPPED', 'CPED', 'International Convention for the Protection of All Persons from Enforced Disappearance'],
  },
  {
    id: 'declaration-enforced-disappearance',
    title: 'Declaration on the Protection of All Persons from Enforced Disappearance',
    names: ['Declaration on Enforced Disappearance', 'Declaration on the Protection of All Persons from Enforced Disappearance'],
  },
  { id: 'echr', title: 'Convention for the Protection of Human Rights and Fundamental Freedoms', names: ['ECHR', 'European Convention on Human Rights', 'European Convention', 'Convention for the Protection of Human Rights and Fundamental Freedoms'] },
  { id: 'un-charter', title: 'Charter of the United Nations', names: ['UN Charter', 'U.N. Charter', 'United Nations Charter', 'Charter of the United Nations'] },
  { id: 'vclt', title: 'Vienna Convention on the Law of Treaties', names: ['VCLT', 'Vienna Convention on the Law of Treaties'] },
  { id: 'icty-statute', title: 'Statute of the International Criminal Tribunal for the former Yugoslavia', names: ['ICTY Statute', 'Statute of the ICTY', 'Statute of the International Criminal Tribunal for the former Yugoslavia'] },
  { id: 'ictr-statute', title: 'Statute of the International Criminal Tribunal for Rwanda', names: ['ICTR Statute', 'Statute of the ICTR', 'Statute of the International Criminal Tribunal for Rwanda'] },
  { id: 'nuremberg-charter', title: 'Charter of the International Military Tribunal', names: ['Nuremberg Charter', 'IMT Charter', 'London Charter', 'Charter of the International Military Tribunal'] },
  { id: 'udhr', title: 'Universal Declaration of Human Rights', names: ['UDHR', 'Universal Declaration of Human Rights', 'Universal Declaration'] },
  { id: 'geneva-conventions', title: null, names: ['Geneva Conventions'] },
  { id: 'gc-iv', title: 'Geneva Convention relative to the Protection of Civilian Persons in Time of War', names: ['Fourth Geneva Convention', 'Geneva Convention IV', 'GC IV'] },
  { id: 'ap-i', title: null, names: ['Additional Protocol I', 'AP I'] },
  { id: 'ap-ii', title: null, names: ['Additional Protocol II', 'AP II'] },
  { id: 'crc', title: 'Convention on the Rights of the Child', names: ['Convention on the Rights of the Child', 'CRC'] },
  { id: 'cedaw', title: 'Convention on the Elimination of All Forms of Discrimination against Women', names: ['CEDAW', 'Convention on the Elimination of All Forms of Discrimination against Women'] },
  { id: 'icerd', title: 'International Convention on the Elimination of All Forms of Racial Discrimination', names: ['ICERD', 'CERD', 'International Convention on the Elimination of All Forms of Racial Discrimination'] },
  { id: 'teu', title: 'Treaty on European Union', names: ['TEU', 'Treaty on European Union'] },
  { id: 'tfeu', title: 'Treaty on the Functioning of the European Union', names: ['TFEU', 'Treaty on the Functioning of the European Union'] },
  { id: 'eu-charter', title: 'Charter of Fundamental Rights of the European Union', names: ['EU Charter', 'Charter of Fundamental Rights of the European Union', 'Charter of Fundamental Rights'] },
  { id: 'icj-statute', title: 'Statute of the International Court of Justice', names: ['ICJ Statute', 'Statute of the International Court of Justice', 'Statute of the ICJ'] },
];
