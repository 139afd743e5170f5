// Run one SPARQL query with Comunica and print its answer as SPARQL JSON results.
// usage: node query.mjs QUERY_FILE SOURCE...
//   a SOURCE is sparql@URL (a SPARQL endpoint) or turtle@PATH (a Turtle file, read here)
import { readFileSync } from "node:fs";
import { QueryEngine } from "@comunica/query-sparql";

function source(arg) {
  const [kind, value] = [arg.slice(0, arg.indexOf("@")), arg.slice(arg.indexOf("@") + 1)];
  if (kind === "sparql") return { type: "sparql", value };
  if (kind === "turtle") return { type: "serialized", value: readFileSync(value, "utf8"), mediaType: "text/turtle" };
  throw new Error(`unknown source ${arg}: give sparql@URL or turtle@PATH`);
}

const [queryFile, ...sources] = process.argv.slice(2);
const engine = new QueryEngine();
const result = await engine.query(readFileSync(queryFile, "utf8"), { sources: sources.map(source) });
const { data } = await engine.resultToString(result, "application/sparql-results+json");
data.pipe(process.stdout);
