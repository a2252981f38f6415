#!/usr/bin/env node
// The compiled server (npm run build writes dist/; npm ci and npm pack run the build).
await import('../dist/cli.js');
