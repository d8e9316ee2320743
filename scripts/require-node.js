// Fails fast when an npm script runs on a Node other than the pinned 24 LTS:
// the machine's own Node 20 breaks Vite 8, Vitest 5 and the server in confusing ways.
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
	console.error(
		`Yol needs Node 24 (pinned as the "node" devDependency), but this is Node ${process.versions.node}.\n` +
			'Run scripts through npm (npm start, npm test, npx …) after a full "npm install" ' +
			'(not --ignore-scripts), which puts Node 24 first on PATH.'
	);
	process.exit(1);
}
