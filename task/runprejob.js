'use strict';
// Entry of the task's `prejobexecution` handlers: the job's pre-job stage (used when RunAsPreJob is true).
require('./launcher').run('prejob');
