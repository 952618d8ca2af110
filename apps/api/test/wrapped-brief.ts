/** A tool-rental brief wrapped in a title, metadata, marketing prose, links and an MVP scope line. */
export const WRAPPED_TOOL_BRIEF = `# ToolShare — rent tools from your neighbours

Tier: Pro
Difficulty: Medium

ToolShare is the friendliest way to unlock the tools sitting in every garage. Join thousands of neighbours who already love sharing!

## Useful links

- [Competitor analysis](https://example.com/analysis)
- [Brand guidelines](https://example.com/brand)

## User stories

- As an owner, I want to list my tool with photos, a daily price and its condition so that neighbours can rent it.
- As a renter, I want to reserve a tool for specific dates so that it is ready when I need it.
- As an owner, I want to approve a reservation request so that I decide who borrows my tool.

## Scope

As an MVP you can focus on listing and reserving tools; payments and reviews can come later.`;
