// The layers of src/ and the one direction imports may point in, checked by `npm run lint`
// (dependency-cruiser). Each top-level folder of src/ is a layer; a module may import its own
// folder and the folders of lower ranks, never a folder of its own rank or above, and no import
// may close a cycle. The README's module map says what each layer holds.

/** The layers from the bottom up; folders on one line are peers and may not import each other. */
const LAYER_RANKS = [
  ['model', 'types'],
  ['syntax'],
  ['detect'],
  ['corpus'],
  ['access', 'auth'],
  ['search'],
  ['export'],
  ['render'],
  ['server', 'site', 'lsp', 'bench'],
  ['cli'],
];

/** For each folder, a rule forbidding imports into its peers and every layer above it. */
const upwardRules = LAYER_RANKS.flatMap((folders, rank) =>
  folders.map((folder) => {
    const notBelow = LAYER_RANKS.slice(rank).flat().filter((other) => other !== folder);
    return {
      name: `layer-${folder}`,
      comment: `src/${folder}/ may import only its own folder and the layers below it: ${LAYER_RANKS.slice(0, rank).flat().join(', ') || 'none'}.`,
      severity: 'error',
      from: { path: `^src/${folder}/` },
      to: { path: `^src/(${notBelow.join('|')})/` },
    };
  }),
);

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'An import cycle ties modules together so that neither can be understood or tested alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unlayered-folder',
      comment: 'Every folder of src/ is a layer with a rank in .dependency-cruiser.cjs; a new folder needs one.',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: `^src/(${LAYER_RANKS.flat().join('|')})/` },
      to: {},
    },
    {
      name: 'no-top-level-module',
      comment: 'Code lives in a layer folder, not directly in src/.',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$' },
      to: {},
    },
    ...upwardRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
    // Type-only imports count: a type from a higher layer is as much an upward dependency.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
