// citation-js 0.8 requires node-fetch; Node 20 has fetch built in. dossier never fetches.
module.exports = globalThis.fetch;
module.exports.default = globalThis.fetch;
module.exports.Headers = globalThis.Headers;
module.exports.Request = globalThis.Request;
module.exports.Response = globalThis.Response;
