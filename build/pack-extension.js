'use strict';
// Packs the .vsix from binaries that build.sh / build.ps1 have already published into task/bin/<rid>/.
// Shared by both scripts so that they pack the same way:
//   1. installs the pinned tfx-cli (build/package-lock.json) with `npm ci` when build/node_modules is stale;
//   2. lays the extension out in a staging folder (obj/package) exactly as it ships: the task folder under
//      the task contribution's name (tfx validates task.json only when the folder has that name), with only
//      the platforms built in this run under bin/, and the version from Directory.Build.props stamped into
//      the copies of task.json and vss-extension.json (the files in the tree are not touched);
//   3. runs tfx, fails on any warning it prints (tfx reports an invalid task.json only as a warning), and
//      prints the size of the package and of each platform's binary inside it.
// Usage: node build/pack-extension.js --rid RID [--rid RID ...] [--publisher ID] [--out DIR]
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const buildDir = __dirname;
const staging = path.join(root, 'obj', 'package');
const TARGET_BYTES = 26214400; // the upload limit of Azure DevOps Server 2019
const LIMIT_BYTES = 50000000; // the Marketplace's limit of 50 MB, read strictly
const HEADROOM_BYTES = 2000000; // kept free below it, so that a release never lands at the edge

function fail(message) {
  console.error(`pack-extension: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const options = { rids: [], publisher: null, out: path.join(root, 'out') };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--rid': options.rids.push(value); i++; break;
      case '--publisher': options.publisher = value; i++; break;
      case '--out': options.out = path.resolve(value); i++; break;
      default: fail(`unknown argument '${argv[i]}'`);
    }
    if (value === undefined) fail(`${argv[i]} needs a value`);
  }
  if (options.rids.length === 0) fail('no --rid given: which platforms go into the package?');
  return options;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function writeJson(file, value) {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

// The one version number: <Version> in Directory.Build.props, which the program is built with too.
function readVersion() {
  const props = fs.readFileSync(path.join(root, 'Directory.Build.props'), 'utf8');
  const match = /<Version>\s*([^<]*?)\s*<\/Version>/.exec(props);
  if (!match) fail('Directory.Build.props has no <Version>');
  if (!/^\d+\.\d+\.\d+$/.test(match[1])) fail(`version '${match[1]}' in Directory.Build.props is not MAJOR.MINOR.PATCH`);
  return match[1];
}

function sha256(...files) {
  const hash = crypto.createHash('sha256');
  for (const file of files) hash.update(fs.readFileSync(file));
  return hash.digest('hex');
}

// `npm ci` wipes and reinstalls node_modules, so it runs only when the lock file changed since the last install.
function installTfx() {
  const lock = path.join(buildDir, 'package-lock.json');
  const stamp = path.join(buildDir, 'node_modules', '.installed-from-lock');
  const wanted = sha256(path.join(buildDir, 'package.json'), lock);
  const tfx = path.join(buildDir, 'node_modules', 'tfx-cli', '_build', 'tfx-cli.js');
  if (fs.existsSync(tfx) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) return tfx;

  console.log('==> Installing the pinned tfx-cli into build/node_modules (npm ci)');
  const windows = process.platform === 'win32';
  const result = spawnSync(windows ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: buildDir, stdio: 'inherit', shell: windows });
  if (result.status !== 0) fail(`npm ci failed in ${buildDir} (exit ${result.status})`);
  if (!fs.existsSync(tfx)) fail(`npm ci did not install ${tfx}`);
  fs.writeFileSync(stamp, wanted);
  return tfx;
}

function copyTree(from, to, skip = () => false) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (skip(source)) continue;
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target, skip);
    else fs.copyFileSync(source, target);
  }
}

function copyPath(relative) {
  const source = path.join(root, relative);
  if (!fs.existsSync(source)) fail(`vss-extension.json names ${relative}, which does not exist`);
  const target = path.join(staging, relative);
  if (fs.existsSync(target)) return;
  if (fs.statSync(source).isDirectory()) copyTree(source, target);
  else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(source, target);
  }
}

// The task folder: everything but bin/, then bin/<rid>/ for each platform of this build, and task.json stamped.
function stageTask(sourceFolder, packageFolder, rids, version) {
  const source = path.join(root, sourceFolder);
  const target = path.join(staging, packageFolder);
  const bin = path.join(source, 'bin');
  copyTree(source, target, (file) => file === bin);
  for (const rid of rids) {
    const binary = path.join(bin, rid, rid.startsWith('win-') ? 'AkvTask.exe' : 'AkvTask');
    if (!fs.existsSync(binary)) fail(`${path.relative(root, binary)} is missing: publish ${rid} first (build/build.sh --rid ${rid})`);
    copyTree(path.join(bin, rid), path.join(target, 'bin', rid));
  }
  const taskJson = path.join(target, 'task.json');
  const task = readJson(taskJson);
  const [Major, Minor, Patch] = version.split('.').map(Number);
  task.version = { Major, Minor, Patch };
  writeJson(taskJson, task);
  return task;
}

function stage(options, version) {
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const manifest = readJson(path.join(root, 'vss-extension.json'));
  manifest.version = version;
  if (options.publisher) manifest.publisher = options.publisher;
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(manifest.publisher)) fail(`'${manifest.publisher}' is not a publisher id (letters, digits and '-')`);

  const taskNames = new Set((manifest.contributions || [])
    .filter((c) => c.type === 'ms.vss-distributed-task.task').map((c) => c.properties.name));
  const staged = new Set();
  manifest.files = manifest.files.map((file) => {
    const packagePath = file.packagePath || file.path;
    if (taskNames.has(packagePath)) {
      const task = stageTask(file.path, packagePath, options.rids, version);
      console.log(`    ${packagePath}/: ${task.name}@${task.version.Major} ${version}, platforms ${options.rids.join(' ')}`);
      staged.add(packagePath);
    } else if (file.packagePath) {
      copyTree(path.join(root, file.path), path.join(staging, packagePath));
    } else {
      copyPath(file.path);
    }
    const { packagePath: _, ...rest } = file;
    return { ...rest, path: packagePath };
  });
  for (const name of taskNames) if (!staged.has(name)) fail(`no entry in "files" is the task folder '${name}'`);

  // Files the manifest names outside "files": icons, the overview page and other content, screenshots.
  for (const icon of Object.values(manifest.icons || {})) copyPath(icon);
  for (const item of Object.values(manifest.content || {})) copyPath(item.path);
  for (const screenshot of manifest.screenshots || []) copyPath(screenshot.path);

  writeJson(path.join(staging, 'vss-extension.json'), manifest);
  return manifest;
}

function runTfx(tfx, vsix) {
  const result = spawnSync(process.execPath, [tfx, 'extension', 'create', '--root', staging,
    '--manifest-globs', 'vss-extension.json', '--output-path', vsix, '--no-prompt', '--no-color'],
  { cwd: staging, encoding: 'utf8', env: { ...process.env, TFX_TRACE: '' } });
  const output = `${result.stdout || ''}${result.stderr || ''}`;
  process.stdout.write(output.replace(/^/gm, '    '));
  if (result.error) fail(`tfx could not run: ${result.error.message}`);
  if (result.status !== 0) fail(`tfx failed (exit ${result.status})`);
  // tfx only warns about a task.json it cannot find or finds invalid, so any warning fails the build.
  if (/warn/i.test(output)) fail('tfx printed a warning (above); the package is not trusted');
  if (!fs.existsSync(vsix)) fail(`tfx did not write ${vsix}`);
}

// Entries of a zip file from its central directory: name, compressed and uncompressed size.
function zipEntries(file) {
  const zip = fs.readFileSync(file);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) fail(`${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) fail(`${file} has a broken central directory`);
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      compressed: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function mib(bytes) {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const version = readVersion();
  const tfx = installTfx();
  console.log(`==> Packing version ${version} from staging folder ${path.relative(root, staging)}/`);
  const manifest = stage(options, version);
  fs.mkdirSync(options.out, { recursive: true });
  const vsix = path.join(options.out, `${manifest.publisher}.${manifest.id}-${version}.vsix`);
  fs.rmSync(vsix, { force: true });
  runTfx(tfx, vsix);

  const bytes = fs.statSync(vsix).size;
  console.log('\nInside the package (compressed / uncompressed):');
  for (const entry of zipEntries(vsix).filter((e) => /\/bin\/[^/]+\/AkvTask(\.exe)?$/.test(e.name))) {
    console.log(`  ${entry.name.padEnd(45)} ${String(entry.compressed).padStart(10)} / ${String(entry.size).padStart(10)} bytes`);
  }
  console.log(`\nPackage: ${path.relative(root, vsix)}  ${bytes} bytes (${mib(bytes)})`);
  if (bytes > LIMIT_BYTES - HEADROOM_BYTES) {
    fail(`the package is ${bytes} bytes, more than ${LIMIT_BYTES - HEADROOM_BYTES}: the Marketplace's limit of `
      + `${LIMIT_BYTES} bytes less the ${HEADROOM_BYTES} kept free`);
  }
  if (bytes > TARGET_BYTES) {
    console.log(`  Note: larger than ${TARGET_BYTES} bytes, the upload limit of Azure DevOps Server 2019 `
      + '(the Marketplace takes up to 50 MB, Azure DevOps Server 2022 up to 100 MB).');
  }
}

main();
