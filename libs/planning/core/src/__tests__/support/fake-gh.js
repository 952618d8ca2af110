#!/usr/bin/env node
// A stand-in for the GitHub CLI, for the commands the exported script runs.
// State (labels, issues) lives in the JSON file named by FAKE_GH_STATE.
const fs = require('node:fs');
const file = process.env.FAKE_GH_STATE;
const state = fs.existsSync(file)
  ? JSON.parse(fs.readFileSync(file, 'utf8'))
  : { labels: [], issues: [], calls: [] };
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const save = () => fs.writeFileSync(file, JSON.stringify(state));
const fail = (message) => {
  process.stderr.write(`fake gh: ${message}\n`);
  process.exit(1);
};
state.calls.push(args.slice(0, 2).join(' '));
if (flag('-R') !== 'acme/shop') fail(`unexpected repo ${flag('-R')}`);
const [group, verb] = args;
if (group === 'label' && verb === 'create') {
  if (!state.labels.includes(args[2])) state.labels.push(args[2]);
} else if (group === 'issue' && verb === 'list') {
  // What the script's --jq expression selects: number and marker key of marked issues.
  for (const issue of state.issues) {
    const match = /<!-- splitwork:([^ ]+) -->/.exec(issue.body);
    if (match) process.stdout.write(`${issue.number}\t${match[1]}\n`);
  }
} else if (group === 'issue' && verb === 'create') {
  const labels = (flag('--label') ?? '').split(',').filter(Boolean);
  const unknown = labels.filter((l) => !state.labels.includes(l));
  if (unknown.length > 0) fail(`unknown labels ${unknown.join(', ')}`);
  const number = state.issues.length + 1;
  state.issues.push({ number, title: flag('--title'), body: flag('--body'), labels });
  process.stdout.write(`https://github.com/acme/shop/issues/${number}\n`);
} else if (group === 'issue' && verb === 'edit') {
  const issue = state.issues.find((i) => i.number === Number(args[2]));
  if (!issue) fail(`no issue ${args[2]}`);
  issue.body = flag('--body');
} else {
  fail(`unsupported command ${args.join(' ')}`);
}
save();
