// Parses every .tf file under the given folder with @cdktf/hcl2json and prints one JSON object
// { "<file>": <parsed HCL as JSON> }. Exits 1 naming the file and the parser's message on the first syntax error.
import { parse } from "@cdktf/hcl2json";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

const dir = process.argv[2] ?? "terraform";
const files = (await readdir(dir)).filter((f) => f.endsWith(".tf")).sort();
if (files.length === 0) {
  console.error(`no .tf files in ${dir}`);
  process.exit(1);
}
const parsed = {};
for (const file of files) {
  try {
    parsed[file] = await parse(file, await readFile(join(dir, file), "utf8"));
  } catch (error) {
    console.error(`${join(dir, file)}: ${error.message ?? error}`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(parsed));
