// Runs before `npm start`, `npm run dev` and `npm test`: on a Node too old to read TypeScript (Node < 22.18), say so in
// one line instead of ERR_UNKNOWN_FILE_EXTENSION ".ts" or a crowd of crashed test workers. Plain JavaScript, so that
// any Node can run it.
const NEEDED = [22, 18];
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < NEEDED[0] || (major === NEEDED[0] && minor < NEEDED[1])) {
  console.error(
    `nano-exports-api needs Node ${NEEDED.join('.')} or newer (24 LTS recommended); this is Node ${process.versions.node}. ` +
      'Install Node 24, or prefix the command with scripts/with-node.sh (it fetches Node 24): scripts/with-node.sh npm start',
  );
  process.exit(1);
}
