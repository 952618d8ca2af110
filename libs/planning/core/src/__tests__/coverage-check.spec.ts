import { checkCoverage } from '../coverage-check';
import { Requirement } from '../plan.types';
import { aTask } from './support/plan-builders';

const reserve: Requirement = {
  id: 'R1',
  text: 'Renters can reserve a drill for a weekend',
  kind: 'bullet',
  line: 1,
  story: { actor: 'renter', action: 'reserve', entity: 'drill' },
};

describe('checkCoverage', () => {
  it('is STRONG when a traced task names the thing and the action in its own words', () => {
    const task = aTask({ key: 'api', title: 'API: reserving drills', requirementIds: ['R1'] });

    expect(checkCoverage([reserve], [task]).get('R1')).toBe('STRONG');
  });

  it('is WEAK when the task only quotes the brief', () => {
    const task = aTask({
      key: 'api',
      title: 'API: Booking & scheduling',
      description:
        'Build the booking calendar.\n\nFrom the brief:\n- R1: Renters can reserve a drill',
      acceptanceCriteria: [
        'Supports R1: “Renters can reserve a drill for a weekend”',
        'Slots never overlap',
      ],
      requirementIds: ['R1'],
    });

    expect(checkCoverage([reserve], [task]).get('R1')).toBe('WEAK');
  });

  it('is WEAK when the task names the thing but builds another action', () => {
    const task = aTask({ key: 'web', title: 'Web: list drills', requirementIds: ['R1'] });

    expect(checkCoverage([reserve], [task]).get('R1')).toBe('WEAK');
  });

  it('is MISSING when no task traces to it', () => {
    expect(checkCoverage([reserve], [aTask({ key: 'x', requirementIds: [] })]).get('R1')).toBe(
      'MISSING',
    );
  });

  it('without a reading, asks for most of the line’s content words', () => {
    const plain: Requirement = {
      id: 'R2',
      text: 'Export invoices to PDF',
      kind: 'bullet',
      line: 2,
    };
    const named = aTask({
      key: 'a',
      title: 'Export invoices as PDF files',
      requirementIds: ['R2'],
    });
    const vague = aTask({ key: 'b', title: 'Reporting', requirementIds: ['R2'] });

    expect(checkCoverage([plain], [named]).get('R2')).toBe('STRONG');
    expect(checkCoverage([plain], [vague]).get('R2')).toBe('WEAK');
  });
});
