// Validates an OpenAPI document against the OpenAPI 3.1 JSON schema (ctest server_openapi_lint;
// docs/API.md "OpenAPI"). Exit 0 valid, 1 invalid, 77 when `npm ci` has not been run here.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, "node_modules", "@seriousme", "openapi-schema-validator"))) {
  console.log(`SKIP: no node_modules in ${here}; run 'npm ci' there to validate the OpenAPI document`);
  process.exit(77);
}
const { Validator } = await import("@seriousme/openapi-schema-validator");
const file = process.argv[2];
const validator = new Validator();
const result = await validator.validate(file);
if (!result.valid) {
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
if (validator.version !== "3.1") {
  console.error(`${file}: OpenAPI ${validator.version}, expected 3.1`);
  process.exit(1);
}
console.log(`${file}: valid OpenAPI ${validator.version}`);
