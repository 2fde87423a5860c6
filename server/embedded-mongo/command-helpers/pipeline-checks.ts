/**
 * What MongoDB refuses when it parses a pipeline, before any document flows: wrong stage arguments
 * (query/stage-arguments.ts), `$out`/`$merge` inside a sub-pipeline (`$unionWith` 31441, `$lookup` 51047,
 * `$facet` 40600) and server-side JavaScript anywhere in it, `$merge`'s `whenMatched` pipeline included —
 * which mingo would otherwise only meet when a document reached it (or never, when none matched).
 */
import type { Document } from "bson";
import { MongoCommandError } from "../errors";
import { checkStageArguments } from "../query/stage-arguments";
import { isPlainObject } from "./documents";

const SCRIPT_OPERATORS = new Set(["$function", "$accumulator", "$where"]);
const WRITE_STAGES = new Set(["$out", "$merge"]);

function refuseScripts(value: unknown, depth = 0): void {
  if (depth > 200 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const item of value) refuseScripts(item, depth + 1);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (SCRIPT_OPERATORS.has(key)) throw new MongoCommandError("BadValue", `${key} is not allowed in this context`);
    refuseScripts(child, depth + 1);
  }
}

function checkSubPipeline(pipeline: unknown, container: "$unionWith" | "$lookup" | "$facet"): void {
  if (!Array.isArray(pipeline)) return;
  for (const stage of pipeline) {
    if (!isPlainObject(stage)) continue;
    const name = Object.keys(stage)[0] ?? "";
    if (WRITE_STAGES.has(name)) {
      if (container === "$unionWith") throw new MongoCommandError("Location31441", `${name} is not allowed within a $unionWith's sub-pipeline`);
      if (container === "$lookup") throw new MongoCommandError("Location51047", `${name} is not allowed within a $lookup's sub-pipeline`);
      throw new MongoCommandError("Location40600", `${name} is not allowed to be used within a $facet stage`);
    }
    checkStage(name, stage[name]);
  }
}

function checkStage(name: string, spec: unknown): void {
  checkStageArguments(name, spec);
  if (name === "$unionWith" && isPlainObject(spec)) checkSubPipeline(spec.pipeline, "$unionWith");
  if (name === "$lookup" && isPlainObject(spec)) checkSubPipeline(spec.pipeline, "$lookup");
  if (name === "$facet" && isPlainObject(spec)) for (const sub of Object.values(spec)) checkSubPipeline(sub, "$facet");
}

/** Checks a pipeline whose stages are already one-field documents (aggregate's own check). */
export function checkPipeline(stages: Document[]): void {
  for (const stage of stages) {
    const name = Object.keys(stage)[0]!;
    if (!WRITE_STAGES.has(name)) checkStage(name, stage[name]);
  }
  refuseScripts(stages);
}
