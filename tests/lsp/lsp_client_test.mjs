// `regla lsp` driven by a real client: vscode-jsonrpc (the JSON-RPC library VS Code's language
// client is built on) spawns the command, initializes, opens a shipped rule file and sees it
// clean, introduces an error and sees its diagnostic, asks hover, definition and completion, and
// shuts down; the process must then exit 0.
// Usage: node lsp_client_test.mjs REGLA SOURCE_DIR
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node.js';

const [regla, source] = process.argv.slice(2);
const file = path.join(source, 'rules', 'juntos.regla');
const uri = pathToFileURL(file).href;
const text = readFileSync(file, 'utf8');

const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

const server = spawn(regla, ['lsp'], { cwd: source, stdio: ['pipe', 'pipe', 'inherit'] });
const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout),
                                               new rpc.StreamMessageWriter(server.stdin));
// Each publication of a document's diagnostics, in order, waited for one by one.
const published = [];
let wake = null;
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  if (params.uri === uri) published.push(params.diagnostics);
  if (wake) wake();
});
connection.listen();
const next_diagnostics = async () => {
  const deadline = Date.now() + 20000;
  while (published.length === 0) {
    if (Date.now() > deadline) throw new Error('no diagnostics were published for ' + uri);
    await new Promise((resolve) => { wake = resolve; setTimeout(resolve, 200); });
  }
  return published.shift();
};
const line_of = (needle) => text.split('\n').findIndex((line) => line.includes(needle));
const at = (needle, offset = 0) => {
  const line = line_of(needle);
  return { line, character: text.split('\n')[line].indexOf(needle) + offset };
};

try {
  const initialized = await connection.sendRequest('initialize', {
    processId: process.pid, rootUri: pathToFileURL(source).href, capabilities: {} });
  check(initialized.capabilities.hoverProvider === true, 'hover is offered');
  check(initialized.capabilities.textDocumentSync.change === 1, 'full text sync');
  await connection.sendNotification('initialized', {});

  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'regla', version: 1, text } });
  const clean = await next_diagnostics();
  check(clean.length === 0, `the shipped file is clean (got ${JSON.stringify(clean)})`);

  const use = 'age_years(person.birth_date)';
  const broken = text.replace(use, 'age_years(person.birthdate)');
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 }, contentChanges: [{ text: broken }] });
  const errors = await next_diagnostics();
  check(errors.length === 1 && errors[0].code === 'unknown-field' &&
        errors[0].message.includes("did you mean 'birth_date'?") &&
        errors[0].range.start.line === line_of(use),
        `the typo is an unknown-field error on its line (got ${JSON.stringify(errors)})`);

  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
  check((await next_diagnostics()).length === 0, 'the error is cleared once fixed');

  const hover = await connection.sendRequest('textDocument/hover', {
    textDocument: { uri }, position: at('< age_limit', 3) });
  check(hover && hover.contents.value.includes('es: edad límite') &&
        hover.contents.value.includes('- 19 years from 2014-01-01'),
        `hover of age_limit gives its labels and values (got ${JSON.stringify(hover)})`);

  const definition = await connection.sendRequest('textDocument/definition', {
    textDocument: { uri }, position: at(use, 'age_years(person.'.length + 2) });
  check(definition && definition.uri === pathToFileURL(path.join(source, 'rules',
                                                                 'household.regla')).href,
        `birth_date is declared in household.regla (got ${JSON.stringify(definition)})`);

  const typing = text.replace(use, 'age_years(person.)');
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 4 }, contentChanges: [{ text: typing }] });
  await next_diagnostics();
  const items = await connection.sendRequest('textDocument/completion', {
    textDocument: { uri }, position: at(use, 'age_years(person.'.length) });
  const labels = (items || []).map((item) => item.label);
  check(labels.includes('birth_date') && labels.includes('pregnancy') && !labels.includes('ubigeo'),
        `completion after 'person.' gives the member's fields (got ${labels})`);

  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  const code = await Promise.race([exited, new Promise((resolve) =>
    setTimeout(() => resolve('still running'), 10000))]);
  check(code === 0, `regla lsp exits 0 after shutdown and exit (got ${code})`);
} catch (error) {
  failures.push(String(error && error.stack || error));
} finally {
  connection.dispose();
  server.kill();
}

if (failures.length > 0) {
  console.error('regla lsp client test failed:\n  ' + failures.join('\n  '));
  process.exit(1);
}
console.log('regla lsp: initialize, diagnostics, hover, definition, completion, shutdown: all as expected');
