// The diagram layout worker: elkjs's own worker script, run as a module worker. Importing it
// installs elk's message dispatcher on `self` (it checks for a worker global without `document`),
// so the main thread talks to it through elk-api with `workerFactory` (layout-client.ts). The
// bundled `elk.bundled.js` cannot be used here: inside a worker its fake-worker fallback is
// never exported and the constructor fails.
import 'elkjs/lib/elk-worker.min.js';
