'use strict';
// Entry of the task's `execution` handlers: the step itself.
require('./launcher').run('job');
