import { orderedEstimate, roundToQuarterHour } from './estimate';
import { PlannedTask, SizeBand } from './plan.types';
import { DESIGN_SYSTEM_TASK_KEY, RELEASE_QA_TASK_KEY } from './project-task-templates';
import { humanList, uniqueStrings } from './text.util';

/** A named piece of a project-wide task: what it delivers and its share of the work. */
interface Piece {
  readonly name: string;
  readonly weight: number;
  readonly criteria: readonly string[];
}

/** Criteria of the design system template that one of its pieces delivers. */
const DESIGN_TEMPLATE_CRITERIA = [
  /^Colour, typography, spacing and elevation tokens/,
  /^Core components \(/,
  /^Components follow the platform conventions/,
  /^Text and controls meet WCAG AA contrast/,
];
const RELEASE_TEMPLATE_CRITERIA = [/^Every feature’s main flow passes on /];

function designPieces(task: PlannedTask): Piece[] {
  const conventions = task.acceptanceCriteria.find((c) => DESIGN_TEMPLATE_CRITERIA[2].test(c));
  const follow = conventions ? [conventions] : [];
  return [
    {
      name: 'tokens',
      weight: 1,
      criteria: [
        'Colour, typography, spacing and elevation tokens are defined in Figma',
        'Text and controls meet WCAG AA contrast',
      ],
    },
    {
      name: 'buttons and inputs',
      weight: 1,
      criteria: [
        'Buttons and form inputs exist with default, focus, disabled and error states',
        ...follow,
      ],
    },
    {
      name: 'navigation and lists',
      weight: 1,
      criteria: [
        'Navigation bars, tabs and list rows exist with empty and loading states',
        ...follow,
      ],
    },
    {
      name: 'dialogs and feedback',
      weight: 1,
      criteria: ['Dialogs, toasts and inline error messages exist with every state', ...follow],
    },
  ];
}

function releasePieces(platforms: readonly string[]): Piece[] {
  return platforms.map((p) => ({
    name: p,
    weight: 1,
    criteria: [
      `Every feature’s main flow passes on ${p}`,
      `Defects found on ${p} are filed with steps to reproduce and a severity`,
    ],
  }));
}

/** Splits `pieces` into `parts` runs of neighbours, as even in weight as the order allows. */
function group(pieces: readonly Piece[], parts: number): Piece[][] {
  const total = pieces.reduce((s, p) => s + p.weight, 0);
  const groups: Piece[][] = [];
  let current: Piece[] = [];
  let done = 0;
  pieces.forEach((piece, i) => {
    current.push(piece);
    done += piece.weight;
    const left = pieces.length - i - 1;
    const groupsLeft = parts - groups.length - 1;
    if (
      groupsLeft > 0 &&
      (left === groupsLeft || done >= (total * (groups.length + 1)) / parts - 1e-9)
    ) {
      groups.push(current);
      current = [];
    }
  });
  if (current.length > 0) groups.push(current);
  return groups;
}

function nextFreeKey(key: string, used: Set<string>): string {
  const base = key.replace(/-\d+$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) {
      used.add(candidate);
      return candidate;
    }
  }
}

function splitByPieces(
  task: PlannedTask,
  pieces: readonly Piece[],
  templateCriteria: readonly RegExp[],
  band: SizeBand,
  used: Set<string>,
): PlannedTask[] {
  const parts = Math.min(pieces.length, Math.ceil(task.estimate.likely / band.maxHours));
  if (parts < 2) return [task];
  // Criteria of the task that no piece owns (context, constraints, sign-off) are dealt out in turn.
  const others = task.acceptanceCriteria.filter((c) => !templateCriteria.some((re) => re.test(c)));
  const total = pieces.reduce((s, p) => s + p.weight, 0);
  return group(pieces, parts).map((g, k) => {
    const ratio = g.reduce((s, p) => s + p.weight, 0) / total;
    const what = humanList(g.map((p) => p.name));
    return {
      ...task,
      key: k === 0 ? task.key : nextFreeKey(task.key, used),
      title: `${task.title}: ${what}`,
      description: `${task.description}\n\nThis task covers ${what}; the rest is in the other "${task.title}" tasks.`,
      acceptanceCriteria: uniqueStrings([
        ...g.flatMap((p) => p.criteria),
        ...others.filter((_, i) => i % parts === k),
      ]),
      requirementIds: k === 0 ? task.requirementIds : [],
      estimate: orderedEstimate(
        roundToQuarterHour(task.estimate.optimistic * ratio),
        roundToQuarterHour(task.estimate.likely * ratio),
        roundToQuarterHour(task.estimate.pessimistic * ratio),
      ),
    };
  });
}

/**
 * Splits the project-wide tasks (design system, release regression test)
 * that are over the size band by what they deliver instead of into numbered
 * parts: the design system into tokens and groups of components, the
 * regression test per platform. Each part has criteria about its own output
 * and runs beside the others; whatever waited for the task waits for all of
 * them. `platforms` names what the release is tested on ("Web", "the API").
 */
export function splitProjectTasksByMeaning(
  tasks: readonly PlannedTask[],
  platforms: readonly string[],
  band: SizeBand,
): PlannedTask[] {
  const used = new Set(tasks.map((t) => t.key));
  const replaced = new Map<string, string[]>();
  const out = tasks.flatMap((task) => {
    if (task.locked || task.estimate.likely <= band.maxHours) return [task];
    let parts: PlannedTask[] = [task];
    if (task.key === DESIGN_SYSTEM_TASK_KEY) {
      parts = splitByPieces(task, designPieces(task), DESIGN_TEMPLATE_CRITERIA, band, used);
    } else if (task.key === RELEASE_QA_TASK_KEY && platforms.length > 1) {
      parts = splitByPieces(task, releasePieces(platforms), RELEASE_TEMPLATE_CRITERIA, band, used);
    }
    if (parts.length > 1)
      replaced.set(
        task.key,
        parts.map((p) => p.key),
      );
    return parts;
  });
  if (replaced.size === 0) return out;
  return out.map((t) =>
    t.dependsOn.some((d) => replaced.has(d))
      ? { ...t, dependsOn: uniqueStrings(t.dependsOn.flatMap((d) => replaced.get(d) ?? [d])) }
      : t,
  );
}
