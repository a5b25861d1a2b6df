'use strict';
// Entry of the task's `postjobexecution` handlers: at the end of the job, whatever its result, removes the secret files.
require('./launcher').run('postjob');
