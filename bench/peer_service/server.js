// The peer of `regla serve` in bench/serve_vs_peer.sh: a Node http server that decides the
// benchmark policy (policy.js) with json-logic-engine, compiled (LogicEngine.build, its fastest
// mode). POST /evaluate takes one household (JSON) and answers its decisions; POST /batch takes
// JSON Lines and answers a line per line. On as many worker processes as WORKERS (default: the
// cores), so that it uses the machine as regla serve --threads does.
//
//   node server.js PORT            (0: a free port; "listening on http://127.0.0.1:PORT" is printed)
'use strict';
const cluster = require('cluster');
const http = require('http');
const os = require('os');
const { LogicEngine } = require('json-logic-engine');
const { rule, methods } = require('./policy');

const CONDITIONS = ['school_ok', 'cred_ok', 'prenatal_ok', 'dni_ok'];
const workers = Number(process.env.WORKERS || os.cpus().length);

function decide(run, household) {
  const counts = [0, 0, 0, 0], failing = [], sis = [];
  for (const member of run(household)) {
    sis.push([member[0], member[1]]);
    for (let c = 0; c < 4; c++) {
      if (!member[2 + c]) { counts[c]++; failing.push([member[0], CONDITIONS[c]]); }
    }
  }
  return JSON.stringify({
    household_id: household.household_id,
    juntos_compliant: counts[0] + counts[1] + counts[2] + counts[3] === 0,
    fail_counts: { school_ok: counts[0], cred_ok: counts[1], prenatal_ok: counts[2], dni_ok: counts[3] },
    failing, sis_subsidized: sis,
  });
}

function serve(port) {
  const engine = new LogicEngine();
  for (const [name, method] of Object.entries(methods)) engine.addMethod(name, method, { deterministic: true });
  const run = engine.build(rule);
  http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      try {
        let answer;
        if (request.method === 'POST' && request.url.startsWith('/evaluate')) {
          answer = decide(run, JSON.parse(body)) + '\n';
        } else if (request.method === 'POST' && request.url.startsWith('/batch')) {
          answer = body.split('\n').filter((line) => line.length > 0)
            .map((line) => decide(run, JSON.parse(line)) + '\n').join('');
        } else {
          response.writeHead(404).end();
          return;
        }
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(answer);
      } catch (error) {
        response.writeHead(400, { 'Content-Type': 'text/plain' }).end(String(error) + '\n');
      }
    });
  }).listen(port, '127.0.0.1', function () {
    if (!cluster.isWorker || cluster.worker.id === 1) {
      console.log(`listening on http://127.0.0.1:${this.address().port}`);
    }
  });
}

const port = Number(process.argv[2] || 0);
if (workers > 1 && cluster.isPrimary) {
  // In a cluster, listen(0) gives every worker the same port, picked once.
  for (let i = 0; i < workers; i++) cluster.fork();
} else {
  serve(port);
}
