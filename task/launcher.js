'use strict';
// Starts this machine's build of the task's program (bin/<rid>/AkvTask) and lets it do everything.
// Plain Node 16+ with no packages: the task library would delete environment variables the program needs.
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

// The agent decodes logging-command text this way round, so '%' must be escaped first.
function escape(text) {
  return String(text).replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
    .replace(/;/g, '%3B').replace(/]/g, '%5D');
}

function fail(message) {
  const text = escape(message);
  process.stdout.write(`##vso[task.logissue type=error]${text}\n##vso[task.complete result=Failed]${text}\n`);
  process.exitCode = 1; // not process.exit(): a pipe to the agent may still be flushing
}

// Whichever C library this node process loaded is the one the machine (or container) has.
// /proc/self/maps names it in well under a millisecond; the process report says the same but takes
// 2-9 ms, so it is only the fallback (no /proc, or a statically linked node).
function isMusl() {
  try {
    const maps = fs.readFileSync('/proc/self/maps', 'utf8');
    if (/\/ld-musl-|\/libc\.musl-/.test(maps)) return true;
    if (/\/libc\.so\.6\b/.test(maps)) return false;
  } catch (error) { /* fall back to the report */ }
  if ('excludeNetwork' in process.report) process.report.excludeNetwork = true; // skips slow lookups
  return !process.report.getReport().header.glibcVersionRuntime;
}

function runtimeId() {
  const { platform, arch } = process;
  if (platform === 'win32' && arch === 'x64') return 'win-x64';
  if (platform === 'darwin' && (arch === 'x64' || arch === 'arm64')) return `osx-${arch}`;
  if (platform === 'linux' && arch === 'x64') return isMusl() ? 'linux-musl-x64' : 'linux-x64';
  if (platform === 'linux' && arch === 'arm64' && !isMusl()) return 'linux-arm64';
  return null; // also musl on arm64: no such build is shipped
}

function run(stage) {
  const platform = `${process.platform}/${process.arch}`;
  try {
    const rid = runtimeId();
    if (!rid) {
      const libc = process.platform === 'linux' && isMusl() ? ' with musl libc (use a glibc-based image)' : '';
      return fail(`KeyVaultSecrets has no build for ${platform}${libc}. It runs on win-x64, linux-x64, `
        + 'linux-musl-x64, linux-arm64, osx-x64 and osx-arm64.');
    }
    const bin = path.join(__dirname, 'bin', rid, 'AkvTask' + (process.platform === 'win32' ? '.exe' : ''));
    if (!fs.existsSync(bin)) {
      return fail(`KeyVaultSecrets cannot find its program for ${platform} (${rid}) at ${bin}. The extension `
        + 'package is incomplete: reinstall it (in a source tree, run build/build.sh first).');
    }
    // A VSIX keeps no Unix permissions, so the agent unpacks the binary without its executable bits.
    if (process.platform !== 'win32' && (fs.statSync(bin).mode & 0o111) !== 0o111) {
      try { fs.chmodSync(bin, 0o755); } catch (error) {
        try { fs.accessSync(bin, fs.constants.X_OK); } catch (_) { throw error; } // read-only but runnable is fine
      }
    }
    // The agent cancels a step by signalling node only: ask the program to stop by closing its input, a pipe
    // held open until then (a stop request that works on every OS; on Windows, kill() could only end the
    // program outright, mid-line), and on Linux and macOS pass the signal on as well. The handlers are in
    // place before the program starts, so a cancellation never finds node without them.
    let child = null;
    let stopSignal = null;
    const stop = () => {
      if (child.stdin) child.stdin.end();
      if (process.platform !== 'win32') child.kill(stopSignal);
    };
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => {
        stopSignal = signal;
        if (child) stop();
      });
    }
    child = spawn(bin, ['run', '--stage', stage, '--stop-when-input-closes'],
      { stdio: ['pipe', 'inherit', 'inherit'], env: process.env, windowsHide: true });
    if (child.stdin) child.stdin.on('error', () => {}); // the program may be gone already
    if (stopSignal) stop();
    child.on('error', (error) => fail(`KeyVaultSecrets could not start ${bin}: ${error.message}`));
    child.on('exit', (code) => { process.exitCode = code === null ? 1 : code; }); // null: killed by a signal
  } catch (error) {
    fail(`KeyVaultSecrets could not start its program for ${platform}: ${error.message}`);
  }
}

module.exports = { run };
