import { roundTripSuite } from './roundtrip-suite';

// EDIT-05 in one time zone per file: Node reads TZ per process, so each zone gets its own worker.
roundTripSuite('America/New_York');
