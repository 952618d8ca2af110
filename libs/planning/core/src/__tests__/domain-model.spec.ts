import { readBrief } from '../brief-lines';
import { buildDomainModel, readStory } from '../domain-model';
import { defaultBriefNlp } from '../nlp/wink-brief-nlp';
import { Requirement } from '../plan.types';
import { TOOL_RENTAL_BRIEF } from './fixtures/tool-rental-brief.fixture';

const requirement = (text: string, leadIn?: string): Requirement => ({
  id: 'R1',
  text,
  kind: 'bullet',
  line: 1,
  ...(leadIn ? { leadIn } : {}),
});

const read = (text: string, leadIn?: string) =>
  readStory(requirement(text, leadIn), defaultBriefNlp);

describe('readStory', () => {
  it('reads actor, action, thing, attributes and outcome of a user story', () => {
    expect(
      read(
        'As an owner, I want to list my tool with photos, a daily price and its condition so that neighbours can rent it.',
      ),
    ).toEqual({
      requirementId: 'R1',
      actor: 'owner',
      action: 'list',
      entity: 'tool',
      attributes: ['photo', 'daily price', 'condition'],
      related: ['owner'],
      outcome: 'neighbours can rent it',
    });
  });

  it('reads "users can reserve a drill" as reserving a drill, not a booking calendar', () => {
    expect(read('Users can reserve a drill')).toMatchObject({
      actor: 'user',
      action: 'reserve',
      entity: 'drill',
    });
  });

  it('keeps what qualifies the action', () => {
    expect(read('As a renter, I want to reserve a tool for specific dates')).toMatchObject({
      action: 'reserve',
      entity: 'tool',
      qualifier: 'for specific dates',
    });
  });

  it('reads "the condition of a tool" as the tool with a condition', () => {
    expect(read('Renters can report the condition of a tool when they return it')).toMatchObject({
      actor: 'renter',
      action: 'report',
      entity: 'tool',
      attributes: ['condition'],
    });
  });

  it('takes the action of an item from its lead-in and imperative verbs', () => {
    expect(read('approve requests to borrow', 'Owners can')).toMatchObject({
      actor: 'owner',
      action: 'approve',
    });
    expect(read('Search recipes by ingredient')).toMatchObject({
      action: 'search',
      entity: 'recipe',
      related: ['ingredient'],
    });
  });

  it('reads a noun-phrase item through its view noun: "tool listings" lists tools', () => {
    expect(read('Tool listings with photos')).toMatchObject({
      action: 'list',
      entity: 'tool',
      attributes: ['photo'],
    });
  });
});

describe('buildDomainModel on the tool-rental brief', () => {
  const model = buildDomainModel(readBrief(TOOL_RENTAL_BRIEF).requirements, defaultBriefNlp);

  it('finds the tool with its attributes, owner and the actions users take on it', () => {
    const tool = model.entities.find((e) => e.name === 'tool');
    expect(tool?.actions.map((a) => a.verb)).toEqual(['list', 'browse', 'reserve', 'report']);
    expect(tool?.attributes).toEqual(['photo', 'daily price', 'condition']);
    expect(tool?.related).toEqual(expect.arrayContaining(['owner', 'category']));
    expect(tool?.actors).toEqual(['owner', 'renter']);
  });

  it('finds the reservation the owner approves', () => {
    expect(model.entities.map((e) => e.name)).toEqual(['tool', 'reservation']);
    expect(model.entities[1].actions).toEqual([{ verb: 'approve', requirementIds: ['R4'] }]);
  });

  it('has no billing or subscription thing', () => {
    expect(model.entities.map((e) => e.name).join(' ')).not.toMatch(/tier|billing|subscription/);
  });
});
