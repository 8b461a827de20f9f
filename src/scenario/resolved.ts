/**
 * A scenario as a run uses it, written out: the files it extends merged in, defaults filled in.
 * As JSON it is the `scenario.resolved.json` that run, batch and merge write (and the report reads
 * a batch's events from); as YAML, what `validate --resolved` prints and what `calibrate` edits
 * into the calibrated scenario of a file that extends another (whose own text holds only its
 * differences).
 */
import { Document, isScalar, isSeq, visit, type YAMLMap, type YAMLSeq } from 'yaml';
import { jsonText } from '../format/json.js';
import type { LoadedScenario } from './load.js';
import type { Scenario } from './schema.js';

/** The file of the resolved scenario beside a run's or a batch's outputs. */
export const RESOLVED_SCENARIO_FILE = 'scenario.resolved.json';

/** The validated scenario, overrides and defaults applied: loading it again reproduces the run. */
export const resolvedScenarioJson = (scenario: Scenario): string => jsonText(scenario);

/**
 * YAML rather than JSON: it is what scenarios are written in, so the output reads like the files it
 * came from and, saved, is itself a scenario that needs no parent. The comment on top says where it
 * came from, because nothing else in it does.
 */
export function resolvedYaml({ scenario, files }: LoadedScenario, overridden: boolean): string {
  const chain = files.length > 1 ? ` (extends ${files.slice(1).join(', which extends ')})` : '';
  const header = `# ${files[0]}${chain} as a run uses it: merged, defaults filled in${overridden ? ', --set applied' : ''}.\n`;
  return header + compactYaml(scenario);
}

/** A short collection of plain values goes on one line, as the shipped files write `{ dist: …, min: …, max: … }`. */
const FLOW_WIDTH = 100;
/** Wide enough that such a line is never broken, under any key the schema has. */
const LINE_WIDTH = 200;

/**
 * Block YAML, except that a short mapping or list of plain values goes on one line: a
 * distribution or an export control reads as one thing, not as five lines of fields.
 */
function compactYaml(value: unknown): string {
  // No anchors and aliases: a value that happens to appear twice is written out twice.
  const doc = new Document(value, { aliasDuplicateObjects: false });
  const plain = (node: unknown): boolean => isScalar(node) || (isSeq(node) && node.items.every(isScalar));
  const oneLineIfShort = (node: YAMLMap | YAMLSeq, items: readonly unknown[]): void => {
    if (items.every(plain) && JSON.stringify(node.toJSON()).length <= FLOW_WIDTH) node.flow = true;
  };
  visit(doc, {
    Map: (_, node) =>
      oneLineIfShort(
        node,
        node.items.map((pair) => pair.value),
      ),
    Seq: (_, node) => oneLineIfShort(node, node.items),
  });
  return doc.toString({ lineWidth: LINE_WIDTH });
}
