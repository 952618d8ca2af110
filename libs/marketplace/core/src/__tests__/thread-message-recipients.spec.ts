import { PostedMessageFacts, threadMessageRecipients } from '../task-thread';

const posted = (more: Partial<PostedMessageFacts>): PostedMessageFacts => ({
  authorId: 'freelancer',
  authorIsAdmin: false,
  visibility: 'PUBLIC',
  assigneeId: null,
  ownerId: 'owner',
  reviewerIds: ['rev1', 'rev2'],
  earlierPublicPosters: [],
  ...more,
});

describe('threadMessageRecipients', () => {
  it('sends a public question to the owner and the project reviewers, not to other askers', () => {
    expect(
      threadMessageRecipients(
        posted({ authorId: 'asker', earlierPublicPosters: ['other'] }),
      ).sort(),
    ).toEqual(['owner', 'rev1', 'rev2']);
  });

  it('sends a public answer by the owner to everyone who posted before, not to the owner', () => {
    expect(
      threadMessageRecipients(
        posted({ authorId: 'owner', earlierPublicPosters: ['a', 'owner', 'b', 'a'] }),
      ).sort(),
    ).toEqual(['a', 'b']);
  });

  it('sends a public answer by a project reviewer to the earlier posters only', () => {
    expect(
      threadMessageRecipients(posted({ authorId: 'rev2', earlierPublicPosters: ['a', 'rev1'] })),
    ).toEqual(['a', 'rev1']);
  });

  it('treats a public message by an admin as an answer, sent to the earlier posters', () => {
    expect(
      threadMessageRecipients(
        posted({ authorId: 'admin', authorIsAdmin: true, earlierPublicPosters: ['a'] }),
      ),
    ).toEqual(['a']);
  });

  it('sends a private message to the owner, the reviewers and the assignee, minus its author', () => {
    expect(
      threadMessageRecipients(
        posted({ authorId: 'worker', visibility: 'PRIVATE', assigneeId: 'worker' }),
      ).sort(),
    ).toEqual(['owner', 'rev1', 'rev2']);
    expect(
      threadMessageRecipients(
        posted({ authorId: 'owner', visibility: 'PRIVATE', assigneeId: 'worker' }),
      ).sort(),
    ).toEqual(['rev1', 'rev2', 'worker']);
  });

  it('names a person once when they hold two places', () => {
    expect(
      threadMessageRecipients(
        posted({
          authorId: 'worker',
          visibility: 'PRIVATE',
          assigneeId: 'worker',
          reviewerIds: ['owner'],
        }),
      ),
    ).toEqual(['owner']);
  });
});
