import { setQuiet } from '../../src/log.js';

// Tests run quietly; the privacy tests start a real server process and read everything it prints.
setQuiet(true);
