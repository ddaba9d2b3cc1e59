// A line-by-line check of the `erDiagram` subset `toMermaid` writes (mermaid itself is not a
// dependency): used by the unit tests and the e2e export test to call an export "valid".

const attribute = /^\s+[A-Za-z_][\w()[\]-]* [A-Za-z_][\w-]*( (PK|FK|UK)(, (PK|FK|UK))*)?( "[^"]*")?$/;
const entityOpen = /^\s+[A-Za-z_][\w-]* \{$/;
const relationship = /^\s+[A-Za-z_][\w-]* (\|\||\|o)(--|\.\.)(o\{|o\|) [A-Za-z_][\w-]* : "[^"]*"$/;

export interface MermaidSummary {
  errors: string[];
  entities: number;
  relationships: number;
}

export function lintMermaid(text: string): MermaidSummary {
  const errors: string[] = [];
  const lines = text.trimEnd().split('\n');
  if (lines[0] !== 'erDiagram') errors.push('first line is not `erDiagram`');
  let inEntity = false;
  let entities = 0;
  let relationships = 0;
  lines.slice(1).forEach((line, i) => {
    const where = `line ${i + 2}: ${line}`;
    if (/^\s*%%/.test(line)) return;
    if (inEntity) {
      if (/^\s*}$/.test(line)) inEntity = false;
      else if (!attribute.test(line)) errors.push(`bad attribute, ${where}`);
      return;
    }
    if (entityOpen.test(line)) {
      inEntity = true;
      entities += 1;
    } else if (relationship.test(line)) {
      relationships += 1;
    } else {
      errors.push(`unexpected, ${where}`);
    }
  });
  if (inEntity) errors.push('an entity block is not closed');
  return { errors, entities, relationships };
}
